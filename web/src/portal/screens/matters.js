// My matters: title, the firm contact, whether I may download, and each one's messages with
// the count of unread ones.
import { html } from '../../../vendor/preact-htm.js';
import { t } from '../texts.js';

/**
 * @param {{matters: any[] | null, error: string, onRetry: () => void, unread: Map<string, number>,
 *   onMessages: (matterId: string) => void, current: string}} props
 */
export function MatterList({ matters, error, onRetry, unread, onMessages, current }) {
  return html`
    <section class="panel matters">
      <h2 id="matters-heading">${t('your-matters')}</h2>
      ${error
        ? html`<p class="message error">${error}</p>
            <button type="button" class="button" onClick=${onRetry}>${t('try-again')}</button>`
        : null}
      ${matters === null
        ? html`<p class="loading" aria-busy="true">${t('loading-matters')}</p>`
        : matters.length === 0 && !error
          ? html`<p>${t('no-matters')}</p>`
          : html`<ul class="matter-list" id="matter-list">
              ${matters.map(
                (m) => html`<li key=${m.matterId} data-matter-id=${m.matterId}>
                  <span class="matter-title">${m.title || m.matterId}</span>
                  ${m.owner?.name ? html`<span class="matter-owner">${t('your-contact', { name: m.owner.name })}</span>` : null}
                  <span class="matter-access">${m.canDownload ? t('view-and-download') : t('view-only')}</span>
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
    ${t('messages')}${unread > 0 ? html` <span class="badge unread-badge" aria-label=${t('unread-n', { count: unread })}>${unread}</span>` : null}
  </button>`;
}
