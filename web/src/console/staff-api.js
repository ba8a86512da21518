// The staff API client: the portal's request core (api.js createRequester) with the staff
// token as Bearer and the staff routes. No DOM; tested in test/unit/staff-api.test.js.

import { t } from './texts.js';
import { createRequester, errorFromResponse, ApiError } from '../common/request.js';
import { eventsPath, eventsCsvPath, csvFileName } from './events.js';
import { asPage } from '../common/query.js';
import { declaration, documentRoutes } from './document-api.js';
import { billRoutes } from './bill-api.js';
import { calendarRoutes } from './calendar-api.js';
import { taskRoutes } from './task-api.js';
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
export const STAFF_MESSAGES = Object.freeze({
  get unauthorized() { return t('staff-unauthorized'); },
  get network() { return t('staff-network'); },
  get server() { return t('staff-server'); },
  get bad_response() { return t('staff-bad-response'); },
  get not_found() { return t('staff-not-found'); },
  conflictFromServer: true,
});

/** /matters/{m}/conversations/{c} */
function conversationPath(matterId, contactId) {
  return `${matterPath(matterId)}/conversations/${encodeURIComponent(contactId)}`;
}

/**
 * @param {{base?: string, fetch: typeof fetch, getToken: () => string | null,
 *   onUnauthorized?: (error: any, token: string | null) => void}} options
 */
export function createStaffApi(options) {
  const request = createRequester({ ...options, messages: STAFF_MESSAGES });
  const prefix = String(options.base ?? '').replace(/\/+$/, '');

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

    /** GET /matters/{m}/conversations: one per contact, by last message, with unread counts. */
    async listConversations(matterId, { signal } = {}) {
      const body = await request('GET', `${matterPath(matterId)}/conversations`, { signal });
      return Array.isArray(body) ? body : [];
    },
    /** One page of a conversation, newest first. */
    async listMessages(matterId, contactId, { cursor = null, signal } = {}) {
      const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
      return asPage(await request('GET', `${conversationPath(matterId, contactId)}/messages${query}`, { signal }));
    },
    /** POST a message {text, documentId?, requestId}. */
    postMessage(matterId, contactId, body) {
      return request('POST', `${conversationPath(matterId, contactId)}/messages`, { body });
    },
    /** The contact's messages in the conversation marked read. */
    markRead(matterId, contactId) {
      return request('POST', `${conversationPath(matterId, contactId)}/read`);
    },
    deleteMessage(matterId, contactId, messageId) {
      return request('DELETE', `${conversationPath(matterId, contactId)}/messages/${encodeURIComponent(messageId)}`);
    },

    /** Every contact of the matter (the Access section). */
    listContacts(matterId, { signal } = {}) {
      return all((cursor) => contactsPath(matterId, { cursor }), { signal });
    },
    /**
     * PUT /matters/{m}/contacts/{c} {email, name, canDownload, expiresAt?}: grant or update.
     * expiresAt (RFC 3339 UTC, or null for no end date) is sent only when given.
     */
    grant(matterId, contactId, { email, name, canDownload, expiresAt }) {
      const body = { email, name, canDownload };
      if (expiresAt !== undefined) body.expiresAt = expiresAt;
      return request('PUT', contactPath(matterId, contactId), { body });
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
    /** POST /matters/{m}/documents -> {documentId, uploadId, url, method, headers, expiresAt}. */
    registerDocument(matterId, file, { signal } = {}) {
      return request('POST', `${matterPath(matterId)}/documents`, { body: declaration(file), signal });
    },
    ...documentRoutes(request),
    ...billRoutes(request),
    ...calendarRoutes(request),
    ...taskRoutes(request),
    /** DELETE /matters/{m}/documents/{d}: from the matter and every portal. */
    deleteDocument(matterId, documentId) {
      return request('DELETE', documentPath(matterId, documentId));
    },

    /** One page of the Sharing section. */
    async listShares(matterId, query, { cursor = null, limit, signal } = {}) {
      return asPage(await request('GET', sharesPath(matterId, query, { cursor, limit }), { signal }));
    },
    /** POST /matters/{m}/shares {documentIds, contactIds, message?, downloadLimit?}. */
    share(matterId, { documentIds, contactIds, message, downloadLimit = null }) {
      const body = { documentIds, contactIds };
      const text = typeof message === 'string' ? message.trim() : '';
      if (text) body.message = text;
      if (Number.isInteger(downloadLimit)) body.downloadLimit = downloadLimit;
      return request('POST', `${matterPath(matterId)}/shares`, { body });
    },

    /** One page of the activity feed (GET /matters/{m}/events), newest first. */
    async listEvents(matterId, query, { cursor = null, limit, signal } = {}) {
      return asPage(await request('GET', eventsPath(matterId, query, { cursor, limit }), { signal }));
    },
    /** GET /matters/{m}/documents/{d}/readers -> {documentId, opened: Reader[], notOpened: Reader[]}. */
    async listReaders(matterId, documentId, { signal } = {}) {
      const body = await request('GET', `${documentPath(matterId, documentId)}/readers`, { signal });
      return {
        documentId,
        opened: Array.isArray(body?.opened) ? body.opened : [],
        notOpened: Array.isArray(body?.notOpened) ? body.notOpened : [],
      };
    },
    /**
     * The activity feed as CSV (GET …/events?format=csv) with the staff token: {blob, fileName}.
     * Not JSON, so not through `request`; failures are the same ApiErrors.
     */
    async exportEvents(matterId, query, { signal } = {}) {
      const token = options.getToken();
      if (!token) {
        const error = new ApiError({ status: 401, code: 'unauthorized', message: STAFF_MESSAGES.unauthorized });
        options.onUnauthorized?.(error, null);
        throw error;
      }
      let response;
      try {
        response = await options.fetch(`${prefix}${eventsCsvPath(matterId, query)}`, {
          method: 'GET',
          headers: { Accept: 'text/csv', Authorization: `Bearer ${token}` },
          cache: 'no-store',
          credentials: 'omit',
          signal,
        });
      } catch (cause) {
        if (cause && /** @type {any} */ (cause).name === 'AbortError') throw cause;
        throw new ApiError({ status: 0, code: 'network', message: STAFF_MESSAGES.network });
      }
      if (!response.ok) {
        const text = await response.text().catch(() => '');
        let parsed = null;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          parsed = null;
        }
        const error = errorFromResponse(response.status, parsed, STAFF_MESSAGES);
        if (response.status === 401) options.onUnauthorized?.(error, token);
        throw error;
      }
      const blob = await response.blob();
      return { blob, fileName: csvFileName(response.headers.get('content-disposition'), matterId) };
    },
    /** DELETE /matters/{m}/shares/{d}/{c}: stop sharing; the document stays in the matter. */
    stopSharing(matterId, documentId, contactId) {
      return request('DELETE', sharePath(matterId, documentId, contactId));
    },
  };
}

/** The uploader's API for a document's next version. */
export function versionUploadAdapter(api, documentId) {
  return {
    requestUpload: (matterId, file, options) => api.registerVersion(matterId, documentId, file, options),
    uploadStatus: (matterId, uploadId) => api.uploadStatus(matterId, uploadId),
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
