// The document list's query: filter by matter, search by name, sort and order, pages.
// No DOM; tested in test/unit/query.test.js.

import { t } from './texts.js';

export const SORTS = /** @type {const} */ (['activity', 'name', 'created']);
export const ORDERS = /** @type {const} */ (['asc', 'desc']);
export const MAX_QUERY_CHARS = 200;
export const PAGE_SIZE = 50;

/** The order a sort takes when none is given (the service's defaults). */
export function defaultOrder(sort) {
  return sort === 'name' ? 'asc' : 'desc';
}

/**
 * The choices of the one "Sort" control: each a sort and an order, the default first.
 * `value` is what the <select> carries ("activity-desc").
 */
export const SORT_CHOICES = [
  { value: 'activity-desc', sort: 'activity', order: 'desc', labelKey: 'sort-activity-desc' },
  { value: 'activity-asc', sort: 'activity', order: 'asc', labelKey: 'sort-activity-asc' },
  { value: 'name-asc', sort: 'name', order: 'asc', labelKey: 'sort-name-asc' },
  { value: 'name-desc', sort: 'name', order: 'desc', labelKey: 'sort-name-desc' },
  { value: 'created-desc', sort: 'created', order: 'desc', labelKey: 'sort-created-desc' },
  { value: 'created-asc', sort: 'created', order: 'asc', labelKey: 'sort-created-asc' },
];

/**
 * The sort and order a "Sort" value stands for; the default for anything unknown.
 * @param {string} value
 * @returns {{sort: string, order: string}}
 */
export function parseSortChoice(value) {
  const choice = SORT_CHOICES.find((c) => c.value === value) ?? SORT_CHOICES[0];
  return { sort: choice.sort, order: choice.order };
}

/** @param {{sort?: string, order?: string}} q */
export function sortChoiceValue({ sort, order }) {
  const s = SORTS.includes(/** @type {any} */ (sort)) ? sort : 'activity';
  const o = ORDERS.includes(/** @type {any} */ (order)) ? order : defaultOrder(s);
  return `${s}-${o}`;
}

/**
 * The list's state as the controls hold it, made safe: unknown sorts and orders fall back to
 * the defaults, the search is trimmed and cut to what the service accepts.
 * @param {{matterId?: string, q?: string, sort?: string, order?: string}} [input]
 * @returns {{matterId: string, q: string, sort: string, order: string}}
 */
export function normalizeListQuery(input = {}) {
  const sort = SORTS.includes(/** @type {any} */ (input.sort)) ? /** @type {string} */ (input.sort) : 'activity';
  const order = ORDERS.includes(/** @type {any} */ (input.order))
    ? /** @type {string} */ (input.order)
    : defaultOrder(sort);
  const q = typeof input.q === 'string' ? [...input.q.trim()].slice(0, MAX_QUERY_CHARS).join('') : '';
  const matterId = typeof input.matterId === 'string' ? input.matterId.trim() : '';
  return { matterId, q, sort, order };
}

/**
 * The path and query string of one page of GET /portal/documents. Empty values are left
 * out; sort and order are always sent so a cursor's list is never ambiguous.
 * @param {{matterId?: string, q?: string, sort?: string, order?: string}} query
 * @param {{cursor?: string | null, limit?: number}} [page]
 * @returns {string}
 */
export function documentsPath(query, { cursor = null, limit = PAGE_SIZE } = {}) {
  const { matterId, q, sort, order } = normalizeListQuery(query);
  const params = new URLSearchParams();
  if (matterId) params.set('matterId', matterId);
  if (q) params.set('q', q);
  params.set('sort', sort);
  params.set('order', order);
  if (Number.isInteger(limit) && limit > 0) params.set('limit', String(Math.min(limit, 200)));
  if (cursor) params.set('cursor', cursor);
  return `/portal/documents?${params.toString()}`;
}

/**
 * GET /portal/matters, one page.
 * @param {{cursor?: string | null}} [page]
 */
export function mattersPath({ cursor = null } = {}) {
  if (!cursor) return '/portal/matters';
  return `/portal/matters?${new URLSearchParams({ cursor }).toString()}`;
}

/** Two list queries ask for the same list (a cursor of one continues the other). */
export function sameListQuery(a, b) {
  const x = normalizeListQuery(a);
  const y = normalizeListQuery(b);
  return x.matterId === y.matterId && x.q === y.q && x.sort === y.sort && x.order === y.order;
}

/**
 * A list after another page: the page's items appended, any already shown left out (a
 * row can move between pages while they are read).
 * @template T
 * @param {T[]} shown
 * @param {T[]} page
 * @param {(item: T) => string} [keyOf] how items are told apart (default: documentId)
 */
export function appendUnique(shown, page, keyOf = (/** @type {any} */ d) => d.documentId) {
  const seen = new Set(shown.map(keyOf));
  const out = shown.slice();
  for (const item of page) {
    const key = keyOf(item);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

/**
 * Counts requests so that only the answer to the latest one is used: `next()` before a
 * request, `isLatest(ticket)` when its answer comes back.
 */
export function latestOnly() {
  let current = 0;
  return {
    next() {
      current += 1;
      return current;
    },
    isLatest(ticket) {
      return ticket === current;
    },
  };
}

/**
 * What the list shows: "12 documents", "3 documents matching “lease” in Smith v Jones",
 * with more pages to come noted.
 * @param {{count: number, hasMore: boolean, q?: string, matterTitle?: string}} s
 */
export function listSummary({ count, hasMore, q = '', matterTitle = '' }) {
  let text = t('list-count', { count });
  if (q) text += t('list-matching', { count, q });
  if (matterTitle) text += t('list-in-matter', { matter: matterTitle });
  if (hasMore) text += t('list-so-far');
  return text;
}

/**
 * What the list says when it shows nothing.
 * @param {{hasMore: boolean, q?: string, matterId?: string}} s
 */
export function emptyListText({ hasMore, q = '', matterId = '' }) {
  if (hasMore) return t('list-no-matches-yet');
  if (q) return t('list-none-match', { q });
  if (matterId) return t('list-none-in-matter');
  return t('list-none');
}

/**
 * A document's matter title: its own (matterTitle), else the title from my matters, else its id.
 * @param {{matterId: string, matterTitle?: string}} doc
 * @param {Map<string, {title?: string}>} mattersById
 */
export function matterTitleOf(doc, mattersById) {
  if (typeof doc.matterTitle === 'string' && doc.matterTitle) return doc.matterTitle;
  return mattersById.get(doc.matterId)?.title || doc.matterId;
}

/**
 * A list answer as a page: its items (none when absent) and the next page's cursor (null when
 * there is none). Both faces read every paged list through it.
 * @param {{items?: unknown, nextCursor?: unknown} | null} body
 */
export function asPage(body) {
  return {
    items: Array.isArray(body?.items) ? body.items : [],
    nextCursor: typeof body?.nextCursor === 'string' && body.nextCursor ? body.nextCursor : null,
  };
}
