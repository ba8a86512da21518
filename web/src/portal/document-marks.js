// The portal's marks on a document: "New" until the contact first opens or downloads it,
// "Updated" when a newer version came since they opened it, downloads left under a limit,
// and the list updated after a link was taken (the service says the same on the next load). No DOM; tested in test/unit/document-marks.test.js.

import { t } from './texts.js';

/**
 * Whether a document shows the "New" mark: shared with me, not my upload, never opened.
 * @param {{isNew?: unknown, uploadedByMe?: unknown}} doc
 */
export function isNewDocument(doc) {
  return doc?.isNew === true && doc?.uploadedByMe !== true;
}

/**
 * Whether a document shows the "Updated" mark: a newer version came since I opened it.
 * @param {{isUpdated?: unknown, isNew?: unknown}} doc
 */
export function isUpdatedDocument(doc) {
  return doc?.isUpdated === true && !isNewDocument(doc);
}

/**
 * Downloads left, or null when there is no limit.
 * @param {{downloadsLeft?: unknown}} doc
 * @returns {number | null}
 */
export function downloadsLeftOf(doc) {
  const n = doc?.downloadsLeft;
  return typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.floor(n)) : null;
}

/** "3 downloads left", "1 download left", "No downloads left"; '' without a limit. */
export function downloadsLeftText(doc) {
  const n = downloadsLeftOf(doc);
  if (n === null) return '';
  if (n === 0) return t('downloads-none-left');
  return t('downloads-left', { count: n });
}

/**
 * The list after a view or download link was taken for one document: no longer new, and a
 * download uses one of those left.
 * @template {{documentId: string, isNew?: boolean, downloadsLeft?: number | null}} T
 * @param {T[]} items
 * @param {string} documentId
 * @param {'view' | 'download'} disposition
 * @returns {T[]}
 */
export function afterLinkTaken(items, documentId, disposition) {
  return items.map((doc) => {
    if (doc.documentId !== documentId) return doc;
    const next = { ...doc, isNew: false, isUpdated: false };
    const left = downloadsLeftOf(doc);
    if (disposition === 'download' && left !== null) next.downloadsLeft = Math.max(0, left - 1);
    return next;
  });
}

/**
 * The list after the service refused a download because the limit was reached.
 * @template {{documentId: string}} T
 * @param {T[]} items
 * @param {string} documentId
 * @returns {T[]}
 */
export function afterLimitReached(items, documentId) {
  return items.map((doc) => (doc.documentId === documentId ? { ...doc, downloadsLeft: 0 } : doc));
}

/**
 * Whether a refused link is the download limit (403 "the download limit … has been reached"),
 * not a view-only permission.
 * @param {{status?: number, code?: string, serverMessage?: string} | null | undefined} error
 */
export function isDownloadLimitError(error) {
  return (error?.status === 403 || error?.code === 'forbidden') && /download limit/i.test(error?.serverMessage ?? '');
}

/**
 * Whether opening a document asks for its stamped copy at once: a PDF the contact may only
 * view, and did not upload themselves, opens as a copy stamped with their name, address and
 * the time on every page (the service refuses them the original). Where the permission is not
 * known (a message's attachment, a bill's PDF) the plain link is asked first and its refusal
 * says so (`isStampedCopyRequired`).
 * @param {{canDownload?: unknown, contentType?: unknown, uploadedByMe?: unknown}} doc
 */
export function opensStamped(doc) {
  return doc?.canDownload === false && doc?.uploadedByMe !== true
    && String(doc?.contentType ?? '').toLowerCase() === 'application/pdf';
}

/**
 * Whether a refused link is the service saying this PDF opens only as its stamped copy.
 * @param {{status?: number, code?: string, serverMessage?: string} | null | undefined} error
 */
export function isStampedCopyRequired(error) {
  return (error?.status === 403 || error?.code === 'forbidden') && /stamped link/i.test(error?.serverMessage ?? '');
}

/** How many documents on the list are new. */
export function countNew(items) {
  return items.filter(isNewDocument).length;
}
