// Uploading into one of my matters: pick or drop several files, each checked against the
// config before any request; then per file a progress bar, Cancel, and the outcome.
import { html, useState, useEffect, useRef, useCallback } from '../../vendor/preact-htm.js';
import { acceptAttribute } from '../upload-rules.js';
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
} from '../uploader.js';
import { describeKinds, formatSize, plural } from '../format.js';
import { useLeaveWarning } from './leave-warning.js';

/**
 * @typedef {{key: string, file: File, matterId: string, started: boolean, state: any}} Entry
 */

/**
 * @param {{api: any, config: import('../config.js').PortalConfig, matters: any[] | null, preferredMatterId: string, announce: Function, onAttached: () => void}} props
 */
export function UploadPanel({ api, config, matters, preferredMatterId, announce, onAttached }) {
  const [target, setTarget] = useState('');
  const [entries, setEntries] = useState(/** @type {Entry[]} */ ([]));
  const [dragging, setDragging] = useState(false);
  const [targetError, setTargetError] = useState('');
  const jobs = useRef(new Map());
  const limiter = useRef(createLimiter(PARALLEL_UPLOADS));
  const counter = useRef(0);
  const fileInput = useRef(/** @type {HTMLInputElement | null} */ (null));
  const targetSelect = useRef(/** @type {HTMLSelectElement | null} */ (null));

  const list = matters ?? [];
  const titleOf = (id) => list.find((m) => m.matterId === id)?.title || id;

  // Default matter: the one the list is filtered to, else the only one.
  useEffect(() => {
    if (preferredMatterId && list.some((m) => m.matterId === preferredMatterId)) setTarget(preferredMatterId);
    else if (!target && list.length === 1) setTarget(list[0].matterId);
  }, [preferredMatterId, matters]);

  // Signing out or leaving: stop every job.
  useEffect(
    () => () => {
      for (const job of jobs.current.values()) job.dispose();
    },
    [],
  );

  // Ask before leaving the page while files are being sent.
  useLeaveWarning(entries.some(isInFlight));

  // A file dropped outside the drop area must not replace the page.
  useEffect(() => {
    const stop = (event) => {
      if (event.dataTransfer && [...event.dataTransfer.types].includes('Files')) event.preventDefault();
    };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  const update = useCallback((key, patch) => {
    setEntries((current) => current.map((e) => (e.key === key ? { ...e, ...patch } : e)));
  }, []);

  function addFiles(fileList) {
    const files = [...(fileList ?? [])];
    if (files.length === 0) return;
    const { entries: added, announcement } = queueFiles(files, config, () => {
      counter.current += 1;
      return `u${counter.current}`;
    });
    setEntries((current) => [...current, ...added.map((e) => ({ ...e, matterId: '' }))]);
    announce(announcement.text, announcement.tone);
  }

  function onPick(event) {
    addFiles(event.currentTarget.files);
    // Picking the same file again must fire change again.
    event.currentTarget.value = '';
  }

  function startAll() {
    const ready = entries.filter((e) => !e.started && e.state.phase === 'ready');
    if (ready.length === 0) {
      announce('Choose the files to upload first.', 'error');
      fileInput.current?.focus();
      return;
    }
    if (!target || !list.some((m) => m.matterId === target)) {
      setTargetError('Choose the matter to upload to.');
      announce('Choose the matter to upload to.', 'error');
      targetSelect.current?.focus();
      return;
    }
    setTargetError('');
    const matterId = target;
    setEntries((current) =>
      current.map((e) => (ready.some((r) => r.key === e.key) ? { ...e, started: true, matterId } : e)),
    );
    announce(`Uploading ${plural(ready.length, 'file')} to ${titleOf(matterId)}.`);
    for (const entry of ready) {
      const job = createUploadJob({
        file: entry.file,
        matterId,
        contentType: entry.contentType,
        api,
        config,
        createXhr: () => new XMLHttpRequest(),
        onChange: (state) => {
          update(entry.key, { state });
          if (state.phase === 'attached') {
            announce(state.message, 'success');
            onAttached();
          } else if (state.phase === 'rejected' || state.phase === 'failed') {
            announce(state.message, 'error');
          } else if (state.phase === 'unconfirmed') {
            announce(state.message, 'info');
            onAttached();
          }
        },
      });
      jobs.current.set(entry.key, job);
      limiter.current.run(() => job.start());
    }
  }

  function cancel(entry) {
    const job = jobs.current.get(entry.key);
    if (job) job.cancel();
    else update(entry.key, { state: { phase: 'cancelled', message: '' } });
  }

  function remove(entry) {
    jobs.current.get(entry.key)?.dispose();
    jobs.current.delete(entry.key);
    setEntries((current) => current.filter((e) => e.key !== entry.key));
  }

  function clearFinished() {
    setEntries((current) =>
      current.filter((e) => {
        const done = isFinished(e);
        if (done) jobs.current.delete(e.key);
        return !done;
      }),
    );
  }

  const onDragOver = (event) => {
    if (!event.dataTransfer || ![...event.dataTransfer.types].includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDragLeave = (event) => {
    if (event.currentTarget.contains(event.relatedTarget)) return;
    setDragging(false);
  };
  const onDrop = (event) => {
    event.preventDefault();
    setDragging(false);
    addFiles(event.dataTransfer?.files);
  };

  const anyFinished = entries.some(isFinished);
  const kinds = describeKinds(config.allowedContentTypes);

  return html`
    <section class="panel upload" id="upload-section" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload documents</h2>
      ${matters === null
        ? html`<p class="loading" aria-busy="true">Loading your matters…</p>`
        : list.length === 0
          ? html`<p>You have no matter to upload into.</p>`
          : html`
              <div class="field">
                <label for="upload-matter">Upload to</label>
                <select
                  id="upload-matter"
                  ref=${targetSelect}
                  value=${target}
                  onChange=${(e) => {
                    setTarget(e.currentTarget.value);
                    setTargetError('');
                  }}
                  aria-invalid=${targetError ? 'true' : 'false'}
                  aria-describedby=${targetError ? 'upload-matter-error' : undefined}
                >
                  <option value="">Choose a matter</option>
                  ${list.map((m) => html`<option key=${m.matterId} value=${m.matterId}>${m.title || m.matterId}</option>`)}
                </select>
                ${targetError ? html`<p id="upload-matter-error" class="field-error">${targetError}</p>` : null}
              </div>
              <div
                class=${`dropzone${dragging ? ' dragging' : ''}`}
                onDragOver=${onDragOver}
                onDragEnter=${onDragOver}
                onDragLeave=${onDragLeave}
                onDrop=${onDrop}
              >
                <input
                  ref=${fileInput}
                  id="upload-files"
                  class="file-input"
                  type="file"
                  multiple
                  accept=${acceptAttribute(config.allowedContentTypes)}
                  onChange=${onPick}
                  aria-describedby="upload-rules"
                />
                <label for="upload-files" class="dropzone-label button">Choose files</label>
                <p class="dropzone-hint">or drop them here</p>
              </div>
              <p id="upload-rules" class="hint">
                ${kinds ? `${kinds}; ` : ''}up to ${formatSize(config.maxUploadBytes)} each.
              </p>
              <div class="upload-buttons">
                <button type="button" id="upload-start" class="button primary" onClick=${startAll}>Upload</button>
                ${anyFinished
                  ? html`<button type="button" class="button quiet" id="upload-clear" onClick=${clearFinished}>
                      Clear finished
                    </button>`
                  : null}
              </div>
            `}
      ${entries.length
        ? html`<ul class="upload-list" id="upload-list" aria-label="Files to upload">
            ${entries.map((entry) => html`<${UploadItem}
              key=${entry.key}
              entry=${entry}
              matterTitle=${entry.matterId ? titleOf(entry.matterId) : ''}
              onCancel=${cancel}
              onRemove=${remove}
            />`)}
          </ul>`
        : null}
    </section>
  `;
}

function UploadItem({ entry, matterTitle, onCancel, onRemove }) {
  const { key, file, state, started } = entry;
  const nameId = `upload-name-${key}`;
  const progressId = `upload-progress-${key}`;
  const percent = uploadPercent(state);
  const cancellable = started && CANCELLABLE_PHASES.has(state.phase);
  const removable = !started || isFinished(entry);
  const tone =
    state.phase === 'invalid' || state.phase === 'failed' || state.phase === 'rejected'
      ? 'error'
      : state.phase === 'attached'
        ? 'success'
        : 'info';
  return html`
    <li class=${`upload-item tone-${tone}`} data-upload-key=${key} data-phase=${state.phase}>
      <p class="upload-head">
        <span id=${nameId} class="upload-name">${file.name}</span>
        <span class="upload-size">${formatSize(file.size)}</span>
      </p>
      ${matterTitle ? html`<p class="upload-matter">to ${matterTitle}</p>` : null}
      ${started && PROGRESS_PHASES.has(state.phase)
        ? html`<div class="progress-row">
            <label for=${progressId} class="visually-hidden">Upload progress of ${file.name}</label>
            <progress id=${progressId} max="100" value=${percent}>${percent}%</progress>
            <span class="progress-value" aria-hidden="true">${percent}%</span>
          </div>`
        : null}
      <p class="upload-status">${uploadStatusText(state, { started, formatSize })}</p>
      <div class="upload-actions">
        ${cancellable
          ? html`<button type="button" class="button secondary" aria-describedby=${nameId} onClick=${() => onCancel(entry)}>
              Cancel
            </button>`
          : null}
        ${removable && !cancellable
          ? html`<button type="button" class="button quiet" aria-describedby=${nameId} onClick=${() => onRemove(entry)}>
              Remove
            </button>`
          : null}
      </div>
    </li>
  `;
}
