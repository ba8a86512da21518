// The staff routes about one document's versions and a matter's folders, over the staff
// request core (staff-api.js spreads them into its client). No DOM; tested through
// test/unit/staff-api.test.js.

import { matterPath, documentPath } from './staff-query.js';

/** What an upload declares: name, type, size and the SHA-256 its PUT is signed over. */
export function declaration({ fileName, contentType, size, checksumSha256 }) {
  return { fileName, contentType, size, checksumSha256 };
}

/** /matters/{m}/folders/{f} */
function folderPath(matterId, folderId) {
  return `${matterPath(matterId)}/folders/${encodeURIComponent(folderId)}`;
}

/** @param {(method: string, path: string, options?: any) => Promise<any>} request */
export function documentRoutes(request) {
  return {
    /** POST …/documents/{d}/versions: the presigned PUT of the document's next version. */
    registerVersion(matterId, documentId, file, { signal } = {}) {
      return request('POST', `${documentPath(matterId, documentId)}/versions`, { body: declaration(file), signal });
    },
    /** GET /matters/{m}/uploads/{u}: pending, attached, or rejected and why. */
    uploadStatus(matterId, uploadId, { signal } = {}) {
      return request('GET', `${matterPath(matterId)}/uploads/${encodeURIComponent(uploadId)}`, { signal });
    },
    /** GET …/documents/{d}/versions: newest first. */
    async listVersions(matterId, documentId, { signal } = {}) {
      const body = await request('GET', `${documentPath(matterId, documentId)}/versions`, { signal });
      return Array.isArray(body?.items) ? body.items : [];
    },
    /** POST …/versions/{n}/links -> {url, expiresAt}: any version's bytes, for staff. */
    versionLink(matterId, documentId, number, disposition = 'view') {
      const path = `${documentPath(matterId, documentId)}/versions/${encodeURIComponent(String(number))}/links`;
      return request('POST', path, { body: { disposition } });
    },
    /** GET /matters/{m}/folders: by name, with documents in each and whom each is shared with. */
    async listFolders(matterId, { signal } = {}) {
      const body = await request('GET', `${matterPath(matterId)}/folders`, { signal });
      return Array.isArray(body?.items) ? body.items : [];
    },
    createFolder(matterId, name) {
      return request('POST', `${matterPath(matterId)}/folders`, { body: { name } });
    },
    renameFolder(matterId, folderId, name) {
      return request('PUT', folderPath(matterId, folderId), { body: { name } });
    },
    /** DELETE …/folders/{f}: only an empty folder (409 otherwise). */
    deleteFolder(matterId, folderId) {
      return request('DELETE', folderPath(matterId, folderId));
    },
    /** PUT …/documents/{d}/folder: into a folder, or out of every folder (null). */
    moveDocument(matterId, documentId, folderId) {
      return request('PUT', `${documentPath(matterId, documentId)}/folder`, { body: { folderId } });
    },
    /** POST …/folders/{f}/shares: its documents, now and later, to these contacts. */
    shareFolder(matterId, folderId, { contactIds, downloadLimit = null }) {
      const body = { contactIds };
      if (Number.isInteger(downloadLimit)) body.downloadLimit = downloadLimit;
      return request('POST', `${folderPath(matterId, folderId)}/shares`, { body });
    },
    /** POST /matters/{m}/zips -> {url, expiresAt, fileName, entries, size, reused}: the matter (or a folder) as one zip. */
    createZip(matterId, folderId = null) {
      return request('POST', `${matterPath(matterId)}/zips`, { body: folderId ? { folderId } : {} });
    },
    stopFolderShare(matterId, folderId, contactId) {
      return request('DELETE', `${folderPath(matterId, folderId)}/shares/${encodeURIComponent(contactId)}`);
    },
  };
}
