// The upload icon shown before a contact's upload (the reference's cloud-upload mark).
import { html } from '../../../vendor/preact-htm.js';

export function UploadIcon() {
  return html`<svg class="upload-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
    <path d="M6.5 19.5a4.5 4.5 0 0 1-.7-8.95 6.2 6.2 0 0 1 12-1.3 4.9 4.9 0 0 1-.3 10.25Z" fill="currentColor" />
    <path d="M12 16.5v-6m0 0-2.6 2.6M12 10.5l2.6 2.6" fill="none" stroke="#ffffff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
  </svg>`;
}
