// A matter's portal settings as the console edits them: a draft beside what was saved, what
// changed, checks before Save, the people offered as owner and recipients, and the body of
// PUT /matters/{id}. No DOM; tested in test/unit/settings.test.js.

import { looksLikeEmail } from '../common/validate.js';
import { ID_PATTERN } from './staff-query.js';
import { t } from './texts.js';

export const MAX_TITLE_CHARS = 200;
export const MAX_NAME_CHARS = 200;
export const MAX_NOTIFY = 50;

/** @typedef {{id: string, email: string, name: string}} Person */
/** @typedef {{title: string, owner: Person | null, notify: Person[]}} Draft */

/** @param {any} p @returns {Person | null} */
export function asPerson(p) {
  if (!p || typeof p !== 'object') return null;
  const id = typeof p.id === 'string' ? p.id.trim() : '';
  const email = typeof p.email === 'string' ? p.email.trim() : '';
  const name = typeof p.name === 'string' ? p.name.trim() : '';
  return id ? { id, email, name } : null;
}

/** The draft a new matter starts from: no title, the signed-in staff member as owner and recipient. */
export function newDraft(me) {
  const owner = asPerson(me);
  return { title: '', owner, notify: owner ? [owner] : [] };
}

/**
 * The draft of a saved matter (GET /matters/{id} or an item of GET /matters).
 * @param {any} matter
 * @returns {Draft}
 */
export function draftFromMatter(matter) {
  const owner = asPerson(matter?.owner);
  const notify = dedupe((Array.isArray(matter?.notify) ? matter.notify : []).map(asPerson).filter(Boolean));
  return {
    title: typeof matter?.title === 'string' ? matter.title : '',
    owner,
    notify: notify.length ? notify : owner ? [owner] : [],
  };
}

/** @param {Person[]} people */
function dedupe(people) {
  const seen = new Set();
  return people.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
}

const samePerson = (a, b) => (!a && !b) || (!!a && !!b && a.id === b.id && a.email === b.email && a.name === b.name);

/** Whether two drafts say the same (title trimmed; recipients in any order). */
export function sameDraft(a, b) {
  if (!a || !b) return a === b;
  if (a.title.trim() !== b.title.trim()) return false;
  if (!samePerson(a.owner, b.owner)) return false;
  const key = (list) => list.map((p) => `${p.id}\u0000${p.email}\u0000${p.name}`).sort().join('\u0001');
  return key(a.notify) === key(b.notify);
}

/**
 * What differs from the saved settings, for the "unsaved changes" line: ["title", "owner",
 * "notification recipients"]; [] when nothing. A new matter (saved null) differs in all it has.
 * @param {Draft} draft
 * @param {Draft | null} saved
 */
export function changedFields(draft, saved) {
  const base = saved ?? { title: '', owner: null, notify: [] };
  const out = [];
  if (draft.title.trim() !== base.title.trim()) out.push(t('field-title'));
  if (!samePerson(draft.owner, base.owner)) out.push(t('field-owner'));
  const ids = (l) => l.map((p) => `${p.id}\u0000${p.email}\u0000${p.name}`).sort().join('\u0001');
  if (ids(draft.notify) !== ids(base.notify)) out.push(t('field-recipients'));
  return out;
}

/**
 * A new owner. Recipients that were just "the owner" (the default) follow the owner; a list
 * chosen by hand stays as it is.
 * @param {Draft} draft
 * @param {Person | null} owner
 * @returns {Draft}
 */
export function withOwner(draft, owner) {
  const followed =
    draft.notify.length === 0 || (draft.notify.length === 1 && draft.owner && draft.notify[0].id === draft.owner.id);
  return { ...draft, owner, notify: followed ? (owner ? [owner] : []) : draft.notify };
}

/** Adds or removes one recipient. */
export function withRecipient(draft, person, on) {
  const rest = draft.notify.filter((p) => p.id !== person.id);
  return { ...draft, notify: on ? [...rest, person] : rest };
}

/**
 * Checks before Save; each message names the field.
 * @param {Draft} draft
 * @returns {{title?: string, owner?: string, notify?: string}}
 */
export function validateDraft(draft) {
  /** @type {{title?: string, owner?: string, notify?: string}} */
  const errors = {};
  const title = draft.title.trim();
  if (!title) errors.title = t('settings-no-title');
  else if ([...title].length > MAX_TITLE_CHARS) errors.title = t('settings-long-title', { max: MAX_TITLE_CHARS });
  else if (/[\u0000-\u001f\u007f]/.test(title)) errors.title = t('settings-control-title');
  if (!draft.owner) errors.owner = t('settings-no-owner');
  else {
    const problem = personProblem(draft.owner);
    if (problem) errors.owner = t('settings-owner-problem', { problem });
  }
  if (draft.notify.length > MAX_NOTIFY) errors.notify = t('settings-too-many', { max: MAX_NOTIFY });
  return errors;
}

/**
 * What is wrong with a person, or "" (the service's rules: id 1–64 letters, digits, - or _;
 * one plain address; a name).
 * @param {{id?: string, email?: string, name?: string}} p
 */
export function personProblem(p) {
  const id = (p.id ?? '').trim();
  const name = (p.name ?? '').trim();
  const email = (p.email ?? '').trim();
  if (!name) return t('person-no-name');
  if ([...name].length > MAX_NAME_CHARS) return t('person-long-name', { max: MAX_NAME_CHARS });
  if (!looksLikeEmail(email)) return t('person-bad-email');
  if (!ID_PATTERN.test(id)) return t('person-bad-id');
  return '';
}

/**
 * The body of PUT /matters/{id}. Recipients: those chosen, else the owner.
 * @param {Draft} draft
 */
export function toMatterInput(draft) {
  const owner = /** @type {Person} */ (draft.owner);
  const notify = draft.notify.length ? draft.notify : [owner];
  return {
    title: draft.title.trim(),
    owner: { id: owner.id, email: owner.email, name: owner.name },
    notify: notify.map((p) => ({ id: p.id, email: p.email, name: p.name })),
  };
}

/**
 * The staff the console can offer: with no staff directory in the API, the people already
 * owners or recipients of listed matters, the signed-in staff member, and anyone added by
 * hand; one per id (the first seen wins), sorted by name.
 * @param {{matters?: any[], me?: Person | null, added?: Person[], draft?: Draft | null}} sources
 * @returns {Person[]}
 */
export function peopleChoices({ matters = [], me = null, added = [], draft = null }) {
  const all = [];
  if (me) all.push(me);
  for (const p of added) all.push(p);
  if (draft?.owner) all.push(draft.owner);
  for (const p of draft?.notify ?? []) all.push(p);
  for (const m of matters) {
    all.push(m?.owner);
    for (const p of Array.isArray(m?.notify) ? m.notify : []) all.push(p);
  }
  const people = dedupe(all.map(asPerson).filter(Boolean));
  return people.sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email, undefined, { sensitivity: 'base' }));
}

/** "Ann Lawyer <ann@firm.example>" */
export function personLabel(p) {
  if (!p) return '';
  return p.name && p.email ? `${p.name} <${p.email}>` : p.name || p.email || p.id;
}
