// A matter's activity feed: which event types each view shows, the list and export paths,
// the summary over it, and the CSV file's name (each event in words: event-words.js). No
// DOM; tested in test/unit/events.test.js.

import { matterPath, ID_PATTERN } from './staff-query.js';
import { t } from './texts.js';

export const EVENTS_PAGE = 50;

/** What the firm acts on: access, shares, deletions, uploads and the emails about them. */
export const FIRM_EVENT_TYPES = Object.freeze([
  'accessGranted',
  'accessUpdated',
  'addressChanged',
  'accessRevoked',
  'accessExpired',
  'documentShared',
  'shareStopped',
  'documentDeleted',
  'uploadAttached',
  'uploadRejected',
  'notificationSent',
  'messagePosted',
  'messageDeleted',
  'documentVersionAdded',
  'folderCreated',
  'folderRenamed',
  'folderDeleted',
  'documentMoved',
  'folderShared',
  'folderShareStopped',
  'billCreated',
  'billSent',
  'billUpdated',
  'appointmentCreated',
  'appointmentShared',
  'appointmentMoved',
  'appointmentChanged',
  'appointmentCancelled',
  'taskAssigned',
  'taskDone',
  'taskWithdrawn',
]);

/** The contact's own comings and goings, shown with "Show all portal events". */
export const PORTAL_EVENT_TYPES = Object.freeze([
  'signedIn',
  'signedOut',
  'documentViewed',
  'documentDownloaded',
  'invitationSent',
  'taskDueSoon',
  'preferencesChanged',
]);

export const ALL_EVENT_TYPES = Object.freeze([...FIRM_EVENT_TYPES, ...PORTAL_EVENT_TYPES]);

/**
 * The types a view asks for: the firm's only, or (showAll) every type, which is no filter.
 * @param {boolean} showAll
 * @returns {readonly string[]} empty for "every type"
 */
export function eventTypesFor(showAll) {
  return showAll ? [] : FIRM_EVENT_TYPES;
}

/**
 * The feed's filters, made safe: ids that look like ids, a boolean toggle.
 * @param {{contactId?: unknown, documentId?: unknown, showAll?: unknown}} [input]
 */
export function normalizeEventsQuery(input = {}) {
  const id = (v) => (typeof v === 'string' && ID_PATTERN.test(v) ? v : '');
  return { contactId: id(input.contactId), documentId: id(input.documentId), showAll: input.showAll === true };
}

function eventsParams(query) {
  const { contactId, documentId, showAll } = normalizeEventsQuery(query);
  const params = new URLSearchParams();
  if (contactId) params.set('contactId', contactId);
  if (documentId) params.set('documentId', documentId);
  const types = eventTypesFor(showAll);
  if (types.length) params.set('type', types.join(','));
  return params;
}

/** GET /matters/{m}/events?contactId=&documentId=&type=a,b&limit=&cursor= */
export function eventsPath(matterId, query, { cursor = null, limit = EVENTS_PAGE } = {}) {
  const params = eventsParams(query);
  if (Number.isInteger(limit) && limit > 0) params.set('limit', String(Math.min(limit, 200)));
  if (cursor) params.set('cursor', cursor);
  return `${matterPath(matterId)}/events?${params.toString()}`;
}

/** The same filters as CSV: GET /matters/{m}/events?…&format=csv (every page, in one file). */
export function eventsCsvPath(matterId, query) {
  const params = eventsParams(query);
  params.set('format', 'csv');
  return `${matterPath(matterId)}/events?${params.toString()}`;
}

/**
 * The file name for the export: the service's (Content-Disposition) when it gives a plain
 * one, else "events-<matter>.csv". Never a path.
 * @param {string | null | undefined} contentDisposition
 * @param {string} matterId
 */
export function csvFileName(contentDisposition, matterId) {
  const fallback = `events-${String(matterId ?? '').replace(/[^A-Za-z0-9_-]/g, '') || 'matter'}.csv`;
  if (typeof contentDisposition !== 'string') return fallback;
  let name = '';
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(contentDisposition);
  if (star) {
    try {
      name = decodeURIComponent(star[1].trim());
    } catch {
      name = '';
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/.exec(contentDisposition);
    name = plain ? (plain[1] ?? plain[2] ?? '') : '';
  }
  name = name.replace(/[\\/]/g, '').replace(/[\u0000-\u001f]/g, '').trim();
  if (!name || name.startsWith('.')) return fallback;
  return /\.csv$/i.test(name) ? name : `${name}.csv`;
}

/**
 * The summary over the feed.
 * @param {{count: number, hasMore: boolean, showAll: boolean, contactName?: string, fileName?: string}} s
 */
export function eventsSummary({ count, hasMore, showAll, contactName = '', fileName = '' }) {
  const about = (contactName ? t('events-for', { contact: contactName }) : '') + (fileName ? t('events-about', { file: fileName }) : '');
  if (!count) {
    if (hasMore) return t('events-none-on-page');
    return t(showAll ? 'events-none-all' : 'events-none-firm', { about });
  }
  return t(showAll ? 'events-count-all' : 'events-count-firm', { count, about }) + (hasMore ? t('more-available') : '');
}

/** How events are told apart when pages are joined. */
export const eventKey = (/** @type {{eventId: string}} */ e) => e.eventId;
