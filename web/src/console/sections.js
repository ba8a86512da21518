// Words and checks of the Access, Documents and Sharing sections. No DOM; tested in
// test/unit/sections.test.js.

import { looksLikeEmail } from '../common/validate.js';
import { ID_PATTERN } from './staff-query.js';
import { plural, listInWords, parseTimestamp } from '../common/format.js';

export const ACCESS_STATUS = {
  invited: { label: 'Invited', hint: 'has not signed in yet' },
  active: { label: 'Active', hint: 'has signed in' },
  revoked: { label: 'Revoked', hint: 'no access' },
  expired: { label: 'Expired', hint: 'the access end date has passed; no access' },
};

/** Statuses without access: the portal treats an expired grant as revoked. */
export function hasNoAccess(status) {
  return status === 'revoked' || status === 'expired';
}

export const DOCUMENT_STATUS = {
  pending: 'Uploading',
  available: 'Available',
  rejected: 'Rejected',
  deleting: 'Deleting',
};

/** @param {string} status */
export function accessStatusLabel(status) {
  return ACCESS_STATUS[status]?.label ?? status;
}

/** @param {string} status */
export function documentStatusLabel(status) {
  return DOCUMENT_STATUS[status] ?? status;
}

/** "Document (Portal)" for a contact's upload, as the reference names it; "Document" else. */
export function originLabel(origin) {
  return origin === 'portal' ? 'Document (Portal)' : 'Document';
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
    errors.contactId = 'The contact id is 1 to 64 letters, digits, - or _ (the id in your practice system).';
  }
  const name = (f.name ?? '').trim();
  if (!name) errors.name = 'Enter the contact’s name.';
  else if ([...name].length > 200) errors.name = 'A name can be at most 200 characters.';
  if (!looksLikeEmail(f.email)) errors.email = 'Enter the address the contact will sign in with, like name@example.com.';
  return errors;
}

/**
 * What a grant or update did, in a sentence.
 * @param {{name: string, email: string, created?: boolean, canDownload: boolean, expiresAt?: string | null}} outcome
 * @param {{email: string, canDownload: boolean, expiresAt?: string | null} | null} before the row before the call, if any
 */
export function grantMessage(outcome, before) {
  const who = outcome.name || outcome.email;
  if (!before || outcome.created) return `${who} was given access; an invitation is on its way to ${outcome.email}.`;
  if (before.email !== outcome.email) {
    return `${who}’s address is now ${outcome.email}; a new invitation is on its way there and the old address no longer works.`;
  }
  if (before.canDownload !== outcome.canDownload) {
    return outcome.canDownload ? `${who} can now view and download.` : `${who} can now only view (no downloads).`;
  }
  if ((before.expiresAt ?? null) !== (outcome.expiresAt ?? null)) {
    return outcome.expiresAt ? `${who}’s access end date was saved.` : `${who}’s access no longer has an end date.`;
  }
  if (before.name !== outcome.name) return `${who}’s name was saved.`;
  return before.status === 'invited'
    ? `Nothing changed for ${who}, so no invitation was sent. To email it again, use Resend invitation.`
    : `Nothing changed for ${who}; no email was sent.`;
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
  return `${who} will be signed out of the portal at once and can no longer open anything in this matter. Their shares are kept: granting access again brings them back.`;
}

/** The delete confirmation: the document leaves the matter and every portal. */
export function deleteConfirmText(doc, sharedWith = 0) {
  const where = sharedWith > 0 ? ` It is shared with ${plural(sharedWith, 'contact')} now.` : '';
  return `“${doc.fileName}” will be deleted from the matter and disappear from every portal it is shared on.${where} This cannot be undone.`;
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
  if (!created) return 'Nothing new was shared: those documents were already shared with those contacts.';
  const told = (outcome.contacts ?? []).filter((c) => c.newlyShared > 0).map((c) => name(c.contactId));
  let text = `Shared: ${plural(created, 'new share')}.`;
  if (told.length) text += ` ${listInWords(told)} will get an email about ${told.length === 1 && created === 1 ? 'it' : 'the new documents'} within a few minutes.`;
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
  if (active) parts.push(`${active} active`);
  if (invited) parts.push(`${invited} invited`);
  if (revoked) parts.push(`${revoked} revoked`);
  if (expired) parts.push(`${expired} expired`);
  return contacts.length ? `${plural(contacts.length, 'contact')}: ${parts.join(', ')}` : 'No contacts yet';
}
