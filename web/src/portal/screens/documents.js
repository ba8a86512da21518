// My documents: filter by matter (one matter's grouped by folder, each folder and the matter
// downloadable as one zip), search by name, sort, pages with "More", and Open / Download.
import { html, useState, useEffect, useRef, useMemo } from '../../../vendor/preact-htm.js';
import { parseSortChoice, normalizeListQuery, listSummary, emptyListText, matterTitleOf } from '../../common/query.js';
import { usePagedList } from '../../common/hooks/use-paged-list.js';
import { useSearchText } from '../../common/hooks/use-search-text.js';
import { useDocumentLinks } from '../hooks/use-document-links.js';
import { DocumentFilters } from './document-filters.js';
import { DocumentItem } from './document-item.js';
import { shouldGroup } from '../folder-groups.js';
import { useZipDownload } from '../hooks/use-zip-download.js';
import { offersZip } from '../../common/zips.js';
import { FolderGroups } from './folder-groups.js';
import { t } from '../texts.js';

const cleanSearch = (text) => normalizeListQuery({ q: text }).q;

/**
 * @param {{api: any, matters: any[] | null, announce: Function, refreshKey: number, onMatterChange: (id: string) => void, onOpened: () => void}} props
 *   onOpened: a link was taken (what needs the contact no longer counts that document new)
 */
export function DocumentList({ api, matters, announce, refreshKey, onMatterChange, onOpened }) {
  const [query, setQuery] = useState(() => normalizeListQuery({}));
  const announceNext = useRef(false);
  const focusAfterMore = useRef(/** @type {string | null} */ (null));
  const mattersById = useMemo(() => new Map((matters ?? []).map((m) => [m.matterId, m])), [matters]);
  const filterTitle = query.matterId ? mattersById.get(query.matterId)?.title || query.matterId : '';
  const list = usePagedList((cursor) => api.listDocuments(query, { cursor }), [api, query, refreshKey], { what: t('what-your-documents') });
  const links = useDocumentLinks({ api, announce, setItems: list.setItems, reload: list.reload, onTaken: onOpened });
  const zips = useZipDownload({ api, announce, reload: list.reload });

  /** Changes the query; the list read for it is announced. */
  const requery = (change) => {
    announceNext.current = true;
    setQuery((current) => ({ ...current, ...change }));
  };
  const search = useSearchText(
    query.q,
    (q) => {
      if (q !== query.q) return requery({ q });
      announceNext.current = true;
      return list.reload();
    },
    cleanSearch,
  );

  // A list read for a new query is announced once it arrives.
  useEffect(() => {
    if (!announceNext.current || list.loading) return;
    announceNext.current = false;
    if (list.error) return;
    const count = list.items.length;
    announce(count || !list.hasMore ? listSummary({ count, hasMore: list.hasMore, q: query.q, matterTitle: filterTitle }) : emptyListText({ hasMore: true }));
  }, [list.loading]);

  async function loadMore() {
    const read = await list.loadMore();
    if (!read) return;
    const more = !!read.page.nextCursor;
    focusAfterMore.current = read.added > 0 ? read.items[read.first].documentId : more ? null : '';
    announce(
      read.added > 0
        ? `${t('more-shown', { count: read.added })}${more ? t('more-available') : ''}.`
        : more
          ? t('no-more-on-page')
          : query.q
            ? t('no-more-matches')
            : t('no-more-documents'),
    );
  }

  // After "More": focus the first new document's first button, or the list heading when the
  // More button went away with nothing new.
  useEffect(() => {
    const target = focusAfterMore.current;
    if (target === null) return;
    focusAfterMore.current = null;
    if (target) document.querySelector(`[data-document-id="${CSS.escape(target)}"] button`)?.focus();
    else document.getElementById('documents-summary')?.focus();
  });

  const onMatter = (event) => {
    const matterId = event.currentTarget.value;
    requery({ matterId });
    onMatterChange(matterId);
  };
  const onSort = (event) => requery(parseSortChoice(event.currentTarget.value));
  const grouped = shouldGroup(query.matterId, list.items);
  const item = (doc) => html`<${DocumentItem}
    key=${doc.documentId}
    doc=${doc}
    grouped=${grouped}
    matterTitle=${matterTitleOf(doc, mattersById)}
    pending=${links.pending}
    onOpen=${links.open}
    onDownload=${links.download}
  />`;
  const zipOffered = !!query.matterId && offersZip(mattersById.get(query.matterId), list.items);
  const summary = list.loaded && list.items.length ? listSummary({ count: list.items.length, hasMore: list.hasMore, q: query.q, matterTitle: filterTitle }) : '';

  return html`
    <div class="documents">
      <${DocumentFilters} query=${query} matters=${matters} search=${search} onMatter=${onMatter} onSort=${onSort} />
      ${list.error
        ? html`<div class="message error" id="documents-error" role="alert">
            <p>${list.error}</p>
            <button type="button" class="button" onClick=${list.retry}>${t('try-again')}</button>
          </div>`
        : null}
      <p id="documents-summary" class="list-summary" tabindex="-1">${list.loading === 'first' ? t('loading-documents') : summary}</p>
      ${zipOffered
        ? html`<p class="zip-all">
            <button type="button" id="download-all" class="button secondary" disabled=${!!zips.pending} aria-busy=${zips.pending === 'matter' ? 'true' : 'false'}
              onClick=${() => zips.download(query.matterId, null, t('zip-what-matter', { matter: filterTitle }))}>${t('download-all-zip')}</button>
          </p>`
        : null}
      ${list.loaded && list.items.length === 0 && list.loading !== 'first' && !list.error
        ? html`<p class="empty" id="documents-empty">${emptyListText({ hasMore: list.hasMore, q: query.q, matterId: query.matterId })}</p>`
        : null}
      <ul id="documents-list" class="doc-list" aria-labelledby="main-heading" aria-busy=${list.loading === 'first' ? 'true' : 'false'}>
        ${grouped
          ? html`<${FolderGroups} items=${list.items} item=${item} zips=${zipOffered ? zips : null} matterId=${query.matterId} />`
          : list.items.map(item)}
      </ul>
      ${list.hasMore
        ? html`<p class="more">
            <button type="button" id="documents-more" class="button secondary" onClick=${loadMore} disabled=${list.loading !== null} aria-busy=${list.loading === 'more' ? 'true' : 'false'}>
              ${t('more')}
            </button>
            ${list.loading === 'more' ? html`<span class="loading-inline"> ${t('loading')}</span>` : null}
          </p>`
        : null}
    </div>
  `;
}
