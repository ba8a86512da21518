// A document's readers, behind a disclosure: who it is shared with and opened it (how often,
// when last) and who has not opened it yet. Asked for when opened, again on each opening.
import { t } from '../texts.js';
import { html, useState, useRef } from '../../../vendor/preact-htm.js';
import { latestOnly } from '../../common/query.js';
import { readerText, readersSummary } from '../receipts.js';
import { momentTitle } from '../../common/format.js';

/** @param {{api: any, matterId: string, doc: {documentId: string, fileName: string}}} props */
export function ReadersDisclosure({ api, matterId, doc }) {
  const [readers, setReaders] = useState(/** @type {{opened: any[], notOpened: any[]} | null} */ (null));
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');
  const tickets = useRef(latestOnly());

  async function load() {
    const ticket = tickets.current.next();
    setLoading(true);
    setError('');
    try {
      const answer = await api.listReaders(matterId, doc.documentId);
      if (tickets.current.isLatest(ticket)) setReaders(answer);
    } catch (e) {
      if (!tickets.current.isLatest(ticket) || e?.status === 401) return;
      setError(t('readers-failed', { reason: e?.message ?? '' }).trim());
    } finally {
      if (tickets.current.isLatest(ticket)) setLoading(false);
    }
  }

  const name = (r) => r.contactName || r.contactId;
  return html`<details
    class="readers"
    data-readers-for=${doc.documentId}
    onToggle=${(e) => {
      if (e.currentTarget.open) load();
    }}
  >
    <summary>${t('readers')}<span class="visually-hidden">${t('of-name', { name: doc.fileName })}</span></summary>
    <div class="readers-body" aria-live="polite" aria-busy=${loading ? 'true' : 'false'}>
      ${error
        ? html`<p class="field-error" role="alert">${error} <button type="button" class="button quiet" onClick=${load}>${t('try-again')}</button></p>`
        : readers === null
          ? html`<p class="subtle">${t('loading')}</p>`
          : html`
              <p class="readers-summary">${readersSummary(readers)}</p>
              ${readers.opened.length
                ? html`<h3 class="readers-heading">${t('opened')}</h3>
                    <ul class="readers-list readers-opened">
                      ${readers.opened.map((r) => html`<li key=${r.contactId} data-contact-id=${r.contactId}><span class="reader-name">${name(r)}</span> <span class="subtle" title=${momentTitle(r.lastOpenedAt || r.sharedAt)}>${readerText(r)}</span></li>`)}
                    </ul>`
                : null}
              ${readers.notOpened.length
                ? html`<h3 class="readers-heading">${t('not-opened-yet')}</h3>
                    <ul class="readers-list readers-not-opened">
                      ${readers.notOpened.map((r) => html`<li key=${r.contactId} data-contact-id=${r.contactId}><span class="reader-name">${name(r)}</span> <span class="subtle" title=${momentTitle(r.lastOpenedAt || r.sharedAt)}>${readerText(r)}</span></li>`)}
                    </ul>`
                : null}
            `}
    </div>
  </details>`;
}
