// My matters: title, the firm contact, whether I may download, and each one's messages with
// the count of unread ones.
import { html } from '../../../vendor/preact-htm.js';

/**
 * @param {{matters: any[] | null, error: string, onRetry: () => void, unread: Map<string, number>,
 *   onMessages: (matterId: string) => void, current: string}} props
 */
export function MatterList({ matters, error, onRetry, unread, onMessages, current }) {
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
                  <${MessagesButton} matterId=${m.matterId} unread=${unread.get(m.matterId) ?? 0} onMessages=${onMessages} current=${current} />
                </li>`,
              )}
            </ul>`}
    </section>
  `;
}

function MessagesButton({ matterId, unread, onMessages, current }) {
  const here = current === matterId;
  return html`<button
    type="button"
    class=${`button secondary messages-button${here ? ' current' : ''}`}
    aria-current=${here ? 'page' : undefined}
    onClick=${() => onMessages(matterId)}
  >
    Messages${unread > 0 ? html` <span class="badge unread-badge" aria-label=${`${unread} unread`}>${unread}</span>` : null}
  </button>`;
}
