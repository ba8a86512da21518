// Sizes, dates and file kinds for people. No DOM; tested in test/unit/format.test.js.

import { t, currentLocale } from './texts.js';

const UNITS = ['KB', 'MB', 'GB', 'TB'];

/**
 * A byte count as people read it: "0 B", "512 B", "1.5 KB", "12 MB", "100 MB".
 * Units are powers of 1024 (the service's 104857600-byte limit is "100 MB").
 * One decimal below 10 units, none from 10 up; a trailing ".0" is dropped.
 * @param {number} bytes
 * @returns {string}
 */
export function formatSize(bytes) {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = -1;
  do {
    value /= 1024;
    unit += 1;
  } while (value >= 1024 && unit < UNITS.length - 1);
  let text = value < 10 ? (Math.round(value * 10) / 10).toFixed(1) : String(Math.round(value));
  // 1023.96 KB rounds to "1024 KB": say "1 MB" instead.
  if (text === '1024' && unit < UNITS.length - 1) {
    text = '1';
    unit += 1;
  }
  if (text.endsWith('.0')) text = text.slice(0, -2);
  return `${text} ${UNITS[unit]}`;
}

/**
 * The service's timestamps carry microseconds ("2026-11-22T10:00:00.000000Z"), which not
 * every engine's Date parses: keep milliseconds only.
 * @param {string | null | undefined} value
 * @returns {Date | null}
 */
export function parseTimestamp(value) {
  if (typeof value !== 'string' || value === '') return null;
  const trimmed = value.replace(/(\.\d{3})\d+/, '$1');
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * "22 Nov 2026, 10:00" in the reader's locale and time zone (both injectable for tests).
 * @param {string | null | undefined} value
 * @param {{locale?: string, timeZone?: string}} [options]
 * @returns {string}
 */
export function formatDateTime(value, { locale = currentLocale(), timeZone } = {}) {
  const date = parseTimestamp(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(date);
}

/**
 * The exact moment in UTC, for a tooltip: "2026-12-03 06:06:12 UTC".
 * @param {string | null | undefined} value
 * @returns {string}
 */
export function utcText(value) {
  const date = parseTimestamp(value);
  if (!date) return '';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A moment's hover text: local time with zone, then UTC ("Dec 3, 2026, 9:06 AM GMT+3 (2026-12-03 06:06:00 UTC)"). */
export function momentTitle(value, options = {}) {
  const local = formatDateTime(value, options);
  return local ? `${local} (${utcText(value)})` : '';
}

/** The units a relative time is said in, largest first, with their length in seconds. */
const TIME_UNITS = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * How long ago (or ahead) a moment is, in words: "just now", "3 minutes ago", "yesterday",
 * "in 2 hours".
 * @param {string | null | undefined} value
 * @param {{locale?: string, now?: Date}} [options]
 * @returns {string}
 */
export function relativeTime(value, { locale = currentLocale(), now = new Date() } = {}) {
  const date = parseTimestamp(value);
  if (!date) return '';
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return t('time-just-now');
  const words = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const [unit, size] = TIME_UNITS.find(([, length]) => Math.abs(seconds) >= length) ?? TIME_UNITS[TIME_UNITS.length - 1];
  return words.format(Math.round(seconds / size), /** @type {Intl.RelativeTimeFormatUnit} */ (unit));
}

/**
 * "22 Nov 2026" in the reader's locale and time zone.
 * @param {string | null | undefined} value
 * @param {{locale?: string, timeZone?: string}} [options]
 * @returns {string}
 */
export function formatDate(value, { locale = currentLocale(), timeZone } = {}) {
  const date = parseTimestamp(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(date);
}

const KINDS = new Map([
  ['application/pdf', 'PDF'],
  ['application/msword', 'Word'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Word'],
  ['application/vnd.ms-excel', 'Excel'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Excel'],
  ['application/vnd.ms-powerpoint', 'PowerPoint'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'PowerPoint'],
  ['application/rtf', 'RTF'],
  ['text/rtf', 'RTF'],
  ['image/jpeg', 'kind-jpeg'],
  ['image/png', 'kind-png'],
  ['image/gif', 'kind-gif'],
  ['image/tiff', 'kind-tiff'],
  ['image/webp', 'kind-webp'],
  ['text/plain', 'kind-text'],
  ['text/csv', 'CSV'],
  ['application/zip', 'kind-zip'],
]);

/**
 * A short name for a content type: "PDF", "Word", "PNG image"; the type itself otherwise.
 * @param {string | null | undefined} contentType
 * @returns {string}
 */
export function kindOf(contentType) {
  if (typeof contentType !== 'string') return '';
  const essence = contentType.split(';')[0].trim().toLowerCase();
  const kind = KINDS.get(essence);
  // Names of formats stay as they are; the words around some are the catalog's.
  return kind ? (kind.startsWith('kind-') ? t(kind) : kind) : essence;
}

/**
 * "PDF, Word, Excel and PNG image": the distinct kinds of a list of types, in order.
 * @param {string[]} contentTypes
 * @returns {string}
 */
export function describeKinds(contentTypes) {
  const kinds = [...new Set((contentTypes ?? []).map(kindOf).filter(Boolean))];
  return listInWords(kinds);
}

/**
 * ["a"] -> "a"; ["a","b"] -> "a and b"; ["a","b","c"] -> "a, b and c".
 * @param {string[]} items
 * @returns {string}
 */
export function listInWords(items) {
  if (items.length <= 1) return items.join('');
  return t('list-and', { first: items.slice(0, -1).join(', '), last: items[items.length - 1] });
}

/**
 * The text with its first letter in capitals (a sentence built around a lower-case phrase).
 * @param {string} text
 */
export function capitalised(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/**
 * An address cut where it may wrap: after the @ and before each dot.
 * "ada.client@example.com" -> ["ada", ".client@", "example", ".com"]
 * @param {string} address
 * @returns {string[]}
 */
export function addressParts(address) {
  return String(address ?? '')
    .split(/(?=\.)|(?<=@)/)
    .filter(Boolean);
}
