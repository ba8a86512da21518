// The portal's home in words: what needs the contact, as one line each with where it leads,
// and the chronological list's kinds. No DOM; tested in test/unit/home.test.js.

import { plural } from './format.js';

const KIND_LABELS = Object.freeze({
  document: 'Document',
  bill: 'Bill',
  trustRequest: 'Trust request',
  appointment: 'Event',
  task: 'Task',
});

/** What a shared item is, in a word. */
export function sharedKindLabel(kind) {
  return KIND_LABELS[kind] ?? 'Item';
}

/**
 * One line per kind of thing waiting for the contact, in the order they press: tasks, bills,
 * messages (one line per matter), new documents, the next event. Each says where it leads:
 * `href` a section of the page, or `matterId` a conversation to open.
 * @param {any} needs the home's `needs`
 * @param {(a: any) => string} [when] an event's time in words
 * @returns {{key: string, text: string, href?: string, matterId?: string, urgent: boolean}[]}
 */
export function needsLines(needs, when = () => '') {
  if (!needs) return [];
  const lines = [];
  const tasks = needs.tasks ?? [];
  if (tasks.length) {
    const overdue = tasks.filter((t) => t.status === 'overdue').length;
    lines.push({ key: 'tasks', text: `${plural(tasks.length, 'task')} to do${overdue ? `, ${overdue} overdue` : ''}`, href: '#tasks-heading', urgent: overdue > 0 });
  }
  const bills = needs.bills ?? [];
  if (bills.length) {
    const late = bills.filter((b) => b.status === 'pastDue').length;
    lines.push({ key: 'bills', text: `${plural(bills.length, 'bill or request', 'bills and requests')} to pay${late ? `, ${late} past due` : ''}`, href: '#bills-heading', urgent: late > 0 });
  }
  for (const c of needs.conversations ?? []) {
    lines.push({ key: `messages-${c.matterId}`, text: `${plural(c.unread, 'unread message')} on ${c.matterTitle}`, matterId: c.matterId, urgent: false });
  }
  const documents = needs.documents ?? [];
  if (documents.length) {
    lines.push({ key: 'documents', text: `${plural(documents.length, 'new or updated document')} to look at`, href: '#documents-summary', urgent: false });
  }
  const next = (needs.appointments ?? [])[0];
  if (next) {
    const at = when(next);
    lines.push({ key: 'event', text: `Next event: ${next.title}${at ? `, ${at}` : ''}`, href: '#events-heading', urgent: false });
  }
  return lines;
}
