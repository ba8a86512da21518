// Tasks in words: a status's label, a due day, the console form's checks, a matter's tasks
// per contact with their counts, and the order a contact sees theirs in. No DOM; tested in
// test/unit/tasks.test.js.

import { t, currentLocale } from './texts.js';

export const TASK_STATUS_LABELS = Object.freeze({ open: 'task-status-open', overdue: 'task-status-overdue', done: 'task-status-done' });

/** @param {string} status */
export function taskStatusLabel(status) {
  return t(TASK_STATUS_LABELS[status] ?? 'task-status-open');
}

/** A stored day (YYYY-MM-DD) as the reader's medium date, the same day everywhere. */
export function dayText(dueOn, locale = currentLocale()) {
  const [y, m, d] = String(dueOn ?? '').split('-').map(Number);
  if (!y || !m || !d) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "Due Jan 15, 2027", "Was due …" when overdue, "Done" with the day it was. */
export function taskDueText(task, locale = currentLocale()) {
  if (task.status === 'done') {
    const at = task.doneAt ? new Date(task.doneAt) : null;
    return at && !Number.isNaN(at.getTime())
      ? t('task-done-on', { day: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(at) })
      : t('task-status-done');
  }
  const day = dayText(task.dueOn, locale);
  return t(task.status === 'overdue' ? 'due-was' : 'due-on', { day });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The new-task form's fields checked: a contact, a title, a due day; the body to send, or
 * null with the errors by field.
 * @param {{contactId: string, title: string, description: string, dueOn: string, documentWanted: string}} form
 */
export function checkTaskForm(form) {
  /** @type {Record<string, string>} */
  const errors = {};
  const title = (form.title ?? '').trim();
  if (!form.contactId) errors.contactId = t('task-whom');
  if (!title) errors.title = t('task-title');
  else if (title.length > 200) errors.title = t('task-title-long');
  if (!DATE.test(form.dueOn ?? '')) errors.dueOn = t('task-due');
  if (Object.keys(errors).length) return { errors, body: null };
  const optional = (v) => ((v ?? '').trim() ? v.trim() : null);
  return {
    errors,
    body: {
      contactId: form.contactId,
      title,
      description: optional(form.description),
      dueOn: form.dueOn,
      documentWanted: optional(form.documentWanted),
    },
  };
}

const RANK = { overdue: 0, open: 1, done: 2 };

/** Overdue first, then open by due day, then done ones newest first. */
export function sortTasks(tasks) {
  return [...tasks].sort(
    (a, b) =>
      (RANK[a.status] ?? 1) - (RANK[b.status] ?? 1) ||
      (a.status === 'done' ? String(b.doneAt).localeCompare(String(a.doneAt)) : String(a.dueOn).localeCompare(String(b.dueOn))) ||
      String(a.title).localeCompare(String(b.title)),
  );
}

/**
 * A matter's tasks per contact (by name), each with its counts and its tasks in order.
 * @param {any[]} tasks
 */
export function tasksByContact(tasks) {
  /** @type {Map<string, {contactId: string, contactName: string, counts: Record<string, number>, tasks: any[]}>} */
  const groups = new Map();
  for (const task of tasks) {
    const group = groups.get(task.contactId) ?? {
      contactId: task.contactId,
      contactName: task.contactName,
      counts: { open: 0, overdue: 0, done: 0 },
      tasks: [],
    };
    group.counts[task.status] = (group.counts[task.status] ?? 0) + 1;
    group.tasks.push(task);
    groups.set(task.contactId, group);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, tasks: sortTasks(g.tasks) }))
    .sort((a, b) => String(a.contactName).localeCompare(String(b.contactName)));
}

/** "2 open · 1 overdue · 3 done", leaving out what is none. */
export function countsText(counts) {
  const parts = [];
  if (counts.open) parts.push(t('tasks-open', { count: counts.open }));
  if (counts.overdue) parts.push(t('tasks-overdue', { count: counts.overdue }));
  if (counts.done) parts.push(t('tasks-done', { count: counts.done }));
  return parts.join(' · ') || t('no-tasks');
}
