// My matters: title, the firm contact, and whether I may download.
import { html } from '../../../vendor/preact-htm.js';

/**
 * @param {{matters: any[] | null, error: string, onRetry: () => void}} props
 */
export function MatterList({ matters, error, onRetry }) {
  return html`
    <section class="panel matters">
      <h2 id="matters-heading">Your matters</h2>
      ${error
        ? html`<p class="message error">${error}</p>
            <button type="button" class="button" onClick=${onRetry}>Try again</button>`
        : null}
      ${matters === null
        ? html`<p class="loading" aria-busy="true">Loading your matters…</p>`
        : matters.length === 0 && !error
          ? html`<p>You have no open matters in the portal.</p>`
          : html`<ul class="matter-list" id="matter-list">
              ${matters.map(
                (m) => html`<li key=${m.matterId} data-matter-id=${m.matterId}>
                  <span class="matter-title">${m.title || m.matterId}</span>
                  ${m.owner?.name ? html`<span class="matter-owner">Your contact: ${m.owner.name}</span>` : null}
                  <span class="matter-access">${m.canDownload ? 'View and download' : 'View only'}</span>
                </li>`,
              )}
            </ul>`}
    </section>
  `;
}
