// The portal's home in words: what needs the contact, as one line each with where it leads,
// and the chronological list's kinds. No DOM; tested in test/unit/home.test.js.

import { t } from './texts.js';

const KIND_LABELS = Object.freeze({
  document: 'shared-kind-document',
  bill: 'shared-kind-bill',
  trustRequest: 'shared-kind-trustRequest',
  appointment: 'shared-kind-appointment',
  task: 'shared-kind-task',
});

/** What a shared item is, in a word. */
export function sharedKindLabel(kind) {
  return t(KIND_LABELS[kind] ?? 'shared-kind-other');
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
    const overdue = tasks.filter((task) => task.status === 'overdue').length;
    lines.push({ key: 'tasks', text: t('needs-tasks', { count: tasks.length }) + (overdue ? t('needs-overdue', { count: overdue }) : ''), href: '#tasks-heading', urgent: overdue > 0 });
  }
  const bills = needs.bills ?? [];
  if (bills.length) {
    const late = bills.filter((b) => b.status === 'pastDue').length;
    lines.push({ key: 'bills', text: t('needs-bills', { count: bills.length }) + (late ? t('needs-past-due', { count: late }) : ''), href: '#bills-heading', urgent: late > 0 });
  }
  for (const c of needs.conversations ?? []) {
    lines.push({ key: `messages-${c.matterId}`, text: t('needs-messages', { count: c.unread, matter: c.matterTitle }), matterId: c.matterId, urgent: false });
  }
  const documents = needs.documents ?? [];
  if (documents.length) {
    lines.push({ key: 'documents', text: t('needs-documents', { count: documents.length }), href: '#documents-summary', urgent: false });
  }
  const next = (needs.appointments ?? [])[0];
  if (next) {
    const at = when(next);
    lines.push({ key: 'event', text: at ? t('needs-event-at', { title: next.title, when: at }) : t('needs-event', { title: next.title }), href: '#events-heading', urgent: false });
  }
  return lines;
}
