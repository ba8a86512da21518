// The Activity section: the matter's events newest first in plain words, the firm's by
// default and the contact's portal events with "Show all portal events"; filters by contact
// and document; Load more; Export CSV (the same filters, every page, as a file).
import { t } from '../texts.js';
import { html, useState, useMemo } from '../../../vendor/preact-htm.js';
import { When } from '../../common/screens/when.js';
import { saveBlob } from '../../common/browser-actions.js';
import { usePagedList } from '../../common/hooks/use-paged-list.js';
import { normalizeEventsQuery, eventsSummary, eventKey, PORTAL_EVENT_TYPES } from '../events.js';
import { eventSentence, detailText } from '../event-words.js';
import { ActivityFilters } from './activity-filters.js';

const PORTAL_TYPES = new Set(PORTAL_EVENT_TYPES);

/**
 * @param {{api: any, matter: any, contacts: any[] | null, documents: any[] | null, announce: Function}} props
 */
export function ActivitySection({ api, matter, contacts, documents, announce }) {
  const [query, setQuery] = useState(() => normalizeEventsQuery({}));
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState('');
  const contactName = useMemo(() => (contacts ?? []).find((c) => c.contactId === query.contactId)?.name ?? '', [contacts, query.contactId]);
  const fileName = useMemo(() => (documents ?? []).find((d) => d.documentId === query.documentId)?.fileName ?? '', [documents, query.documentId]);
  const list = usePagedList(
    (cursor) => api.listEvents(matter.matterId, query, { cursor }),
    [api, matter.matterId, query.contactId, query.documentId, query.showAll],
    { what: t('what-activity'), keyOf: eventKey },
  );

  async function loadMore() {
    const read = await list.loadMore();
    if (read) announce(`${t('events-shown', { count: read.added })}${read.page.nextCursor ? t('more-available') : ''}.`);
  }

  async function exportCsv() {
    setExporting(true);
    setExportError('');
    try {
      const { blob, fileName: name } = await api.exportEvents(matter.matterId, query);
      saveBlob(document, URL, blob, name);
      announce(t('exported-as', { name }), 'success');
    } catch (e) {
      if (e?.status !== 401) setExportError(t('export-failed', { reason: e?.message ?? '' }).trim());
    } finally {
      setExporting(false);
    }
  }

  const failedFirst = list.error && list.loading === null && !list.items.length;
  return html`
    <section class="panel activity" aria-labelledby="activity-heading">
      <div class="section-head">
        <h2 id="activity-heading">${t('section-activity')}</h2>
        <button
          type="button"
          id="events-export"
          class="button secondary"
          onClick=${exportCsv}
          disabled=${exporting}
          aria-busy=${exporting ? 'true' : 'false'}
          aria-describedby="events-export-hint"
        >
          ${exporting ? t('exporting') : t('export-csv')}
        </button>
      </div>
      <p class="hint" id="events-export-hint">${t('export-hint')}</p>
      ${exportError ? html`<p class="message error" id="events-export-error" role="alert">${exportError}</p>` : null}
      <${ActivityFilters} query=${query} contacts=${contacts} documents=${documents} onChange=${(patch) => setQuery((current) => normalizeEventsQuery({ ...current, ...patch }))} />
      ${list.error
        ? html`<div class="message error" role="alert"><p>${list.error}</p><button type="button" class="button" onClick=${list.retry}>${t('try-again')}</button></div>`
        : null}
      <p class="list-summary" id="events-summary" aria-live="polite">
        ${list.loading === 'first'
          ? t('loading-activity')
          : list.loaded && !list.error
            ? eventsSummary({ count: list.items.length, hasMore: list.hasMore, showAll: query.showAll, contactName, fileName })
            : ''}
      </p>
      <ol class="event-list" id="events-list" aria-label=${t('activity-newest')} aria-busy=${list.loading === 'first' ? 'true' : 'false'}>
        ${(failedFirst ? [] : list.items).map((e) => {
          return html`<li key=${e.eventId} class=${`event${PORTAL_TYPES.has(e.type) ? ' event-portal' : ''}`} data-event-id=${e.eventId} data-type=${e.type}>
            <p class="event-line">
              <span class="event-text">${eventSentence(e)}</span>
              ${e.at ? html`<span class="event-when"> · <${When} at=${e.at} /></span>` : null}
            </p>
            ${e.detail ? html`<p class="event-detail">${detailText(e)}</p>` : null}
          </li>`;
        })}
      </ol>
      ${list.hasMore
        ? html`<p class="more">
            <button type="button" id="events-more" class="button secondary" onClick=${loadMore} disabled=${list.loading !== null} aria-busy=${list.loading === 'more' ? 'true' : 'false'}>
              ${t('load-more')}
            </button>
          </p>`
        : null}
    </section>
  `;
}
