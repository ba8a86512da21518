// The Activity section: the matter's events newest first in plain words, the firm's by
// default and the contact's portal events with "Show all portal events"; filters by contact
// and document; Load more; Export CSV (the same filters, every page, as a file).
import { html, useState, useEffect, useRef, useCallback, useMemo } from '../../../vendor/preact-htm.js';
import { latestOnly } from '../../query.js';
import { formatDateTime } from '../../format.js';
import { saveBlob } from '../../browser-actions.js';
import {
  normalizeEventsQuery,
  appendEvents,
  eventSentence,
  detailText,
  eventsSummary,
  PORTAL_EVENT_TYPES,
} from '../events.js';

/**
 * @param {{api: any, matter: any, contacts: any[] | null, documents: any[] | null, announce: Function}} props
 */
export function ActivitySection({ api, matter, contacts, documents, announce }) {
  const [query, setQuery] = useState(() => normalizeEventsQuery({}));
  const [list, setList] = useState({ items: /** @type {any[]} */ ([]), nextCursor: /** @type {string | null} */ (null), loaded: false });
  const [loading, setLoading] = useState(/** @type {'first' | 'more' | null} */ ('first'));
  const [error, setError] = useState({ text: '', retry: /** @type {'first' | 'more'} */ ('first') });
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState('');
  const tickets = useRef(latestOnly());

  const contactName = useMemo(() => (contacts ?? []).find((c) => c.contactId === query.contactId)?.name ?? '', [contacts, query.contactId]);
  const fileName = useMemo(() => (documents ?? []).find((d) => d.documentId === query.documentId)?.fileName ?? '', [documents, query.documentId]);

  const loadFirst = useCallback(async () => {
    const ticket = tickets.current.next();
    setLoading('first');
    setError({ text: '', retry: 'first' });
    try {
      const page = await api.listEvents(matter.matterId, query);
      if (!tickets.current.isLatest(ticket)) return;
      setList({ items: page.items, nextCursor: page.nextCursor, loaded: true });
    } catch (e) {
      if (!tickets.current.isLatest(ticket) || e?.status === 401) return;
      setList({ items: [], nextCursor: null, loaded: true });
      setError({ text: `The activity could not be loaded. ${e?.message ?? ''}`.trim(), retry: 'first' });
    } finally {
      if (tickets.current.isLatest(ticket)) setLoading(null);
    }
  }, [api, matter.matterId, query.contactId, query.documentId, query.showAll]);
  useEffect(() => {
    loadFirst();
  }, [loadFirst]);

  async function loadMore() {
    if (!list.nextCursor) return;
    const ticket = tickets.current.next();
    const before = list.items.length;
    setLoading('more');
    setError({ text: '', retry: 'more' });
    try {
      const page = await api.listEvents(matter.matterId, query, { cursor: list.nextCursor });
      if (!tickets.current.isLatest(ticket)) return;
      const items = appendEvents(list.items, page.items);
      setList({ items, nextCursor: page.nextCursor, loaded: true });
      const added = items.length - before;
      announce(`${added} more ${added === 1 ? 'event' : 'events'} shown${page.nextCursor ? '; more are available' : ''}.`);
    } catch (e) {
      if (!tickets.current.isLatest(ticket) || e?.status === 401) return;
      setError({ text: `More activity could not be loaded. ${e?.message ?? ''}`.trim(), retry: 'more' });
    } finally {
      if (tickets.current.isLatest(ticket)) setLoading(null);
    }
  }

  async function exportCsv() {
    setExporting(true);
    setExportError('');
    try {
      const { blob, fileName: name } = await api.exportEvents(matter.matterId, query);
      saveBlob(document, URL, blob, name);
      announce(`The activity was exported as ${name}.`, 'success');
    } catch (e) {
      if (e?.status !== 401) setExportError(`The export did not work. ${e?.message ?? ''}`.trim());
    } finally {
      setExporting(false);
    }
  }

  const change = (patch) => setQuery((current) => normalizeEventsQuery({ ...current, ...patch }));
  const portalTypes = new Set(PORTAL_EVENT_TYPES);

  return html`
    <section class="panel activity" aria-labelledby="activity-heading">
      <div class="section-head">
        <h2 id="activity-heading">Activity</h2>
        <button
          type="button"
          id="events-export"
          class="button secondary"
          onClick=${exportCsv}
          disabled=${exporting}
          aria-busy=${exporting ? 'true' : 'false'}
          aria-describedby="events-export-hint"
        >
          ${exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      <p class="hint" id="events-export-hint">What staff did and what contacts did on the portal, newest first. Export CSV saves the events the filters below select.</p>
      ${exportError ? html`<p class="message error" id="events-export-error" role="alert">${exportError}</p>` : null}
      <div class="activity-filters">
        <label class="switch" for="events-show-all">
          <input
            id="events-show-all"
            type="checkbox"
            role="switch"
            checked=${query.showAll}
            onChange=${(e) => change({ showAll: e.currentTarget.checked })}
            aria-describedby="events-show-all-hint"
          />
          <span class="switch-text">Show all portal events</span>
        </label>
        <p class="hint" id="events-show-all-hint">Adds sign-ins, sign-outs, views, downloads and invitations.</p>
        <div class="field-row">
          <div class="field">
            <label for="events-contact">Contact</label>
            <select id="events-contact" value=${query.contactId} onChange=${(e) => change({ contactId: e.currentTarget.value })}>
              <option value="">All contacts</option>
              ${(contacts ?? []).map((c) => html`<option key=${c.contactId} value=${c.contactId}>${c.name || c.email || c.contactId}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="events-document">Document</label>
            <select id="events-document" value=${query.documentId} onChange=${(e) => change({ documentId: e.currentTarget.value })}>
              <option value="">All documents</option>
              ${(documents ?? []).map((d) => html`<option key=${d.documentId} value=${d.documentId}>${d.fileName}</option>`)}
            </select>
          </div>
        </div>
      </div>
      ${error.text
        ? html`<div class="message error" role="alert"><p>${error.text}</p><button type="button" class="button" onClick=${() => (error.retry === 'more' ? loadMore() : loadFirst())}>Try again</button></div>`
        : null}
      <p class="list-summary" id="events-summary" aria-live="polite">
        ${loading === 'first'
          ? 'Loading activity…'
          : list.loaded && !error.text
            ? eventsSummary({ count: list.items.length, hasMore: !!list.nextCursor, showAll: query.showAll, contactName, fileName })
            : ''}
      </p>
      <ol class="event-list" id="events-list" aria-label="Activity, newest first" aria-busy=${loading === 'first' ? 'true' : 'false'}>
        ${list.items.map((e) => {
          const when = formatDateTime(e.at);
          const portal = portalTypes.has(e.type);
          return html`<li key=${e.eventId} class=${`event${portal ? ' event-portal' : ''}`} data-event-id=${e.eventId} data-type=${e.type}>
            <p class="event-line">
              <span class="event-text">${eventSentence(e)}</span>
              ${when ? html`<span class="event-when"> · <time datetime=${e.at}>${when}</time></span>` : null}
            </p>
            ${e.detail ? html`<p class="event-detail">${detailText(e)}</p>` : null}
          </li>`;
        })}
      </ol>
      ${list.nextCursor
        ? html`<p class="more">
            <button type="button" id="events-more" class="button secondary" onClick=${loadMore} disabled=${loading !== null} aria-busy=${loading === 'more' ? 'true' : 'false'}>
              Load more
            </button>
          </p>`
        : null}
    </section>
  `;
}
