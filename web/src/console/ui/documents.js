// The Documents section: upload firm documents (several, with progress), and the matter's
// documents with status, origin (a contact's upload carries the upload icon), author,
// uploader and readers (who opened it, who has not); delete from the matter (confirmed: it
// leaves every portal).
import { html, useState, useEffect, useRef, useMemo } from '../../../vendor/preact-htm.js';
import { acceptAttribute } from '../../upload-rules.js';
import {
  createUploadJob,
  createLimiter,
  CANCELLABLE_PHASES,
  PARALLEL_UPLOADS,
  PROGRESS_PHASES,
  isFinished,
  isInFlight,
  queueFiles,
  uploadStatusText,
  uploadPercent,
} from '../../uploader.js';
import { formatDateTime, formatSize, kindOf, plural, describeKinds } from '../../format.js';
import { firmUploadAdapter } from '../staff-api.js';
import { documentStatusLabel, originLabel, deleteConfirmText } from '../sections.js';
import { ConfirmDialog } from './confirm.js';
import { useLeaveWarning } from '../../ui/leave-warning.js';
import { ReadersDisclosure } from './readers.js';

/** While a document is pending or deleting, the list looks again this often (ms). */
const REFRESH_MS = 2000;

/**
 * @param {{api: any, config: any, matter: any, documents: any[] | null, error: string, contacts: any[] | null,
 *   reload: () => Promise<void>, reloadContacts: () => Promise<void>, announce: Function}} props
 */
export function DocumentsSection({ api, config, matter, documents, error, reload, reloadContacts, announce }) {
  const [deleting, setDeleting] = useState(/** @type {any} */ (null));
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

  async function confirmDelete() {
    const doc = deleting;
    if (!doc) return;
    setDeleteBusy(true);
    setDeleteError('');
    try {
      await api.deleteDocument(matter.matterId, doc.documentId);
      setDeleting(null);
      announce(`“${doc.fileName}” was deleted from the matter and every portal.`, 'success');
      await reload();
      reloadContacts();
    } catch (e) {
      if (e?.status !== 401) setDeleteError(e?.message ?? 'The document was not deleted. Try again.');
      else setDeleting(null);
    } finally {
      setDeleteBusy(false);
    }
  }

  return html`
    <div class="documents-console">
      <${FirmUpload} api=${api} config=${config} matter=${matter} announce=${announce} onChanged=${reload} />
      <section class="panel" aria-labelledby="documents-heading">
        <h2 id="documents-heading">Documents</h2>
        <p class="list-summary" id="documents-summary">
          ${documents === null ? 'Loading documents…' : list.length ? `${plural(list.length, 'document')}, newest first` : 'No documents in this matter yet.'}
        </p>
        ${error ? html`<div class="message error" role="alert"><p>${error}</p><button type="button" class="button" onClick=${reload}>Try again</button></div>` : null}
        ${list.length
          ? html`<table class="data-table documents-table" id="documents-table" aria-label="Matter documents">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col">Author</th>
                  <th scope="col" class="num">Size</th>
                  <th scope="col">Created</th>
                  <th scope="col">Readers</th>
                  <th scope="col"><span class="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                ${list.map(
                  (d) => html`<${DocumentRow}
                    key=${d.documentId}
                    doc=${d}
                    api=${api}
                    matterId=${matter.matterId}
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
        title=${deleting ? `Delete “${deleting.fileName}” from the matter?` : ''}
        text=${deleting ? deleteConfirmText(deleting) : ''}
        confirmLabel="Delete from matter"
        tone="danger"
        busy=${deleteBusy}
        error=${deleteError}
        onConfirm=${confirmDelete}
        onCancel=${() => setDeleting(null)}
      />
    </div>
  `;
}

/** The upload icon shown before a contact's upload (the reference's cloud-upload mark). */
export function UploadIcon() {
  return html`<svg class="upload-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
    <path d="M6.5 19.5a4.5 4.5 0 0 1-.7-8.95 6.2 6.2 0 0 1 12-1.3 4.9 4.9 0 0 1-.3 10.25Z" fill="currentColor" />
    <path d="M12 16.5v-6m0 0-2.6 2.6M12 10.5l2.6 2.6" fill="none" stroke="#ffffff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
  </svg>`;
}

function DocumentRow({ doc: d, api, matterId, onDelete }) {
  const nameId = `document-name-${d.documentId}`;
  const portal = d.origin === 'portal';
  return html`
    <tr data-document-id=${d.documentId} data-status=${d.status} data-origin=${d.origin}>
      <td data-label="Name">
        <span class="doc-name-cell">
          ${portal ? html`<${UploadIcon} />` : null}
          <span class="doc-file-name" id=${nameId}>${d.fileName}</span>
        </span>
        ${portal && d.uploadedBy
          ? html`<span class="uploaded-by">Uploaded by ${d.uploadedBy.name || d.uploadedBy.email}</span>`
          : null}
      </td>
      <td data-label="Type"><span class="origin">${originLabel(d.origin)}</span> <span class="subtle">${kindOf(d.contentType)}</span></td>
      <td data-label="Status">
        <span class=${`status status-${d.status}`}>${documentStatusLabel(d.status)}</span>
        ${d.status === 'rejected' && d.rejectionReason ? html`<span class="rejection-reason">${d.rejectionReason}</span>` : null}
      </td>
      <td data-label="Author" class="author">${d.author?.name || d.author?.email || ''}</td>
      <td data-label="Size" class="num">${formatSize(d.size)}</td>
      <td data-label="Created">${formatDateTime(d.createdAt)}</td>
      <td data-label="Readers" class="readers-cell">
        ${d.status === 'available' ? html`<${ReadersDisclosure} api=${api} matterId=${matterId} doc=${d} />` : html`<span class="subtle">—</span>`}
      </td>
      <td data-label="Actions" class="row-actions">
        ${d.status === 'deleting'
          ? html`<span class="subtle">Deleting…</span>`
          : html`<button type="button" class="button quiet danger-text" aria-describedby=${nameId} onClick=${onDelete}>Delete</button>`}
      </td>
    </tr>
  `;
}

/** Firm uploads: choose several files, each checked before any request, then sent with progress. */
function FirmUpload({ api, config, matter, announce, onChanged }) {
  const [entries, setEntries] = useState(/** @type {any[]} */ ([]));
  const jobs = useRef(new Map());
  const limiter = useRef(createLimiter(PARALLEL_UPLOADS));
  const counter = useRef(0);
  const uploads = useMemo(() => firmUploadAdapter(api), [api]);

  useEffect(
    () => () => {
      for (const job of jobs.current.values()) job.dispose();
    },
    [],
  );
  useLeaveWarning(entries.some(isInFlight));

  const update = (key, patch) => setEntries((current) => current.map((e) => (e.key === key ? { ...e, ...patch } : e)));

  function onPick(event) {
    const files = [...(event.currentTarget.files ?? [])];
    event.currentTarget.value = '';
    if (!files.length) return;
    const { entries: added, announcement } = queueFiles(files, config, () => {
      counter.current += 1;
      return `f${counter.current}`;
    });
    setEntries((current) => [...current, ...added]);
    announce(announcement.text, announcement.tone);
  }

  function startAll() {
    const ready = entries.filter((e) => !e.started && e.state.phase === 'ready');
    if (!ready.length) {
      announce('Choose the files to upload first.', 'error');
      document.getElementById('firm-upload-files')?.focus();
      return;
    }
    setEntries((current) => current.map((e) => (ready.some((r) => r.key === e.key) ? { ...e, started: true } : e)));
    announce(`Uploading ${plural(ready.length, 'file')} to ${matter.title}.`);
    for (const entry of ready) {
      const job = createUploadJob({
        file: entry.file,
        matterId: matter.matterId,
        contentType: entry.contentType,
        api: uploads,
        config,
        createXhr: () => new XMLHttpRequest(),
        onChange: (state) => {
          update(entry.key, { state });
          if (state.phase === 'uploading' && state.fraction === 0) onChanged();
          if (state.phase === 'attached') {
            announce(`“${entry.file.name}” was uploaded and is available in the matter.`, 'success');
            onChanged();
          } else if (state.phase === 'rejected' || state.phase === 'failed') {
            announce(state.message, 'error');
            onChanged();
          }
        },
      });
      jobs.current.set(entry.key, job);
      limiter.current.run(() => job.start());
    }
  }

  function clearFinished() {
    setEntries((current) => current.filter((e) => !isFinished(e)));
  }

  const kinds = describeKinds(config.allowedContentTypes);
  const anyFinished = entries.some(isFinished);
  return html`
    <section class="panel firm-upload" aria-labelledby="firm-upload-heading">
      <h2 id="firm-upload-heading">Upload firm documents</h2>
      <div class="upload-row">
        <input
          id="firm-upload-files"
          class="file-input"
          type="file"
          multiple
          accept=${acceptAttribute(config.allowedContentTypes)}
          onChange=${onPick}
          aria-describedby="firm-upload-rules"
        />
        <label for="firm-upload-files" class="button secondary">Choose files</label>
        <button type="button" id="firm-upload-start" class="button primary" onClick=${startAll}>Upload</button>
        ${anyFinished ? html`<button type="button" class="button quiet" onClick=${clearFinished}>Clear finished</button>` : null}
      </div>
      <p id="firm-upload-rules" class="hint">${kinds ? `${kinds}; ` : ''}up to ${formatSize(config.maxUploadBytes)} each. Uploaded documents are not shared until you share them.</p>
      ${entries.length
        ? html`<ul class="upload-list" id="firm-upload-list" aria-label="Files to upload">
            ${entries.map((e) => html`<${FirmUploadItem} key=${e.key} entry=${e} onCancel=${() => jobs.current.get(e.key)?.cancel()} />`)}
          </ul>`
        : null}
    </section>
  `;
}

function FirmUploadItem({ entry, onCancel }) {
  const { key, file, state, started } = entry;
  const percent = uploadPercent(state);
  const progressId = `firm-progress-${key}`;
  const tone = ['invalid', 'failed', 'rejected'].includes(state.phase) ? 'error' : state.phase === 'attached' ? 'success' : 'info';
  const text =
    state.phase === 'attached'
      ? 'Uploaded. Available in the matter.'
      : state.phase === 'unconfirmed'
        ? 'Sent. It shows as available once its checks finish.'
        : uploadStatusText(state, { started, formatSize });
  return html`<li class=${`upload-item tone-${tone}`} data-upload-key=${key} data-phase=${state.phase}>
    <p class="upload-head"><span class="upload-name">${file.name}</span> <span class="upload-size">${formatSize(file.size)}</span></p>
    ${started && PROGRESS_PHASES.has(state.phase)
      ? html`<div class="progress-row">
          <label for=${progressId} class="visually-hidden">Upload progress of ${file.name}</label>
          <progress id=${progressId} max="100" value=${percent}>${percent}%</progress>
          <span class="progress-value" aria-hidden="true">${percent}%</span>
        </div>`
      : null}
    <p class="upload-status">${text}</p>
    ${started && CANCELLABLE_PHASES.has(state.phase)
      ? html`<div class="upload-actions"><button type="button" class="button secondary" onClick=${onCancel}>Cancel</button></div>`
      : null}
  </li>`;
}
