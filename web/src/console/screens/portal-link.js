// The link staff give clients: the portal's address, with Copy.
import { t } from '../texts.js';
import { html } from '../../../vendor/preact-htm.js';

/** @param {{url: string, announce: Function}} props */
export function PortalLink({ url, announce }) {
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      announce(t('link-copied'), 'success');
    } catch {
      document.getElementById('portal-link')?.select();
      announce(t('link-copy-blocked'), 'info');
    }
  }
  return html`<div class="portal-link">
    <label for="portal-link">${t('portal-link')}</label>
    <div class="input-with-button">
      <input id="portal-link" type="text" readonly value=${url} onFocus=${(e) => e.currentTarget.select()} />
      <button type="button" class="button secondary" id="portal-link-copy" onClick=${copy}>${t('copy-link')}</button>
    </div>
    <p class="hint">${t('portal-link-hint')}</p>
  </div>`;
}
