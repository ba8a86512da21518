// Each event of a matter's log in plain words, and the detail under it. No DOM; tested in
// test/unit/events.test.js.
import { languageName } from '../common/languages.js';

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
    case 'preferencesChanged':
      return `${contact} chose ${languageWord(e?.detail)} for the portal and its emails`;
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

/** The language a `preferencesChanged` detail names ("language: es"), by its own name. */
function languageWord(detail) {
  const code = typeof detail === 'string' ? detail.replace(/^language:\s*/, '') : '';
  return code ? languageName(code) : 'a language';
}
