// Tasks the firm gave me, overdue and open first: what to do, by when, on which matter, and
// either Mark done or, when the task asks for a document, uploading it (through the one
// upload pipeline, with the task named), which completes the task once it is accepted.
import { html, useState, useEffect } from '../../../vendor/preact-htm.js';
import { sortTasks, taskDueText, taskStatusLabel } from '../../common/tasks.js';
import { useAttachmentUpload } from '../../common/hooks/use-attachment-upload.js';
import { acceptAttribute } from '../../common/upload-rules.js';
import { t } from '../texts.js';

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
        if (e?.status !== 401) setError(t('tasks-failed', { reason: e?.message ?? '' }).trim());
      },
    );
  useEffect(() => {
    load();
  }, [api]);

  if (error) return html`<section class="tasks-panel" aria-labelledby="tasks-heading"><h2 id="tasks-heading">${t('tasks')}</h2><p class="message error" role="alert">${error}</p></section>`;
  if (!tasks?.length) return null;
  const waiting = tasks.filter((task) => task.status !== 'done').length;
  return html`<section class="tasks-panel" aria-labelledby="tasks-heading">
    <h2 id="tasks-heading">${t('tasks')}</h2>
    <p class="subtle">${waiting ? t('tasks-waiting', { count: waiting }) : t('tasks-all-done')}</p>
    <ul class="task-list" id="task-list">
      ${tasks.map((task) => html`<${TaskItem} key=${task.taskId} task=${task} api=${api} config=${config} announce=${announce}
        onChanged=${() => {
          load();
          onChanged();
        }} />`)}
    </ul>
  </section>`;
}

/** @param {{task: any, api: any, config: any, announce: Function, onChanged: () => void}} props */
function TaskItem({ task, api, config, announce, onChanged }) {
  const [busy, setBusy] = useState(false);
  const uploads = { ...api, requestUpload: (m, declared, options) => api.requestUpload(m, { ...declared, taskId: task.taskId }, options) };
  const attachment = useAttachmentUpload({ api: uploads, config, matterId: task.matterId });
  const open = task.status !== 'done';

  async function markDone() {
    setBusy(true);
    try {
      await api.markTaskDone(task.matterId, task.taskId);
      announce(t('task-marked-done', { title: task.title }), 'success');
      onChanged();
    } catch (e) {
      if (e?.status !== 401) announce(t('task-not-marked', { title: task.title, reason: e?.message ?? '' }).trim(), 'error');
    }
    setBusy(false);
  }

  async function send(file) {
    if (!file) return;
    attachment.choose(file);
    const documentId = await attachment.upload(file);
    if (documentId) {
      announce(t('task-file-received', { name: file.name, title: task.title }), 'success');
      onChanged();
    }
  }

  const inputId = `task-file-${task.taskId}`;
  return html`<li class=${`task-item task-${task.status}`} data-task-id=${task.taskId}>
    <div class="bill-head">
      <span class="task-title">${task.title}</span>
      <span class=${`badge bill-status status-${task.status === 'overdue' ? 'pastDue' : task.status}`}>${taskStatusLabel(task.status)}</span>
    </div>
    <p class="subtle">${task.matterTitle} · <span class="task-due">${taskDueText(task)}</span></p>
    ${task.description ? html`<p class="task-description">${task.description}</p>` : null}
    ${open && task.documentWanted ? html`<p class="task-wanted">${t('task-asks-for')} <strong>${task.documentWanted}</strong></p>` : null}
    ${open
      ? html`<p class="bill-actions">
          ${task.documentWanted
            ? html`<label class="button primary file-button" for=${inputId}>${t('upload-named', { what: task.documentWanted })}</label>
                <input class="visually-hidden" id=${inputId} type="file" accept=${acceptAttribute(config?.allowedContentTypes ?? [])}
                  disabled=${attachment.uploading} onChange=${(e) => send(e.currentTarget.files?.[0] ?? null)} />`
            : null}
          <button type="button" class="button quiet" disabled=${busy || attachment.uploading} onClick=${markDone}>${t('mark-done')}<span class="visually-hidden"> ${task.title}</span></button>
        </p>`
      : null}
    ${attachment.refusal ? html`<p class="message error" role="alert">${attachment.refusal}</p>` : null}
    ${attachment.uploading ? html`<p class="hint" aria-live="polite">${t('uploading-named', { name: attachment.file?.name })}</p>` : null}
    ${attachment.state?.phase && attachment.state.phase !== 'attached' && attachment.state.message && !attachment.uploading
      ? html`<p class="message error" role="alert">${attachment.state.message}</p>`
      : null}
  </li>`;
}
