// A matter's activity feed: which event types each view shows, the list and export paths,
// each event in plain words, and the CSV file's name. No DOM; tested in
// test/unit/events.test.js.

import { matterPath, ID_PATTERN } from './staff-query.js';

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
 * One event in plain words: "Ann Client downloaded Will.pdf".
 * @param {{type: string, actor?: {kind?: string, id?: string, name?: string} | null,
 *   contactId?: string | null, contactName?: string | null, documentId?: string | null,
 *   fileName?: string | null, detail?: string | null}} e
 * @returns {string}
 */
export function eventSentence(e) {
  const actorKind = e?.actor?.kind;
  const actorName = e?.actor?.name || e?.actor?.id || '';
  const contact = e?.contactName || e?.contactId || 'a contact';
  const file = e?.fileName || (e?.documentId ? `document ${e.documentId}` : 'a document');
  // Who did it: a person by name; the portal itself ("system") makes the sentence passive.
  const by = actorKind === 'system' || !actorName ? '' : actorName;
  const contactActs = actorKind === 'contact' ? actorName || contact : contact;
  switch (e?.type) {
    case 'accessGranted':
      return by ? `${by} gave ${contact} access` : `${contact} was given access`;
    case 'accessUpdated':
      return by ? `${by} changed ${contact}’s access` : `${contact}’s access was changed`;
    case 'addressChanged':
      return by ? `${by} changed ${contact}’s sign-in address` : `${contact}’s sign-in address was changed`;
    case 'accessRevoked':
      return by ? `${by} revoked ${contact}’s access` : `${contact}’s access was revoked`;
    case 'accessExpired':
      return `${contact}’s access ended (end date reached)`;
    case 'invitationSent':
      return `An invitation was emailed to ${contact}`;
    case 'signedIn':
      return `${contactActs} signed in`;
    case 'signedOut':
      return `${contactActs} signed out`;
    case 'documentShared':
      return by ? `${by} shared ${file} with ${contact}` : `${file} was shared with ${contact}`;
    case 'shareStopped':
      return by ? `${by} stopped sharing ${file} with ${contact}` : `${file} is no longer shared with ${contact}`;
    case 'documentDeleted':
      return by ? `${by} deleted ${file}` : `${file} was deleted`;
    case 'documentViewed':
      return `${contactActs} viewed ${file}`;
    case 'documentDownloaded':
      return `${contactActs} downloaded ${file}`;
    case 'uploadAttached':
      return `${contactActs} uploaded ${file}`;
    case 'uploadRejected':
      return `${contactActs}’s upload ${file} was rejected`;
    case 'messagePosted':
      return actorKind === 'contact' ? `${contactActs} sent the firm a message` : `${by || 'The firm'} sent ${contact} a message`;
    case 'messageDeleted':
      return `${by || 'The firm'} deleted a message in the conversation with ${contact}`;
    case 'documentVersionAdded':
      return e?.contactId
        ? `${contact} now sees version ${e?.version ?? ''} of ${file}`.replace('  ', ' ')
        : `${by || 'Someone'} added version ${e?.version ?? ''} of ${file}`.replace('  ', ' ');
    case 'folderCreated':
      return `${by || 'Someone'} created a folder`;
    case 'folderRenamed':
      return `${by || 'Someone'} renamed a folder`;
    case 'folderDeleted':
      return `${by || 'Someone'} deleted a folder`;
    case 'documentMoved':
      return `${by || 'Someone'} moved ${file}`;
    case 'folderShared':
      return `${by || 'Someone'} shared a folder with ${contact}`;
    case 'folderShareStopped':
      return `${by || 'Someone'} stopped sharing a folder with ${contact}`;
    case 'billCreated':
      return `${by || 'Someone'} created a bill`;
    case 'billSent':
      return `${by || 'Someone'} sent a bill to ${contact}`;
    case 'billUpdated':
      return e?.contactId ? `${contact} now sees a change to a bill` : `${by || 'Someone'} changed a bill`;
    case 'appointmentCreated':
      return `${by || 'Someone'} created a calendar event`;
    case 'appointmentShared':
      return `${by || 'Someone'} shared a calendar event with ${contact}`;
    case 'appointmentMoved':
      return e?.contactId ? `${contact} was told a calendar event moved` : `${by || 'Someone'} moved a calendar event`;
    case 'appointmentChanged':
      return e?.contactId ? `${contact} was told a calendar event changed` : `${by || 'Someone'} changed a calendar event`;
    case 'appointmentCancelled':
      return e?.contactId ? `${contact} was told a calendar event was cancelled` : `${by || 'Someone'} cancelled a calendar event`;
    case 'taskAssigned':
      return `${by || 'Someone'} gave ${contact} a task`;
    case 'taskDone':
      return `${contact} completed a task`;
    case 'taskWithdrawn':
      return `${by || 'Someone'} withdrew a task of ${contact}`;
    case 'taskDueSoon':
      return `${contact} was reminded a task is due tomorrow`;
    case 'notificationSent':
      return e?.contactName || e?.contactId ? `A notification email was sent to ${contact}` : 'A notification email was sent';
    default:
      return `${by || 'Someone'}: ${e?.type || 'event'}`;
  }
}

/** What the event's detail is, in words ("Message", "Reason", …); '' to show it bare. */
export function detailLabel(type) {
  if (type === 'documentShared') return 'Message';
  if (type === 'uploadRejected') return 'Reason';
  if (['folderCreated', 'folderDeleted', 'folderShared', 'folderShareStopped'].includes(type)) return 'Folder';
  if (['billCreated', 'billSent', 'billUpdated'].includes(type)) return 'Bill';
  if (type.startsWith('appointment')) return 'Event';
  return '';
}

/**
 * The detail under an event: "Message: …" as typed, "Reason: …", or the service's note with
 * a capital ("View and download", "To ann@example.com").
 * @param {{type: string, detail?: string | null}} e
 */
export function detailText(e) {
  const detail = String(e?.detail ?? '').trim();
  if (!detail) return '';
  const label = detailLabel(e.type);
  if (label) return `${label}: ${detail}`;
  return detail[0].toUpperCase() + detail.slice(1);
}

/**
 * The summary over the feed.
 * @param {{count: number, hasMore: boolean, showAll: boolean, contactName?: string, fileName?: string}} s
 */
export function eventsSummary({ count, hasMore, showAll, contactName = '', fileName = '' }) {
  const about = [contactName && `for ${contactName}`, fileName && `about ${fileName}`].filter(Boolean).join(' ');
  const what = showAll ? 'events' : 'firm events';
  if (!count) {
    if (hasMore) return 'No events on this page. Press Load more to look further.';
    return `No ${what}${about ? ` ${about}` : ''} yet.${showAll ? '' : ' Turn on “Show all portal events” to see sign-ins, views and downloads.'}`;
  }
  return `${count} ${count === 1 ? what.replace(/s$/, '') : what}${about ? ` ${about}` : ''}, newest first${hasMore ? '; more are available' : ''}`;
}

/** How events are told apart when pages are joined. */
export const eventKey = (/** @type {{eventId: string}} */ e) => e.eventId;
