// My documents: filter by matter, search by name, sort, pages with "More", and Open / Download.
import { html, useState, useEffect, useRef, useMemo, useCallback } from '../../vendor/preact-htm.js';
import {
  SORT_CHOICES,
  parseSortChoice,
  sortChoiceValue,
  normalizeListQuery,
  appendPage,
  latestOnly,
  listSummary,
  emptyListText,
  matterTitleOf,
  MAX_QUERY_CHARS,
} from '../query.js';
import { formatDateTime, formatSize, kindOf } from '../format.js';
import { linkErrorMessage, ApiError, MESSAGES } from '../api.js';
import { openBlankTab, navigateTab, closeTab, startDownload, isFollowableUrl } from '../browser-actions.js';
import {
  isNewDocument,
  downloadsLeftOf,
  downloadsLeftText,
  afterLinkTaken,
  afterLimitReached,
  isDownloadLimitError,
} from '../document-marks.js';

const SEARCH_DELAY_MS = 350;

/**
 * @param {{api: any, matters: any[] | null, announce: Function, refreshKey: number, onMatterChange: (id: string) => void}} props
 */
export function DocumentList({ api, matters, announce, refreshKey, onMatterChange }) {
  const [query, setQuery] = useState(() => normalizeListQuery({}));
  const [searchText, setSearchText] = useState('');
  const [list, setList] = useState({ items: /** @type {any[]} */ ([]), nextCursor: /** @type {string | null} */ (null), loaded: false });
  const [loading, setLoading] = useState(/** @type {'first' | 'more' | null} */ ('first'));
  const [error, setError] = useState({ text: '', retry: /** @type {'first' | 'more'} */ ('first') });
  const [pending, setPending] = useState('');
  const tickets = useRef(latestOnly());
  const announceNext = useRef(false);
  const focusAfterMore = useRef(/** @type {string | null} */ (null));

  const mattersById = useMemo(() => new Map((matters ?? []).map((m) => [m.matterId, m])), [matters]);
  const filterTitle = query.matterId ? mattersById.get(query.matterId)?.title || query.matterId : '';

  const loadFirst = useCallback(async () => {
    const ticket = tickets.current.next();
    setLoading('first');
    setError({ text: '', retry: 'first' });
    try {
      const page = await api.listDocuments(query);
      if (!tickets.current.isLatest(ticket)) return;
      setList({ items: page.items, nextCursor: page.nextCursor, loaded: true });
      if (announceNext.current) {
        announceNext.current = false;
        announce(
          page.items.length || !page.nextCursor
            ? listSummary({ count: page.items.length, hasMore: !!page.nextCursor, q: query.q, matterTitle: filterTitle })
            : emptyListText({ hasMore: true }),
        );
      }
    } catch (e) {
      if (!tickets.current.isLatest(ticket) || e?.status === 401) return;
      setError({ text: `Your documents could not be loaded. ${e?.message ?? ''}`.trim(), retry: 'first' });
    } finally {
      if (tickets.current.isLatest(ticket)) setLoading(null);
    }
  }, [api, query, filterTitle, announce]);

  useEffect(() => {
    loadFirst();
  }, [api, query, refreshKey]);

  const loadMore = useCallback(async () => {
    if (!list.nextCursor) return;
    const ticket = tickets.current.next();
    const before = list.items.length;
    setLoading('more');
    setError({ text: '', retry: 'more' });
    try {
      const page = await api.listDocuments(query, { cursor: list.nextCursor });
      if (!tickets.current.isLatest(ticket)) return;
      const items = appendPage(list.items, page.items);
      setList({ items, nextCursor: page.nextCursor, loaded: true });
      const added = items.length - before;
      focusAfterMore.current = added > 0 ? items[before].documentId : page.nextCursor ? null : '';
      announce(
        added > 0
          ? `${added} more ${added === 1 ? 'document' : 'documents'} shown${page.nextCursor ? '; more are available' : ''}.`
          : page.nextCursor
            ? 'No more matches on this page. Press More to search further.'
            : query.q
              ? 'No more matches.'
              : 'No more documents.',
      );
    } catch (e) {
      if (!tickets.current.isLatest(ticket) || e?.status === 401) return;
      setError({ text: `More documents could not be loaded. ${e?.message ?? ''}`.trim(), retry: 'more' });
    } finally {
      if (tickets.current.isLatest(ticket)) setLoading(null);
    }
  }, [api, query, list, announce]);

  // After "More": focus the first new document's first button, or the list heading when the
  // More button went away with nothing new.
  useEffect(() => {
    const target = focusAfterMore.current;
    if (target === null) return;
    focusAfterMore.current = null;
    if (target) {
      document.querySelector(`[data-document-id="${CSS.escape(target)}"] button`)?.focus();
    } else {
      document.getElementById('documents-summary')?.focus();
    }
  });

  // Search as the person types, a moment after they stop.
  useEffect(() => {
    const q = normalizeListQuery({ q: searchText }).q;
    if (q === query.q) return undefined;
    const timer = setTimeout(() => {
      announceNext.current = true;
      setQuery((current) => ({ ...current, q }));
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText, query.q]);

  function submitSearch(event) {
    event.preventDefault();
    const q = normalizeListQuery({ q: searchText }).q;
    announceNext.current = true;
    if (q === query.q) loadFirst();
    else setQuery((current) => ({ ...current, q }));
  }

  function changeMatter(event) {
    const matterId = event.currentTarget.value;
    announceNext.current = true;
    setQuery((current) => ({ ...current, matterId }));
    onMatterChange(matterId);
  }

  function changeSort(event) {
    const { sort, order } = parseSortChoice(event.currentTarget.value);
    announceNext.current = true;
    setQuery((current) => ({ ...current, sort, order }));
  }

  async function getLink(doc, disposition) {
    const link = await api.createLink(doc.documentId, disposition);
    if (!isFollowableUrl(link?.url)) {
      throw new ApiError({ status: 502, code: 'bad_response', message: MESSAGES.bad_response });
    }
    // Taken: the document is no longer new here (and the service says so on the next load).
    setList((current) => ({ ...current, items: afterLinkTaken(current.items, doc.documentId, disposition) }));
    return link.url;
  }

  function handleLinkError(e, doc, disposition) {
    if (e?.status === 401) return; // the page signs out and says so
    announce(linkErrorMessage(e, doc, disposition), 'error');
    if (isDownloadLimitError(e)) setList((current) => ({ ...current, items: afterLimitReached(current.items, doc.documentId) }));
    if (e?.status === 404) loadFirst();
  }

  async function openDocument(doc) {
    // The tab opens inside the click; its address follows once the link is minted.
    const tab = openBlankTab(window, `Opening ${doc.fileName}…`);
    setPending(`${doc.documentId}:view`);
    try {
      const url = await getLink(doc, 'view');
      if (tab) {
        navigateTab(tab, url);
        announce(`Opened “${doc.fileName}” in a new tab.`, 'success');
      } else {
        announce(`Your browser blocked the new tab.`, 'info', { href: url, label: `Open “${doc.fileName}”` });
      }
    } catch (e) {
      closeTab(tab);
      handleLinkError(e, doc, 'view');
    } finally {
      setPending('');
    }
  }

  async function downloadDocument(doc) {
    setPending(`${doc.documentId}:download`);
    try {
      const url = await getLink(doc, 'download');
      startDownload(document, url);
      announce(`Downloading “${doc.fileName}”.`, 'success');
    } catch (e) {
      handleLinkError(e, doc, 'download');
    } finally {
      setPending('');
    }
  }

  const hasMore = !!list.nextCursor;
  const summary = list.loaded
    ? list.items.length
      ? listSummary({ count: list.items.length, hasMore, q: query.q, matterTitle: filterTitle })
      : ''
    : '';

  return html`
    <div class="documents">
      <div class="list-controls">
        <form class="search-form" role="search" onSubmit=${submitSearch} aria-label="Documents">
          <label for="document-search">Search</label>
          <input
            id="document-search"
            name="q"
            type="search"
            placeholder="File name"
            autocomplete="off"
            maxlength=${MAX_QUERY_CHARS}
            value=${searchText}
            onInput=${(e) => setSearchText(e.currentTarget.value)}
          />
          <button type="submit" class="button secondary">Search</button>
        </form>
        <div class="field">
          <label for="matter-filter">Matter</label>
          <select id="matter-filter" name="matterId" value=${query.matterId} onChange=${changeMatter}>
            <option value="">All matters</option>
            ${(matters ?? []).map((m) => html`<option key=${m.matterId} value=${m.matterId}>${m.title || m.matterId}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="document-sort">Sort</label>
          <select id="document-sort" name="sort" value=${sortChoiceValue(query)} onChange=${changeSort}>
            ${SORT_CHOICES.map((c) => html`<option key=${c.value} value=${c.value}>${c.label}</option>`)}
          </select>
        </div>
      </div>

      ${error.text
        ? html`<div class="message error" id="documents-error" role="alert">
            <p>${error.text}</p>
            <button type="button" class="button" onClick=${() => (error.retry === 'more' ? loadMore() : loadFirst())}>
              Try again
            </button>
          </div>`
        : null}

      <p id="documents-summary" class="list-summary" tabindex="-1">
        ${loading === 'first' ? 'Loading documents…' : summary}
      </p>

      ${list.loaded && list.items.length === 0 && loading !== 'first' && !error.text
        ? html`<p class="empty" id="documents-empty">${emptyListText({ hasMore, q: query.q, matterId: query.matterId })}</p>`
        : null}

      <ul id="documents-list" class="doc-list" aria-labelledby="main-heading" aria-busy=${loading === 'first' ? 'true' : 'false'}>
        ${list.items.map(
          (doc) => html`<${DocumentItem}
            key=${doc.documentId}
            doc=${doc}
            matterTitle=${matterTitleOf(doc, mattersById)}
            pending=${pending}
            onOpen=${openDocument}
            onDownload=${downloadDocument}
          />`,
        )}
      </ul>

      ${hasMore
        ? html`<p class="more">
            <button
              type="button"
              id="documents-more"
              class="button secondary"
              onClick=${loadMore}
              disabled=${loading !== null}
              aria-busy=${loading === 'more' ? 'true' : 'false'}
            >
              More
            </button>
            ${loading === 'more' ? html`<span class="loading-inline"> Loading…</span>` : null}
          </p>`
        : null}
    </div>
  `;
}

/**
 * One document: its name, matter, kind, size and dates; "Uploaded by you" for mine; Open,
 * and Download where allowed.
 */
function DocumentItem({ doc, matterTitle, pending, onOpen, onDownload }) {
  const nameId = `doc-name-${doc.documentId}`;
  const mine = doc.uploadedByMe === true;
  const busyView = pending === `${doc.documentId}:view`;
  const busyDownload = pending === `${doc.documentId}:download`;
  const activity = formatDateTime(doc.activityAt);
  const created = formatDateTime(doc.createdAt);
  const fresh = isNewDocument(doc);
  const left = downloadsLeftOf(doc);
  const canDownloadNow = doc.canDownload && left !== 0;
  return html`
    <li class=${`doc${mine ? ' mine' : ''}${fresh ? ' is-new' : ''}`} data-document-id=${doc.documentId} data-mine=${mine ? 'true' : 'false'} data-new=${fresh ? 'true' : 'false'}>
      <div class="doc-main">
        <p class="doc-name">
          ${fresh ? html`<span class="badge new-badge">New<span class="visually-hidden">, not opened yet:</span></span> ` : null}
          <span id=${nameId} class="doc-file-name">${doc.fileName}</span>
          ${mine ? html` <span class="badge mine-badge">Uploaded by you</span>` : null}
          ${doc.canDownload ? null : html` <span class="badge view-only">View only</span>`}
        </p>
        <p class="doc-meta">
          <span class="doc-matter"><span class="visually-hidden">Matter: </span>${matterTitle}</span>
          <span class="doc-kind">${kindOf(doc.contentType)}</span>
          <span class="doc-size">${formatSize(doc.size)}</span>
          ${doc.canDownload && left !== null
            ? html`<span class=${`doc-downloads-left${left === 0 ? ' none-left' : ''}`}>${downloadsLeftText(doc)}</span>`
            : null}
        </p>
        <p class="doc-dates">
          ${activity
            ? html`<span class="doc-activity">${mine ? 'Uploaded' : 'Shared'} <time datetime=${doc.activityAt}>${activity}</time></span>`
            : null}
          ${created && created !== activity
            ? html`<span class="doc-created">Created <time datetime=${doc.createdAt}>${created}</time></span>`
            : null}
        </p>
      </div>
      <div class="doc-actions">
        <button
          type="button"
          class="button"
          aria-describedby=${nameId}
          onClick=${() => onOpen(doc)}
          aria-busy=${busyView ? 'true' : 'false'}
        >
          Open
        </button>
        ${canDownloadNow
          ? html`<button
              type="button"
              class="button secondary"
              aria-describedby=${nameId}
              onClick=${() => onDownload(doc)}
              disabled=${busyDownload}
              aria-busy=${busyDownload ? 'true' : 'false'}
            >
              Download
            </button>`
          : null}
      </div>
    </li>
  `;
}
