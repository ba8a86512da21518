// Read receipts and limits in words: whether a share was opened, downloads against a limit,
// a document's readers, a contact's last opened document and access end date; the checks of
// the download limit and the end date. No DOM; tested in test/unit/receipts.test.js.

import { formatDate, parseTimestamp, relativeTime } from '../common/format.js';
import { t } from './texts.js';

export const MAX_DOWNLOAD_LIMIT = 1000;

const count = (n) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

/**
 * "Opened 3×" or "Not opened yet" (the screen adds when, last).
 * @param {{openCount?: number | null}} share
 */
export function openedText(share) {
  const opened = count(share?.openCount);
  return opened ? t('opened-times', { count: opened }) : t('not-opened-yet');
}

/** Whether a share (or reader) has been opened. */
export function wasOpened(share) {
  return count(share?.openCount) > 0;
}

/**
 * "2 of 5 downloads" when a limit is set; '' without one.
 * @param {{downloadCount?: number | null, downloadLimit?: number | null}} share
 */
export function downloadsText(share) {
  const limit = share?.downloadLimit;
  if (typeof limit !== 'number' || !Number.isFinite(limit) || limit <= 0) return '';
  const used = Math.min(count(share?.downloadCount), limit);
  return t('downloads-used', { used, count: limit });
}

/** Whether every download a share allows has been used. */
export function limitReached(share) {
  const limit = share?.downloadLimit;
  return typeof limit === 'number' && limit > 0 && count(share?.downloadCount) >= limit;
}

/**
 * The "Download limit" field: '' means none; else a whole number from 1 to 1000.
 * @param {unknown} text
 * @returns {{value: number | null, error: string}}
 */
export function parseDownloadLimit(text) {
  const typed = String(text ?? '').trim();
  if (!typed) return { value: null, error: '' };
  const n = Number(typed);
  if (!/^\d+$/.test(typed) || n < 1 || n > MAX_DOWNLOAD_LIMIT) {
    return { value: null, error: t('limit-invalid', { max: String(MAX_DOWNLOAD_LIMIT) }) };
  }
  return { value: n, error: '' };
}

/**
 * A reader of a document in words: "opened 3× · last 2 hours ago · 1 of 2 downloads" or
 * "not opened yet · shared yesterday".
 * @param {{contactId: string, contactName?: string, sharedAt?: string | null, openCount?: number,
 *   lastOpenedAt?: string | null, downloadCount?: number, downloadLimit?: number | null}} r
 * @param {{locale?: string, now?: Date}} [options]
 */
export function readerText(r, options = {}) {
  const parts = [];
  if (wasOpened(r)) {
    const last = relativeTime(r.lastOpenedAt, options);
    parts.push(t('reader-opened', { count: count(r.openCount) }) + (last ? t('reader-last', { when: last }) : ''));
  } else {
    const shared = relativeTime(r.sharedAt, options);
    parts.push(t('reader-not-opened') + (shared ? t('reader-shared', { when: shared }) : ''));
  }
  const downloads = downloadsText(r);
  if (downloads) parts.push(downloads);
  return parts.join(' · ');
}

/**
 * The Readers disclosure's summary: "Opened by 1 of 3 contacts".
 * @param {{opened?: unknown[], notOpened?: unknown[]} | null} readers
 */
export function readersSummary(readers) {
  const opened = Array.isArray(readers?.opened) ? readers.opened.length : 0;
  const notOpened = Array.isArray(readers?.notOpened) ? readers.notOpened.length : 0;
  const total = opened + notOpened;
  if (!total) return t('readers-none');
  if (!opened) return t('readers-not-opened', { count: total });
  return t('readers-opened', { opened, count: total });
}

/**
 * A contact's last opened document, for the Access section's "Last opened" column: its file
 * name (the screen adds when) or "Nothing opened yet".
 * @param {{lastOpened?: {fileName?: string} | null}} contact
 */
export function lastOpenedText(contact) {
  return contact?.lastOpened?.fileName || t('nothing-opened');
}

/**
 * The access end date in words: '' when none, "Access ends 1 Dec 2026" ahead, "Access ended
 * 1 Dec 2026" once passed (or the status says expired).
 * @param {{expiresAt?: string | null, status?: string}} contact
 * @param {{locale?: string, timeZone?: string, now?: Date}} [options]
 */
export function accessEndText(contact, { locale, timeZone, now = new Date() } = {}) {
  const end = parseTimestamp(contact?.expiresAt ?? null);
  if (!end) return '';
  const day = formatDate(contact.expiresAt, { locale, timeZone });
  const passed = contact?.status === 'expired' || end.getTime() <= now.getTime();
  return t(passed ? 'access-ended-on' : 'access-ends-on', { day });
}

/**
 * What staff are told of a contact's own email choice, when it is not the default (one
 * digest per batch): why they may hear less from the portal than others.
 * @param {{notifications?: string | null}} contact
 */
export function emailChoiceText(contact) {
  switch (contact?.notifications) {
    case 'daily':
      return t('emails-daily');
    case 'signInOnly':
      return t('emails-sign-in-only');
    default:
      return '';
  }
}

const pad = (n) => String(n).padStart(2, '0');

/**
 * A date input's value ("2026-12-01") as the moment access ends: the end of that day where
 * the member of staff is (23:59:59 local), as an RFC 3339 UTC timestamp ("…Z").
 * @param {string} value
 * @returns {string | null} null when the value is not a real date
 */
export function expiresAtFromDateInput(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value ?? '').trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const end = new Date(y, mo - 1, d, 23, 59, 59);
  if (end.getFullYear() !== y || end.getMonth() !== mo - 1 || end.getDate() !== d) return null;
  return end.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A timestamp as a date input's value (the local day), '' for none.
 * @param {string | null | undefined} expiresAt
 */
export function dateInputFromExpiresAt(expiresAt) {
  const date = parseTimestamp(expiresAt ?? null);
  if (!date) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today as a date input's value (the input's `min`). */
export function todayInput(now = new Date()) {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The access end date field: '' means no end date (null); else a day from today on.
 * @param {string} value
 * @param {Date} [now]
 * @returns {{value: string | null, error: string}}
 */
export function parseAccessEnd(value, now = new Date()) {
  const typed = String(value ?? '').trim();
  if (!typed) return { value: null, error: '' };
  const expiresAt = expiresAtFromDateInput(typed);
  if (!expiresAt) return { value: null, error: t('access-end-invalid') };
  if (new Date(expiresAt).getTime() <= now.getTime()) {
    return { value: null, error: t('access-end-past') };
  }
  return { value: expiresAt, error: '' };
}
