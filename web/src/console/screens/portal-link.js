// The link staff give clients: the portal's address, with Copy.
import { html } from '../../../vendor/preact-htm.js';

/** @param {{url: string, announce: Function}} props */
export function PortalLink({ url, announce }) {
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      announce('The portal link was copied.', 'success');
    } catch {
      document.getElementById('portal-link')?.select();
      announce('Select the link and copy it (the browser did not allow copying).', 'info');
    }
  }
  return html`<div class="portal-link">
    <label for="portal-link">Portal link to give clients</label>
    <div class="input-with-button">
      <input id="portal-link" type="text" readonly value=${url} onFocus=${(e) => e.currentTarget.select()} />
      <button type="button" class="button secondary" id="portal-link-copy" onClick=${copy}>Copy link</button>
    </div>
    <p class="hint">Clients sign in there with the address you give them access under; each invitation link works once, for one hour.</p>
  </div>`;
}
