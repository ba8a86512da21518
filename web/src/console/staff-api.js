// The staff API client: the portal's request core (api.js createRequester) with the staff
// token as Bearer and the staff routes. No DOM; tested in test/unit/staff-api.test.js.

import { createRequester } from '../api.js';
import {
  mattersListPath,
  matterPath,
  contactsPath,
  contactPath,
  documentsListPath,
  documentPath,
  sharesPath,
  sharePath,
} from './staff-query.js';

/** How the console words the generic failures (staff sign in again; they are not contacts). */
export const STAFF_MESSAGES = {
  unauthorized: 'Your sign-in has ended. Sign in again to continue.',
  network: "Can't reach the service right now. Check your connection and try again.",
  server: 'The service had a problem. Try again in a moment.',
  bad_response: 'The service gave an answer this page does not understand. Reload and try again.',
  not_found: 'Not found: it may have been removed meanwhile.',
  conflictFromServer: true,
};

/** @param {{items?: unknown, nextCursor?: unknown} | null} body */
export function asPage(body) {
  return {
    items: Array.isArray(body?.items) ? body.items : [],
    nextCursor: typeof body?.nextCursor === 'string' && body.nextCursor ? body.nextCursor : null,
  };
}

/**
 * @param {{base?: string, fetch: typeof fetch, getToken: () => string | null,
 *   onUnauthorized?: (error: any, token: string | null) => void}} options
 */
export function createStaffApi(options) {
  const request = createRequester({ ...options, messages: STAFF_MESSAGES });

  /** Every page of a list (bounded): the Access and Documents sections show a whole matter. */
  async function all(pathFor, { maxPages = 20, signal } = {}) {
    const items = [];
    let cursor = null;
    for (let page = 0; page < maxPages; page += 1) {
      const body = asPage(await request('GET', pathFor(cursor), { signal }));
      items.push(...body.items);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return items;
  }

  return {
    request,

    /** One page of GET /matters. */
    async listMatters({ q = '', cursor = null, limit, signal } = {}) {
      return asPage(await request('GET', mattersListPath({ q, cursor, limit }), { signal }));
    },
    /** GET /matters/{id}: the settings (404 when it has none). */
    getMatter(matterId, { signal } = {}) {
      return request('GET', matterPath(matterId), { signal });
    },
    /** PUT /matters/{id} {title, owner, notify}. */
    saveMatter(matterId, input) {
      return request('PUT', matterPath(matterId), { body: input });
    },

    /** Every contact of the matter (the Access section). */
    listContacts(matterId, { signal } = {}) {
      return all((cursor) => contactsPath(matterId, { cursor }), { signal });
    },
    /** PUT /matters/{m}/contacts/{c} {email, name, canDownload}: grant or update. */
    grant(matterId, contactId, { email, name, canDownload }) {
      return request('PUT', contactPath(matterId, contactId), { body: { email, name, canDownload } });
    },
    /** POST …/invitations: a new link, the old one dead. */
    resendInvitation(matterId, contactId) {
      return request('POST', `${contactPath(matterId, contactId)}/invitations`);
    },
    /** DELETE …/contacts/{c}: revoke. */
    revoke(matterId, contactId) {
      return request('DELETE', contactPath(matterId, contactId));
    },

    /** Every document of the matter, newest first. */
    listDocuments(matterId, { signal } = {}) {
      return all((cursor) => documentsListPath(matterId, { cursor }), { signal });
    },
    /** POST /matters/{m}/documents -> {documentId, url, method, headers, expiresAt}. */
    registerDocument(matterId, { fileName, contentType, size }, { signal } = {}) {
      return request('POST', `${matterPath(matterId)}/documents`, { body: { fileName, contentType, size }, signal });
    },
    /** DELETE /matters/{m}/documents/{d}: from the matter and every portal. */
    deleteDocument(matterId, documentId) {
      return request('DELETE', documentPath(matterId, documentId));
    },

    /** One page of the Sharing section. */
    async listShares(matterId, query, { cursor = null, limit, signal } = {}) {
      return asPage(await request('GET', sharesPath(matterId, query, { cursor, limit }), { signal }));
    },
    /** POST /matters/{m}/shares {documentIds, contactIds, message?}. */
    share(matterId, { documentIds, contactIds, message }) {
      const body = { documentIds, contactIds };
      const text = typeof message === 'string' ? message.trim() : '';
      if (text) body.message = text;
      return request('POST', `${matterPath(matterId)}/shares`, { body });
    },
    /** DELETE /matters/{m}/shares/{d}/{c}: stop sharing; the document stays in the matter. */
    stopSharing(matterId, documentId, contactId) {
      return request('DELETE', sharePath(matterId, documentId, contactId));
    },
  };
}

/**
 * The firm upload as the upload job (../uploader.js createUploadJob) drives it: the intent is
 * POST /matters/{m}/documents and the status is the document's in the matter's list
 * (available -> attached, rejected -> rejected with its reason).
 * @param {ReturnType<typeof createStaffApi>} api
 */
export function firmUploadAdapter(api) {
  return {
    async requestUpload(matterId, file, options) {
      const intent = await api.registerDocument(matterId, file, options);
      return intent && typeof intent.documentId === 'string' ? { ...intent, uploadId: intent.documentId } : intent;
    },
    async uploadStatus(matterId, documentId) {
      const docs = await api.listDocuments(matterId);
      return uploadStatusOf(docs, documentId);
    },
  };
}

/**
 * A firm document's upload status from the matter's documents.
 * @param {any[]} docs
 * @param {string} documentId
 */
export function uploadStatusOf(docs, documentId) {
  const doc = docs.find((d) => d?.documentId === documentId);
  if (!doc) return { status: 'pending' };
  if (doc.status === 'available') return { status: 'attached', documentId };
  if (doc.status === 'rejected') return { status: 'rejected', rejectionReason: doc.rejectionReason ?? '' };
  return { status: doc.status };
}
