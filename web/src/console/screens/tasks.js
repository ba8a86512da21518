// The Tasks section: each contact's tasks with how many are open, overdue (on the firm's day)
// and done, Withdraw for an open one given by mistake; a new task for one contact, optionally
// asking for a document back, which their upload of it completes.
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
      if (e?.status !== 401) announce(`The tasks could not be loaded. ${e?.message ?? ''}`.trim(), 'error');
    }
  }
  useEffect(() => {
    load();
  }, [m]);

  const groups = tasksByContact(items ?? []);
  return html`<div class="tasks-console">
    <section class="panel" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">Tasks</h2>
      ${items === null ? html`<p class="loading" aria-busy="true">Loading the tasks…</p>` : null}
      ${items && !groups.length ? html`<p class="subtle">No tasks yet. Give a contact one below: they see it in the portal and are reminded the day before it is due.</p>` : null}
      ${groups.map((g) => html`<section key=${g.contactId} class="task-group" data-contact-id=${g.contactId} aria-label=${`Tasks of ${g.contactName}`}>
        <h3>${g.contactName} <span class="subtle task-counts">${countsText(g.counts)}</span></h3>
        <ul class="task-list">
          ${g.tasks.map((t) => html`<li key=${t.taskId} class=${`task-item task-${t.status}`} data-task-id=${t.taskId}>
            <div class="bill-head">
              <span class="task-title">${t.title}</span>
              <span class=${`status bill-status status-${t.status === 'overdue' ? 'pastDue' : t.status}`}>${taskStatusLabel(t.status)}</span>
            </div>
            <p class="subtle">${[taskDueText(t), t.documentWanted ? `Asks for: ${t.documentWanted}` : '', t.documentId ? 'Completed by an upload' : ''].filter(Boolean).join(' · ')}</p>
            ${t.description ? html`<p class="task-description">${t.description}</p>` : null}
            ${t.status !== 'done'
              ? html`<p class="bill-actions"><button type="button" class="button quiet danger-text"
                  onClick=${() => runChange(() => api.withdrawTask(m, t.taskId), `“${t.title}” was withdrawn; ${g.contactName} no longer sees it.`, { announce, reload: load })}>Withdraw<span class="visually-hidden"> ${t.title}</span></button></p>`
              : null}
          </li>`)}
        </ul>
      </section>`)}
    </section>
    <section class="panel" aria-labelledby="new-task-heading">
      <h2 id="new-task-heading">New task</h2>
      <${TaskForm} contacts=${reachable} onSave=${(body) => runChange(() => api.giveTask(m, body), (t) => `“${t.title}” was given to ${t.contactName}.`, { announce, reload: load })} />
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
  if (!contacts.length) return html`<p class="subtle">Grant a contact access first: tasks go to contacts with access.</p>`;
  return html`<form class="task-form" id="task-form" onSubmit=${submit} noValidate>
    <fieldset class="form-body" disabled=${busy}>
      <div class="field-row">
        <div class="field">
          <label for="task-contactId">For</label>
          <select id="task-contactId" value=${form.contactId} onChange=${set('contactId')} ...${invalid('contactId')}>
            <option value="">Choose a contact</option>
            ${contacts.map((c) => html`<option key=${c.contactId} value=${c.contactId}>${c.name}</option>`)}
          </select>
          ${error('contactId')}
        </div>
        <div class="field">
          <label for="task-title">Title</label>
          <input id="task-title" type="text" maxlength="200" value=${form.title} onInput=${set('title')} ...${invalid('title')} />
          ${error('title')}
        </div>
        <div class="field">
          <label for="task-dueOn">Due</label>
          <input id="task-dueOn" type="date" value=${form.dueOn} onInput=${set('dueOn')} ...${invalid('dueOn')} />
          ${error('dueOn')}
        </div>
      </div>
      <div class="field">
        <label for="task-documentWanted">Document to send back (optional)</label>
        <input id="task-documentWanted" type="text" maxlength="200" placeholder="Signed engagement letter" value=${form.documentWanted} onInput=${set('documentWanted')} />
      </div>
      <label for="task-description">Description (optional)</label>
      <textarea id="task-description" rows="2" maxlength="2000" value=${form.description} onInput=${set('description')}></textarea>
      <button type="submit" class="button primary" disabled=${busy}>Give task</button>
    </fieldset>
  </form>`;
}
