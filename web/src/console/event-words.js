// Each event of a matter's log in plain words, and the detail under it. No DOM; tested in
// test/unit/events.test.js.
import { languageName } from '../common/languages.js';
import { t } from './texts.js';

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
  const contact = e?.contactName || e?.contactId || t('event-a-contact');
  const file = e?.fileName || (e?.documentId ? t('event-document-id', { id: e.documentId }) : t('event-a-document'));
  // Who did it: a person by name; the portal itself ("system") makes the sentence passive.
  const by = actorKind === 'system' || !actorName ? '' : actorName;
  const contactActs = actorKind === 'contact' ? actorName || contact : contact;
  const someone = by || t('event-someone');
  const firm = by || t('author-firm');
  const toContact = Boolean(e?.contactId);
  const values = { by: someone, contact, file, version: String(e?.version ?? '') };
  const acts = { ...values, contact: contactActs };
  const sentence = (key, v = values) => t(key, v).replace('  ', ' ');
  switch (e?.type) {
    case 'accessGranted':
      return sentence(by ? 'event-accessGranted-by' : 'event-accessGranted');
    case 'accessUpdated':
      return sentence(by ? 'event-accessUpdated-by' : 'event-accessUpdated');
    case 'addressChanged':
      return sentence(by ? 'event-addressChanged-by' : 'event-addressChanged');
    case 'accessRevoked':
      return sentence(by ? 'event-accessRevoked-by' : 'event-accessRevoked');
    case 'documentShared':
      return sentence(by ? 'event-documentShared-by' : 'event-documentShared');
    case 'shareStopped':
      return sentence(by ? 'event-shareStopped-by' : 'event-shareStopped');
    case 'documentDeleted':
      return sentence(by ? 'event-documentDeleted-by' : 'event-documentDeleted');
    case 'accessExpired':
      return sentence('event-accessExpired');
    case 'invitationSent':
      return sentence('event-invitationSent');
    case 'signedIn':
      return sentence('event-signedIn', acts);
    case 'signedOut':
      return sentence('event-signedOut', acts);
    case 'documentViewed':
      return sentence('event-documentViewed', acts);
    case 'documentDownloaded':
      return sentence('event-documentDownloaded', acts);
    case 'uploadAttached':
      return sentence('event-uploadAttached', acts);
    case 'uploadRejected':
      return sentence('event-uploadRejected', acts);
    case 'messagePosted':
      return actorKind === 'contact' ? sentence('event-messagePosted-contact', acts) : sentence('event-messagePosted', { ...values, by: firm });
    case 'messageDeleted':
      return sentence('event-messageDeleted', { ...values, by: firm });
    case 'documentVersionAdded':
      return sentence(toContact ? 'event-documentVersionAdded-contact' : 'event-documentVersionAdded');
    case 'folderCreated':
    case 'folderRenamed':
    case 'folderDeleted':
    case 'documentMoved':
    case 'folderShared':
    case 'folderShareStopped':
    case 'billCreated':
    case 'billSent':
    case 'appointmentCreated':
    case 'appointmentShared':
    case 'taskAssigned':
    case 'taskDone':
    case 'taskWithdrawn':
    case 'taskDueSoon':
      return sentence(EVENT_KEYS[e.type]);
    case 'billUpdated':
    case 'appointmentMoved':
    case 'appointmentChanged':
    case 'appointmentCancelled':
      return sentence(toContact ? TOLD_KEYS[e.type] : EVENT_KEYS[e.type]);
    case 'preferencesChanged':
      return sentence('event-preferencesChanged', { ...values, language: languageWord(e?.detail) });
    case 'notificationSent':
      return e?.contactName || e?.contactId ? sentence('event-notificationSent-contact') : sentence('event-notificationSent');
    default:
      return sentence('event-other', { ...values, type: e?.type || 'event' });
  }
}

// Keys by event type: each written out, so that the catalog test finds it used.
const EVENT_KEYS = {
  folderCreated: 'event-folderCreated',
  folderRenamed: 'event-folderRenamed',
  folderDeleted: 'event-folderDeleted',
  documentMoved: 'event-documentMoved',
  folderShared: 'event-folderShared',
  folderShareStopped: 'event-folderShareStopped',
  billCreated: 'event-billCreated',
  billSent: 'event-billSent',
  billUpdated: 'event-billUpdated',
  appointmentCreated: 'event-appointmentCreated',
  appointmentShared: 'event-appointmentShared',
  appointmentMoved: 'event-appointmentMoved',
  appointmentChanged: 'event-appointmentChanged',
  appointmentCancelled: 'event-appointmentCancelled',
  taskAssigned: 'event-taskAssigned',
  taskDone: 'event-taskDone',
  taskWithdrawn: 'event-taskWithdrawn',
  taskDueSoon: 'event-taskDueSoon',
};
const TOLD_KEYS = {
  billUpdated: 'event-billUpdated-contact',
  appointmentMoved: 'event-appointmentMoved-contact',
  appointmentChanged: 'event-appointmentChanged-contact',
  appointmentCancelled: 'event-appointmentCancelled-contact',
};


/** What the event's detail is, in words ("Message", "Reason", …); '' to show it bare. */
export function detailLabel(type) {
  if (type === 'documentShared') return t('detail-message');
  if (type === 'uploadRejected') return t('detail-reason');
  if (['folderCreated', 'folderDeleted', 'folderShared', 'folderShareStopped'].includes(type)) return t('detail-folder');
  if (['billCreated', 'billSent', 'billUpdated'].includes(type)) return t('detail-bill');
  if (type.startsWith('appointment')) return t('detail-event');
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
  return code ? languageName(code) : t('event-a-language');
}
