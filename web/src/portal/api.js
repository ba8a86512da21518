// The portal's API client: its routes on the shared request core (common/request.js), and
// what a failed open or download of a document tells the contact.
import { createRequester, MESSAGES } from '../common/request.js';
import { asPage, documentsPath, mattersPath } from '../common/query.js';
import { t } from './texts.js';

/** @typedef {import('../common/request.js').ApiOptions} ApiOptions */

const messagesPath = (matterId) => `/portal/matters/${encodeURIComponent(matterId)}/messages`;

/** @param {ApiOptions} options */
export function createApi(options) {
  const request = createRequester(options);

  return {
    request,

    /** POST /portal/sessions: an emailed link's token -> {session, expiresAt, contact}. */
    openSession(invitation) {
      return request('POST', '/portal/sessions', { body: { invitation }, auth: false });
    },

    /** POST /portal/sign-in-links: always 202 {} for a well-formed address. */
    requestSignInLink(email) {
      return request('POST', '/portal/sign-in-links', { body: { email }, auth: false });
    },

    /** DELETE /portal/sessions/current. */
    closeSession() {
      return request('DELETE', '/portal/sessions/current');
    },

    /** GET /portal/preferences: the language the portal writes to the contact in. */
    preferences() {
      return request('GET', '/portal/preferences');
    },

    /** PUT /portal/preferences: kept on every matter the contact reaches. */
    savePreferences(choice) {
      return request('PUT', '/portal/preferences', { body: choice });
    },

    /** Every page of GET /portal/matters (bounded), as one list. */
    async listMatters({ maxPages = 20 } = {}) {
      const items = [];
      let cursor = null;
      for (let page = 0; page < maxPages; page += 1) {
        const body = await request('GET', mattersPath({ cursor }));
        items.push(...(Array.isArray(body?.items) ? body.items : []));
        cursor = body?.nextCursor ?? null;
        if (!cursor) break;
      }
      return items;
    },

    /** One page of GET /portal/documents. */
    async listDocuments(query, { cursor = null, limit, signal } = {}) {
      return asPage(await request('GET', documentsPath(query, { cursor, limit }), { signal }));
    },

    /** POST /portal/documents/{id}/links -> {url, expiresAt}. */
    createLink(documentId, disposition) {
      return request('POST', `/portal/documents/${encodeURIComponent(documentId)}/links`, {
        body: { disposition },
      });
    },

    /** POST /portal/documents/{id}/stamped-links -> {url, expiresAt}: a view-only PDF's stamped copy. */
    createStampedLink(documentId) {
      return request('POST', `/portal/documents/${encodeURIComponent(documentId)}/stamped-links`);
    },

    /** POST /portal/matters/{id}/zips -> {url, expiresAt, fileName, entries, size, reused}. */
    createZip(matterId, folderId = null) {
      return request('POST', `/portal/matters/${encodeURIComponent(matterId)}/zips`, {
        body: folderId ? { folderId } : {},
      });
    },

    /** GET /portal/bills -> {items, today}: bills and trust requests sent to me, as they stand now. */
    async listBills({ signal } = {}) {
      const body = await request('GET', '/portal/bills', { signal });
      return { items: Array.isArray(body?.items) ? body.items : [], today: body?.today ?? '' };
    },

    /** GET /portal/appointments -> [..]: my upcoming calendar events, soonest first. */
    async listAppointments({ signal } = {}) {
      const body = await request('GET', '/portal/appointments', { signal });
      return Array.isArray(body?.items) ? body.items : [];
    },

    /** GET /portal/home -> {today, needs, shared}: what needs me, everything shared. */
    home({ signal } = {}) {
      return request('GET', '/portal/home', { signal });
    },

    /** GET /portal/tasks -> [..]: tasks given to me, overdue and open first. */
    async listTasks({ signal } = {}) {
      const body = await request('GET', '/portal/tasks', { signal });
      return Array.isArray(body?.items) ? body.items : [];
    },

    /** POST …/tasks/{t}/done -> the task, done. */
    markTaskDone(matterId, taskId) {
      return request('POST', `/portal/matters/${encodeURIComponent(matterId)}/tasks/${encodeURIComponent(taskId)}/done`);
    },

    /** GET …/appointments/{a}/ics: the event's calendar file, as text. */
    appointmentIcs(matterId, appointmentId) {
      const path = `/portal/matters/${encodeURIComponent(matterId)}/appointments/${encodeURIComponent(appointmentId)}/ics`;
      return request('GET', path, { accept: 'text/calendar' });
    },

    /** GET /portal/conversations: one per matter, with my unread counts. */
    async listConversations({ signal } = {}) {
      const body = await request('GET', '/portal/conversations', { signal });
      return Array.isArray(body) ? body : [];
    },

    /** One page of my conversation on a matter, newest first. */
    async listMessages(matterId, { cursor = null, signal } = {}) {
      const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
      return asPage(await request('GET', `${messagesPath(matterId)}${query}`, { signal }));
    },

    /** POST a reply {text, documentId?, requestId}. */
    postMessage(matterId, body) {
      return request('POST', messagesPath(matterId), { body });
    },

    /** The firm's messages to me on a matter marked read. */
    markRead(matterId) {
      return request('POST', `${messagesPath(matterId)}/read`);
    },

    /** POST /portal/matters/{id}/uploads -> {uploadId, url, method, headers, expiresAt};
     *  with `taskId`, the document that task asks for (its acceptance completes the task). */
    requestUpload(matterId, { fileName, contentType, size, checksumSha256, taskId }, { signal } = {}) {
      return request('POST', `/portal/matters/${encodeURIComponent(matterId)}/uploads`, {
        body: { fileName, contentType, size, checksumSha256, ...(taskId ? { taskId } : {}) },
        signal,
      });
    },

    /** GET /portal/matters/{id}/uploads/{uploadId} -> {status, rejectionReason, documentId}. */
    uploadStatus(matterId, uploadId, { signal } = {}) {
      return request(
        'GET',
        `/portal/matters/${encodeURIComponent(matterId)}/uploads/${encodeURIComponent(uploadId)}`,
        { signal },
      );
    },
  };
}

/**
 * The message for a failed open or download of one document.
 * @param {ApiError | Error} error
 * @param {{fileName: string}} doc
 * @param {'view' | 'download'} disposition
 */
export function linkErrorMessage(error, doc, disposition) {
  const name = doc?.fileName ?? t('link-this-document');
  const e = /** @type {any} */ (error);
  if ((e?.status === 403 || e?.code === 'forbidden') && /download limit/i.test(e?.serverMessage ?? '')) {
    return t('link-limit', { name });
  }
  if (e?.status === 403 || e?.code === 'forbidden') {
    return disposition === 'download'
      ? t('link-view-only', { name })
      : t('link-forbidden', { name });
  }
  if (e?.status === 404 || e?.code === 'not_found') {
    return t('link-gone', { name });
  }
  if (e?.status === 409 || e?.code === 'conflict') {
    return t('link-not-ready', { name });
  }
  // A view-only PDF that could not be stamped (password-protected, unreadable, too large).
  if (e?.status === 413 || e?.status === 415) {
    return t('link-not-stamped', { name });
  }
  return t(disposition === 'download' ? 'link-download-failed' : 'link-open-failed', { name, reason: e?.message || MESSAGES.unknown });
}
