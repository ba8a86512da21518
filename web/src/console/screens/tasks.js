// The Tasks section: each contact's tasks with how many are open, overdue (on the firm's day)
// and done, Withdraw for an open one given by mistake; a new task for one contact, optionally
// asking for a document back, which their upload of it completes.
import { t } from '../texts.js';
import { html, useState, useEffect } from '../../../vendor/preact-htm.js';
import { runChange } from '../run-change.js';
import { shareableContacts } from '../sections.js';
import { checkTaskForm, countsText, taskDueText, taskStatusLabel, tasksByContact } from '../../common/tasks.js';

const EMPTY = { contactId: '', title: '', description: '', dueOn: '', documentWanted: '' };

/** @param {{api: any, matter: any, contacts: any[] | null, announce: Function}} props */
export function TasksSection({ api, matter, contacts, announce }) {
  const [items, setItems] = useState(/** @type {any[] | null} */ (null));
  const m = matter.matterId;
  const reachable = shareableContacts(contacts ?? []);

  async function load() {
    try {
      setItems(await api.listTasks(m));
    } catch (e) {
      if (e?.status !== 401) announce(t('tasks-failed', { reason: e?.message ?? '' }).trim(), 'error');
    }
  }
  useEffect(() => {
    load();
  }, [m]);

  const groups = tasksByContact(items ?? []);
  return html`<div class="tasks-console">
    <section class="panel" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">${t('section-tasks')}</h2>
      ${items === null ? html`<p class="loading" aria-busy="true">${t('loading-tasks')}</p>` : null}
      ${items && !groups.length ? html`<p class="subtle">${t('no-tasks-yet')}</p>` : null}
      ${groups.map((g) => html`<section key=${g.contactId} class="task-group" data-contact-id=${g.contactId} aria-label=${t('tasks-of', { name: g.contactName })}>
        <h3>${g.contactName} <span class="subtle task-counts">${countsText(g.counts)}</span></h3>
        <ul class="task-list">
          ${g.tasks.map((task) => html`<li key=${task.taskId} class=${`task-item task-${task.status}`} data-task-id=${task.taskId}>
            <div class="bill-head">
              <span class="task-title">${task.title}</span>
              <span class=${`status bill-status status-${task.status === 'overdue' ? 'pastDue' : task.status}`}>${taskStatusLabel(task.status)}</span>
            </div>
            <p class="subtle">${[taskDueText(task), task.documentWanted ? t('asks-for', { what: task.documentWanted }) : '', task.documentId ? t('completed-by-upload') : ''].filter(Boolean).join(' · ')}</p>
            ${task.description ? html`<p class="task-description">${task.description}</p>` : null}
            ${task.status !== 'done'
              ? html`<p class="bill-actions"><button type="button" class="button quiet danger-text"
                  onClick=${() => runChange(() => api.withdrawTask(m, task.taskId), t('task-withdrawn', { title: task.title, name: g.contactName }), { announce, reload: load })}>${t('withdraw')}<span class="visually-hidden"> ${task.title}</span></button></p>`
              : null}
          </li>`)}
        </ul>
      </section>`)}
    </section>
    <section class="panel" aria-labelledby="new-task-heading">
      <h2 id="new-task-heading">${t('new-task')}</h2>
      <${TaskForm} contacts=${reachable} onSave=${(body) => runChange(() => api.giveTask(m, body), (task) => t('task-given', { title: task.title, name: task.contactName }), { announce, reload: load })} />
    </section>
  </div>`;
}

/** @param {{contacts: any[], onSave: (body: any) => Promise<boolean>}} props */
function TaskForm({ contacts, onSave }) {
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [busy, setBusy] = useState(false);
  const set = (key) => (e) => setForm({ ...form, [key]: e.currentTarget.value });

  async function submit(e) {
    e.preventDefault();
    const checked = checkTaskForm(form);
    setErrors(checked.errors);
    if (!checked.body) return;
    setBusy(true);
    if (await onSave(checked.body)) setForm(EMPTY);
    setBusy(false);
  }

  const invalid = (key) => ({ 'aria-invalid': errors[key] ? 'true' : 'false', 'aria-describedby': errors[key] ? `task-${key}-error` : undefined });
  const error = (key) => (errors[key] ? html`<p class="field-error" id=${`task-${key}-error`}>${errors[key]}</p>` : null);
  if (!contacts.length) return html`<p class="subtle">${t('grant-first-tasks')}</p>`;
  return html`<form class="task-form" id="task-form" onSubmit=${submit} noValidate>
    <fieldset class="form-body" disabled=${busy}>
      <div class="field-row">
        <div class="field">
          <label for="task-contactId">${t('for')}</label>
          <select id="task-contactId" value=${form.contactId} onChange=${set('contactId')} ...${invalid('contactId')}>
            <option value="">${t('choose-a-contact-option')}</option>
            ${contacts.map((c) => html`<option key=${c.contactId} value=${c.contactId}>${c.name}</option>`)}
          </select>
          ${error('contactId')}
        </div>
        <div class="field">
          <label for="task-title">${t('title')}</label>
          <input id="task-title" type="text" maxlength="200" value=${form.title} onInput=${set('title')} ...${invalid('title')} />
          ${error('title')}
        </div>
        <div class="field">
          <label for="task-dueOn">${t('due')}</label>
          <input id="task-dueOn" type="date" value=${form.dueOn} onInput=${set('dueOn')} ...${invalid('dueOn')} />
          ${error('dueOn')}
        </div>
      </div>
      <div class="field">
        <label for="task-documentWanted">${t('document-wanted')}</label>
        <input id="task-documentWanted" type="text" maxlength="200" placeholder=${t('document-wanted-example')} value=${form.documentWanted} onInput=${set('documentWanted')} />
      </div>
      <label for="task-description">${t('description')}</label>
      <textarea id="task-description" rows="2" maxlength="2000" value=${form.description} onInput=${set('description')}></textarea>
      <button type="submit" class="button primary" disabled=${busy}>${t('give-task')}</button>
    </fieldset>
  </form>`;
}
