// Words and checks of the Access, Documents and Sharing sections. No DOM; tested in
// test/unit/sections.test.js.

import { looksLikeEmail } from '../common/validate.js';
import { ID_PATTERN } from './staff-query.js';
import { listInWords, parseTimestamp } from '../common/format.js';
import { t } from './texts.js';

// Catalog keys: read with t() where shown.
export const ACCESS_STATUS = {
  invited: { label: 'access-invited', hint: 'access-invited-hint' },
  active: { label: 'access-active', hint: 'access-active-hint' },
  revoked: { label: 'access-revoked', hint: 'access-revoked-hint' },
  expired: { label: 'access-expired', hint: 'access-expired-hint' },
};

/** Statuses without access: the portal treats an expired grant as revoked. */
export function hasNoAccess(status) {
  return status === 'revoked' || status === 'expired';
}

export const DOCUMENT_STATUS = {
  pending: 'document-status-pending',
  available: 'document-status-available',
  rejected: 'document-status-rejected',
  deleting: 'document-status-deleting',
};

/** @param {string} status */
export function accessStatusLabel(status) {
  return ACCESS_STATUS[status] ? t(ACCESS_STATUS[status].label) : status;
}

/** @param {string} status */
export function documentStatusLabel(status) {
  return DOCUMENT_STATUS[status] ? t(DOCUMENT_STATUS[status]) : status;
}

/** "Document (Portal)" for a contact's upload, as the reference names it; "Document" else. */
export function originLabel(origin) {
  return origin === 'portal' ? t('origin-portal') : t('origin-firm');
}

/**
 * Checks of the grant form before any request.
 * @param {{contactId: string, name: string, email: string}} f
 * @returns {{contactId?: string, name?: string, email?: string}}
 */
export function validateGrant(f) {
  /** @type {{contactId?: string, name?: string, email?: string}} */
  const errors = {};
  if (!ID_PATTERN.test((f.contactId ?? '').trim())) {
    errors.contactId = t('grant-bad-id');
  }
  const name = (f.name ?? '').trim();
  if (!name) errors.name = t('grant-no-name');
  else if ([...name].length > 200) errors.name = t('grant-long-name');
  if (!looksLikeEmail(f.email)) errors.email = t('grant-bad-email');
  return errors;
}

/**
 * What a grant or update did, in a sentence.
 * @param {{name: string, email: string, created?: boolean, canDownload: boolean, expiresAt?: string | null}} outcome
 * @param {{email: string, canDownload: boolean, expiresAt?: string | null} | null} before the row before the call, if any
 */
export function grantMessage(outcome, before) {
  const who = outcome.name || outcome.email;
  if (!before || outcome.created) return t('grant-created', { who, email: outcome.email });
  if (before.email !== outcome.email) {
    return t('grant-readdressed', { who, email: outcome.email });
  }
  if (before.canDownload !== outcome.canDownload) {
    return t(outcome.canDownload ? 'grant-can-download' : 'grant-view-only', { who });
  }
  if ((before.expiresAt ?? null) !== (outcome.expiresAt ?? null)) {
    return t(outcome.expiresAt ? 'grant-end-saved' : 'grant-end-removed', { who });
  }
  if (before.name !== outcome.name) return t('grant-name-saved', { who });
  return t(before.status === 'invited' ? 'grant-unchanged-invited' : 'grant-unchanged', { who });
}

/**
 * Where a contact's invitation stands: asked for and not sent yet (the mail worker sends it
 * within seconds), sent at a time, or never sent.
 * @param {{invitationSentAt?: string | null, invitationRequestedAt?: string | null}} contact
 * @returns {{state: 'queued' | 'sent' | 'none', at: string | null}}
 */
export function invitationState(contact) {
  const sent = parseTimestamp(contact.invitationSentAt ?? null);
  const requested = parseTimestamp(contact.invitationRequestedAt ?? null);
  if (requested && (!sent || requested.getTime() > sent.getTime())) return { state: 'queued', at: contact.invitationRequestedAt ?? null };
  if (sent) return { state: 'sent', at: contact.invitationSentAt ?? null };
  return { state: 'none', at: null };
}

/**
 * When the next invitation may go to a contact (the service refuses one sooner than
 * `seconds` after the later of the last asked for and the last sent); null when it may go now.
 * @param {{invitationSentAt?: string | null, invitationRequestedAt?: string | null}} contact
 * @param {number} seconds
 * @param {Date} now
 * @returns {Date | null}
 */
export function nextResendAt(contact, seconds, now) {
  const last = invitationState(contact).at;
  const sent = parseTimestamp(last);
  if (!sent) return null;
  const next = new Date(sent.getTime() + seconds * 1000);
  return next.getTime() > now.getTime() ? next : null;
}

/** The revoke confirmation: what happens at once and what is kept. */
export function revokeConfirmText(contact) {
  const who = contact.name || contact.email;
  return t('revoke-confirm', { who });
}

/** The delete confirmation: the document leaves the matter and every portal. */
export function deleteConfirmText(doc, sharedWith = 0) {
  const where = sharedWith > 0 ? t('delete-shared-with', { count: sharedWith }) : '';
  return t('delete-confirm', { name: doc.fileName, where });
}

/**
 * What a share did, in a sentence. Nobody is emailed at share time: each contact gets one
 * digest email a few minutes later listing everything new for them.
 * @param {{created: number, contacts?: {contactId: string, newlyShared: number}[]}} outcome
 * @param {Map<string, {name: string, email: string}>} contactsById
 */
export function shareMessage(outcome, contactsById) {
  const name = (id) => contactsById.get(id)?.name || id;
  const created = outcome?.created ?? 0;
  if (!created) return t('share-nothing-new');
  const told = (outcome.contacts ?? []).filter((c) => c.newlyShared > 0).map((c) => name(c.contactId));
  let text = t('share-created', { count: created });
  if (told.length) text += t(told.length === 1 && created === 1 ? 'share-told-one' : 'share-told-many', { names: listInWords(told) });
  return text;
}

/** The matter's documents that can be shared now. */
export function shareableDocuments(docs) {
  return docs.filter((d) => d.status === 'available');
}

/** Contacts that can be chosen for sharing (revoked ones cannot receive shares). */
export function shareableContacts(contacts) {
  return contacts.filter((c) => !hasNoAccess(c.status));
}

/** Counts shown over the Access table. */
export function accessSummary(contacts) {
  const active = contacts.filter((c) => c.status === 'active').length;
  const invited = contacts.filter((c) => c.status === 'invited').length;
  const revoked = contacts.filter((c) => c.status === 'revoked').length;
  const expired = contacts.filter((c) => c.status === 'expired').length;
  const parts = [];
  if (active) parts.push(t('summary-active', { count: active }));
  if (invited) parts.push(t('summary-invited', { count: invited }));
  if (revoked) parts.push(t('summary-revoked', { count: revoked }));
  if (expired) parts.push(t('summary-expired', { count: expired }));
  return contacts.length ? t('summary-contacts', { count: contacts.length, parts: parts.join(', ') }) : t('no-contacts-yet');
}
