// A conversation's logic for both faces: a message's text as lines of plain text and links
// (never HTML), the order a thread shows, read receipts in words, the composer's checks, a
// post's request id, and the thread interleaved with the contact's portal events. No DOM;
// tested in test/unit/conversation.test.js.

import { formatDateTime, parseTimestamp } from './format.js';
import { t, currentLocale } from './texts.js';

/** The service's limit for one message (Clio's). */
export const MAX_MESSAGE_CHARS = 10000;

// http(s) links and bare www. ones; anything else (javascript:, data:) stays text.
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
// Punctuation that ends a sentence rather than the link.
const TRAILING = /[).,;:!?\]'"]+$/;

/**
 * A message's text as lines, each a list of pieces: text, or a link with the address it
 * opens (always http or https).
 * @param {string} text
 * @returns {{kind: 'text' | 'link', text: string, href?: string}[][]}
 */
export function textLines(text) {
  return String(text ?? '')
    .split('\n')
    .map((line) => {
      /** @type {{kind: 'text' | 'link', text: string, href?: string}[]} */
      const pieces = [];
      let at = 0;
      for (const match of line.matchAll(LINK)) {
        const start = match.index ?? 0;
        const raw = match[0];
        const link = raw.replace(TRAILING, '');
        if (start > at) pieces.push({ kind: 'text', text: line.slice(at, start) });
        const href = /^www\./i.test(link) ? `https://${link}` : link;
        pieces.push({ kind: 'link', text: link, href });
        at = start + link.length;
      }
      if (at < line.length) pieces.push({ kind: 'text', text: line.slice(at) });
      return pieces;
    });
}

/** A page newest first, shown oldest first (newest at the bottom). */
export function oldestFirst(messages) {
  return [...(messages ?? [])].sort((a, b) => String(a.postedAt).localeCompare(String(b.postedAt)));
}

/** Whether `viewer` ('staff' or 'contact') wrote the message. */
export function isMine(message, viewer) {
  const kind = message?.author?.kind;
  return viewer === 'contact' ? kind === 'contact' : kind !== 'contact';
}

/**
 * The receipt under a message the viewer sent: "Read 3:02 PM" (today) or with its date, or
 * "Not read yet".
 * @param {{readAt?: string | null}} message
 * @param {{now?: Date, locale?: string, timeZone?: string}} [options]
 */
export function receiptText(message, { now = new Date(), locale = currentLocale(), timeZone } = {}) {
  const read = parseTimestamp(message?.readAt ?? null);
  if (!read) return t('not-read-yet');
  const sameDay = read.toDateString() === now.toDateString() && !timeZone;
  const when = sameDay
    ? read.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' })
    : formatDateTime(message.readAt, { locale, timeZone });
  return t('read-at', { when });
}

/**
 * The composer's check before sending: '' when it may go.
 * @param {string} text
 */
export function messageProblem(text) {
  const trimmed = String(text ?? '').trim();
  if (!trimmed) return t('message-empty');
  const length = [...trimmed].length;
  if (length > MAX_MESSAGE_CHARS) {
    return t('message-too-long', { max: MAX_MESSAGE_CHARS, length });
  }
  return '';
}

/**
 * A fresh id for one post, kept while it is retried so that a post whose answer was lost is
 * not posted twice.
 * @param {{getRandomValues: (a: Uint8Array) => Uint8Array}} [random]
 */
export function newRequestId(random = globalThis.crypto) {
  const bytes = random.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Messages and portal events in one timeline, oldest first, each tagged with its kind.
 * @param {any[]} messages
 * @param {any[]} events
 * @returns {({kind: 'message', at: string, message: any} | {kind: 'event', at: string, event: any})[]}
 */
export function timeline(messages, events = []) {
  const entries = [
    ...(messages ?? []).map((message) => ({ kind: /** @type {const} */ ('message'), at: String(message.postedAt), message })),
    // A message's own event says nothing the message does not.
    ...(events ?? [])
      .filter((event) => event.type !== 'messagePosted')
      .map((event) => ({ kind: /** @type {const} */ ('event'), at: String(event.at), event })),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

/** The unread total across conversations, for a badge. */
export function unreadTotal(conversations) {
  return (conversations ?? []).reduce((sum, c) => sum + (Number.isInteger(c?.unread) && c.unread > 0 ? c.unread : 0), 0);
}

/** A conversation list's line: "2 unread" or the last message's time. */
export function conversationNote(conversation) {
  if (conversation?.unread > 0) return t('unread-n', { count: conversation.unread });
  if (!conversation?.lastMessageAt) return t('no-messages-yet');
  return t('last-message', { when: formatDateTime(conversation.lastMessageAt) });
}

/**
 * The console's conversation list: every contact with access (so staff can start one) and
 * anyone with messages, by last message (newest first), then by name.
 * @param {any[] | null} contacts the matter's grants
 * @param {any[] | null} conversations
 */
export function conversationRows(contacts, conversations) {
  const byId = new Map((conversations ?? []).map((c) => [c.contactId, c]));
  const rows = new Map();
  for (const c of contacts ?? []) {
    const live = c.status !== 'revoked' && c.status !== 'expired';
    if (live || byId.has(c.contactId)) {
      rows.set(c.contactId, { contactId: c.contactId, name: c.name || c.email || c.contactId, live, ...pick(byId.get(c.contactId)) });
    }
  }
  for (const c of conversations ?? []) {
    if (!rows.has(c.contactId)) rows.set(c.contactId, { contactId: c.contactId, name: c.contactName || c.contactId, live: false, ...pick(c) });
  }
  return [...rows.values()].sort(
    (a, b) => String(b.lastMessageAt ?? '').localeCompare(String(a.lastMessageAt ?? '')) || a.name.localeCompare(b.name),
  );
}

function pick(c) {
  return { unread: c?.unread ?? 0, lastMessageAt: c?.lastMessageAt ?? null, messageCount: c?.messageCount ?? 0 };
}
