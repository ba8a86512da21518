// Tasks the firm gave me, overdue and open first: what to do, by when, on which matter, and
// either Mark done or, when the task asks for a document, uploading it (through the one
// upload pipeline, with the task named), which completes the task once it is accepted.
import { html, useState, useEffect } from '../../../vendor/preact-htm.js';
import { sortTasks, taskDueText, taskStatusLabel } from '../../common/tasks.js';
import { plural } from '../../common/format.js';
import { useAttachmentUpload } from '../../common/hooks/use-attachment-upload.js';
import { acceptAttribute } from '../../common/upload-rules.js';

/** @param {{api: any, config: any, announce: Function, onChanged: () => void}} props */
export function TaskList({ api, config, announce, onChanged }) {
  const [tasks, setTasks] = useState(/** @type {any[] | null} */ (null));
  const [error, setError] = useState('');
  const load = () =>
    api.listTasks().then(
      (items) => {
        setTasks(sortTasks(items));
        setError('');
      },
      (e) => {
        if (e?.status !== 401) setError(`Your tasks could not be loaded. ${e?.message ?? ''}`.trim());
      },
    );
  useEffect(() => {
    load();
  }, [api]);

  if (error) return html`<section class="tasks-panel" aria-labelledby="tasks-heading"><h2 id="tasks-heading">Tasks</h2><p class="message error" role="alert">${error}</p></section>`;
  if (!tasks?.length) return null;
  const waiting = tasks.filter((t) => t.status !== 'done').length;
  return html`<section class="tasks-panel" aria-labelledby="tasks-heading">
    <h2 id="tasks-heading">Tasks</h2>
    <p class="subtle">${waiting ? `${plural(waiting, 'task')} waiting for you.` : 'You have done every task.'}</p>
    <ul class="task-list" id="task-list">
      ${tasks.map((t) => html`<${TaskItem} key=${t.taskId} task=${t} api=${api} config=${config} announce=${announce}
        onChanged=${() => {
          load();
          onChanged();
        }} />`)}
    </ul>
  </section>`;
}

/** @param {{task: any, api: any, config: any, announce: Function, onChanged: () => void}} props */
function TaskItem({ task: t, api, config, announce, onChanged }) {
  const [busy, setBusy] = useState(false);
  const uploads = { ...api, requestUpload: (m, declared, options) => api.requestUpload(m, { ...declared, taskId: t.taskId }, options) };
  const attachment = useAttachmentUpload({ api: uploads, config, matterId: t.matterId });
  const open = t.status !== 'done';

  async function markDone() {
    setBusy(true);
    try {
      await api.markTaskDone(t.matterId, t.taskId);
      announce(`“${t.title}” is done. The firm will be told.`, 'success');
      onChanged();
    } catch (e) {
      if (e?.status !== 401) announce(`“${t.title}” could not be marked done. ${e?.message ?? ''}`.trim(), 'error');
    }
    setBusy(false);
  }

  async function send(file) {
    if (!file) return;
    attachment.choose(file);
    const documentId = await attachment.upload(file);
    if (documentId) {
      announce(`“${file.name}” was received and “${t.title}” is done.`, 'success');
      onChanged();
    }
  }

  const inputId = `task-file-${t.taskId}`;
  return html`<li class=${`task-item task-${t.status}`} data-task-id=${t.taskId}>
    <div class="bill-head">
      <span class="task-title">${t.title}</span>
      <span class=${`badge bill-status status-${t.status === 'overdue' ? 'pastDue' : t.status}`}>${taskStatusLabel(t.status)}</span>
    </div>
    <p class="subtle">${t.matterTitle} · <span class="task-due">${taskDueText(t)}</span></p>
    ${t.description ? html`<p class="task-description">${t.description}</p>` : null}
    ${open && t.documentWanted ? html`<p class="task-wanted">The firm asks for: <strong>${t.documentWanted}</strong></p>` : null}
    ${open
      ? html`<p class="bill-actions">
          ${t.documentWanted
            ? html`<label class="button primary file-button" for=${inputId}>Upload ${t.documentWanted}</label>
                <input class="visually-hidden" id=${inputId} type="file" accept=${acceptAttribute(config?.allowedContentTypes ?? [])}
                  disabled=${attachment.uploading} onChange=${(e) => send(e.currentTarget.files?.[0] ?? null)} />`
            : null}
          <button type="button" class="button quiet" disabled=${busy || attachment.uploading} onClick=${markDone}>Mark done<span class="visually-hidden"> ${t.title}</span></button>
        </p>`
      : null}
    ${attachment.refusal ? html`<p class="message error" role="alert">${attachment.refusal}</p>` : null}
    ${attachment.uploading ? html`<p class="hint" aria-live="polite">Uploading “${attachment.file?.name}”…</p>` : null}
    ${attachment.state?.phase && attachment.state.phase !== 'attached' && attachment.state.message && !attachment.uploading
      ? html`<p class="message error" role="alert">${attachment.state.message}</p>`
      : null}
  </li>`;
}
