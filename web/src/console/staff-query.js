// The staff lists' queries and paths: matters (search, pages), a matter's contacts and
// documents (pages), and the Sharing section (contact, search, sort by column, order, pages).
// No DOM; tested in test/unit/staff-query.test.js.

import { SORTS, ORDERS, MAX_QUERY_CHARS, defaultOrder } from '../common/query.js';

export const MATTERS_PAGE = 25;
export const SHARES_PAGE = 50;
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const enc = encodeURIComponent;

/** A search as the service takes it: trimmed, at most 200 characters. */
export function cleanSearch(text) {
  return typeof text === 'string' ? [...text.trim()].slice(0, MAX_QUERY_CHARS).join('') : '';
}

function withParams(path, params) {
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** GET /matters?q=&limit=&cursor= */
export function mattersListPath({ q = '', cursor = null, limit = MATTERS_PAGE } = {}) {
  const params = new URLSearchParams();
  const search = cleanSearch(q);
  if (search) params.set('q', search);
  if (Number.isInteger(limit) && limit > 0) params.set('limit', String(Math.min(limit, 200)));
  if (cursor) params.set('cursor', cursor);
  return withParams('/matters', params);
}

export function matterPath(matterId) {
  return `/matters/${enc(matterId)}`;
}

export function contactsPath(matterId, { cursor = null, limit = 200 } = {}) {
  const params = new URLSearchParams();
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return withParams(`${matterPath(matterId)}/contacts`, params);
}

export function contactPath(matterId, contactId) {
  return `${matterPath(matterId)}/contacts/${enc(contactId)}`;
}

export function documentsListPath(matterId, { cursor = null, limit = 200 } = {}) {
  const params = new URLSearchParams();
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return withParams(`${matterPath(matterId)}/documents`, params);
}

export function documentPath(matterId, documentId) {
  return `${matterPath(matterId)}/documents/${enc(documentId)}`;
}

/**
 * The Sharing section's query, made safe: sort name/activity/created, order asc/desc (the
 * service's default for the sort when none), search trimmed, one contact or all.
 * @param {{contactId?: string, q?: string, sort?: string, order?: string}} [input]
 */
export function normalizeSharesQuery(input = {}) {
  const sort = SORTS.includes(/** @type {any} */ (input.sort)) ? /** @type {string} */ (input.sort) : 'name';
  const order = ORDERS.includes(/** @type {any} */ (input.order)) ? /** @type {string} */ (input.order) : defaultOrder(sort);
  const contactId = typeof input.contactId === 'string' && ID_PATTERN.test(input.contactId) ? input.contactId : '';
  return { contactId, q: cleanSearch(input.q), sort, order };
}

/** GET /matters/{m}/shares?contactId=&q=&sort=&order=&limit=&cursor= */
export function sharesPath(matterId, query, { cursor = null, limit = SHARES_PAGE } = {}) {
  const { contactId, q, sort, order } = normalizeSharesQuery(query);
  const params = new URLSearchParams();
  if (contactId) params.set('contactId', contactId);
  if (q) params.set('q', q);
  params.set('sort', sort);
  params.set('order', order);
  if (Number.isInteger(limit) && limit > 0) params.set('limit', String(Math.min(limit, 200)));
  if (cursor) params.set('cursor', cursor);
  return withParams(`${matterPath(matterId)}/shares`, params);
}

export function sharePath(matterId, documentId, contactId) {
  return `${matterPath(matterId)}/shares/${enc(documentId)}/${enc(contactId)}`;
}

/**
 * A click on a column header: the same column turns its order around; another column starts
 * at its own default order (names A to Z, dates newest first).
 * @param {{sort: string, order: string}} current
 * @param {string} column
 */
export function toggleSort(current, column) {
  if (current.sort === column) return { sort: column, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { sort: column, order: defaultOrder(column) };
}

/**
 * The header's aria-sort value.
 * @returns {'ascending' | 'descending' | 'none'}
 */
export function ariaSort(current, column) {
  if (current.sort !== column) return 'none';
  return current.order === 'asc' ? 'ascending' : 'descending';
}


/** The key of a share row: one document for one contact. */
export const shareKey = (s) => `${s.documentId}/${s.contactId}`;

/**
 * The rows a Sharing page shows for the chosen contacts: all rows when none or one is chosen
 * (one is filtered by the service), else only the chosen contacts' rows.
 * @param {{contactId: string}[]} rows
 * @param {string[]} chosen
 */
export function rowsForChosen(rows, chosen) {
  if (chosen.length <= 1) return rows;
  const set = new Set(chosen);
  return rows.filter((r) => set.has(r.contactId));
}

/** The contactId the Sharing list asks the service for: the one chosen contact, else all. */
export function contactFilterFor(chosen) {
  return chosen.length === 1 ? chosen[0] : '';
}
