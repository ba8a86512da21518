// The top of my portal: what needs me now (tasks, bills, unread messages, new documents, the
// next event), each line leading to its place on the page or its conversation, and everything
// shared with me across my matters, newest shared first.
import { html, useState, useEffect } from '../../../vendor/preact-htm.js';
import { needsLines, sharedKindLabel } from '../../common/home.js';
import { whenText } from '../../common/appointments.js';
import { formatDate } from '../../common/format.js';
import { t } from '../texts.js';

/** How many shared items show before "Show all". */
const FIRST_SHARED = 8;

/** @param {{api: any, refreshKey: number, onMessages: (matterId: string) => void}} props */
export function Home({ api, refreshKey, onMessages }) {
  const [home, setHome] = useState(/** @type {any} */ (null));
  const [error, setError] = useState('');
  const [showAll, setShowAll] = useState(false);
  useEffect(() => {
    api.home().then(
      (answer) => {
        setHome(answer);
        setError('');
      },
      (e) => {
        if (e?.status !== 401) setError(t('needs-failed', { reason: e?.message ?? '' }).trim());
      },
    );
  }, [api, refreshKey]);

  if (error) return html`<p class="message error" role="alert">${error}</p>`;
  if (!home) return null;
  const lines = needsLines(home.needs, (a) => whenText(a));
  const shared = home.shared ?? [];
  const visible = showAll ? shared : shared.slice(0, FIRST_SHARED);
  return html`<div class="home">
    <section class="needs-panel" aria-labelledby="needs-heading">
      <h2 id="needs-heading">${t('needs-heading')}</h2>
      ${lines.length
        ? html`<ul class="needs-list" id="needs-list">
            ${lines.map((l) => html`<li key=${l.key} class=${l.urgent ? 'urgent' : ''}>
              ${l.matterId
                ? html`<button type="button" class="link-button" onClick=${() => onMessages(l.matterId)}>${l.text}</button>`
                : html`<a href=${l.href}>${l.text}</a>`}
            </li>`)}
          </ul>`
        : html`<p class="subtle" id="needs-none">${t('needs-none')}</p>`}
    </section>
    ${shared.length
      ? html`<section class="shared-panel" aria-labelledby="shared-heading">
          <h2 id="shared-heading">${t('shared-heading')}</h2>
          <ol class="shared-list" id="shared-list">
            ${visible.map((item) => html`<li key=${`${item.kind}-${item.id}`} data-kind=${item.kind}>
              <span class="badge">${sharedKindLabel(item.kind)}</span>
              <span class="shared-title">${item.title}</span>
              <span class="subtle">${item.matterTitle} · ${formatDate(item.sharedAt)}</span>
            </li>`)}
          </ol>
          ${shared.length > FIRST_SHARED && !showAll
            ? html`<button type="button" class="button quiet" onClick=${() => setShowAll(true)}>${t('show-all', { count: shared.length })}</button>`
            : null}
        </section>`
      : null}
  </div>`;
}
