// The Documents section: upload firm documents (several, with progress), and the matter's
// documents with status, origin (a contact's upload carries the upload icon), author,
// uploader and readers (who opened it, who has not); delete from the matter (confirmed: it
// leaves every portal).
import { t } from '../texts.js';
import { html, useState, useEffect } from '../../../vendor/preact-htm.js';
import { deleteConfirmText } from '../sections.js';
import { ConfirmDialog } from './confirm.js';
import { DocumentRow } from './document-row.js';
import { FirmUpload } from './firm-upload.js';
import { FoldersPanel } from './folders.js';
import { ZipButton } from './zip-button.js';

/** While a document is pending or deleting, the list looks again this often (ms). */
const REFRESH_MS = 2000;

/**
 * @param {{api: any, config: any, matter: any, documents: any[] | null, error: string, contacts: any[] | null,
 *   reload: () => Promise<void>, reloadContacts: () => Promise<void>, announce: Function}} props
 */
export function DocumentsSection({ api, config, matter, documents, error, contacts, reload, reloadContacts, announce }) {
  const [deleting, setDeleting] = useState(/** @type {any} */ (null));
  const [folders, setFolders] = useState(/** @type {any[]} */ ([]));
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState('');
  const list = documents ?? [];

  // Pending uploads and unfinished deletes settle on their own: look again until they have.
  const unsettled = list.some((d) => d.status === 'pending' || d.status === 'deleting');
  useEffect(() => {
    if (!unsettled) return undefined;
    const timer = setTimeout(reload, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [documents, unsettled]);

  async function loadFolders() {
    try {
      setFolders(await api.listFolders(matter.matterId));
    } catch (e) {
      if (e?.status !== 401) announce(t('folders-failed', { reason: e?.message ?? '' }).trim(), 'error');
    }
  }
  useEffect(() => {
    loadFolders();
  }, [matter.matterId]);

  /** Documents and folders read again after a change to either. */
  async function reloadAll() {
    await Promise.all([reload(), loadFolders()]);
    reloadContacts();
  }

  async function move(doc, folderId) {
    const folder = folders.find((f) => f.folderId === folderId);
    try {
      await api.moveDocument(matter.matterId, doc.documentId, folderId);
      announce(folder ? t('moved-to', { name: doc.fileName, folder: folder.name }) : t('moved-out', { name: doc.fileName }), 'success');
      await reloadAll();
    } catch (e) {
      if (e?.status !== 401) announce(e?.message ?? t('not-moved'), 'error');
    }
  }

  async function confirmDelete() {
    const doc = deleting;
    if (!doc) return;
    setDeleteBusy(true);
    setDeleteError('');
    try {
      await api.deleteDocument(matter.matterId, doc.documentId);
      setDeleting(null);
      announce(t('deleted-everywhere', { name: doc.fileName }), 'success');
      await reload();
      reloadContacts();
    } catch (e) {
      if (e?.status !== 401) setDeleteError(e?.message ?? t('not-deleted'));
      else setDeleting(null);
    } finally {
      setDeleteBusy(false);
    }
  }

  return html`
    <div class="documents-console">
      <${FirmUpload} api=${api} config=${config} matter=${matter} announce=${announce} onChanged=${reload} />
      <${FoldersPanel} api=${api} matter=${matter} folders=${folders} contacts=${contacts} reload=${reloadAll} announce=${announce} />
      <section class="panel" aria-labelledby="documents-heading">
        <div class="panel-heading-row">
          <h2 id="documents-heading">${t('section-documents')}</h2>
          ${list.some((d) => d.status === 'available') ? html`<${ZipButton} api=${api} matterId=${matter.matterId} announce=${announce} />` : null}
        </div>
        <p class="list-summary" id="documents-summary">
          ${documents === null ? (error ? '' : t('loading-documents')) : list.length ? t('documents-newest', { count: list.length }) : t('no-documents')}
        </p>
        ${error ? html`<div class="message error" role="alert"><p>${error}</p><button type="button" class="button" onClick=${reload}>${t('try-again')}</button></div>` : null}
        ${list.length
          ? html`<table class="data-table documents-table" id="documents-table" aria-label=${t('matter-documents')}>
              <thead>
                <tr>
                  <th scope="col">${t('col-name')}</th>
                  <th scope="col">${t('col-type')}</th>
                  <th scope="col">${t('col-status')}</th>
                  <th scope="col">${t('col-author')}</th>
                  <th scope="col" class="num">${t('col-size')}</th>
                  <th scope="col">${t('col-created')}</th>
                  <th scope="col">${t('col-readers')}</th>
                  <th scope="col"><span class="visually-hidden">${t('col-actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                ${list.map(
                  (d) => html`<${DocumentRow}
                    key=${d.documentId}
                    doc=${d}
                    api=${api}
                    config=${config}
                    matterId=${matter.matterId}
                    announce=${announce}
                    onChanged=${reload}
                    folders=${folders}
                    onMove=${(folderId) => move(d, folderId)}
                    onDelete=${() => {
                      setDeleteError('');
                      setDeleting(d);
                    }}
                  />`,
                )}
              </tbody>
            </table>`
          : null}
      </section>
      <${ConfirmDialog}
        id="delete-dialog"
        open=${!!deleting}
        title=${deleting ? t('delete-title', { name: deleting.fileName }) : ''}
        text=${deleting ? deleteConfirmText(deleting) : ''}
        confirmLabel=${t('delete-from-matter')}
        tone="danger"
        busy=${deleteBusy}
        error=${deleteError}
        onConfirm=${confirmDelete}
        onCancel=${() => setDeleting(null)}
      />
    </div>
  `;
}
