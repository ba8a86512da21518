// One contact's conversation in the console: the messages with read receipts, Delete (with
// confirmation), "Show all portal events" interleaving the contact's events, and a message
// with at most one attachment: a document of the matter (shared with the contact by the
// post) or a new file uploaded into the matter first.
import { t } from '../texts.js';
import { html, useState, useMemo, useEffect } from '../../../vendor/preact-htm.js';
import { useConversation } from '../../common/hooks/use-conversation.js';
import { useAttachmentUpload } from '../../common/hooks/use-attachment-upload.js';
import { MessageThread } from '../../common/screens/message-thread.js';
import { Composer } from '../../common/screens/composer.js';
import { timeline } from '../../common/conversation.js';
import { acceptAttribute } from '../../common/upload-rules.js';
import { firmUploadAdapter } from '../staff-api.js';
import { normalizeEventsQuery } from '../events.js';
import { eventSentence } from '../event-words.js';
import { ConfirmDialog } from './confirm.js';

/**
 * @param {{api: any, config: any, matter: any, contact: any, documents: any[] | null,
 *   onChanged: () => void, reloadDocuments: () => void, announce: Function}} props
 */
export function StaffConversation({ api, config, matter, contact, documents, onChanged, reloadDocuments, announce }) {
  const { matterId } = matter;
  const { contactId } = contact;
  const conversation = useConversation({
    load: (cursor) => api.listMessages(matterId, contactId, { cursor }),
    post: (body) => api.postMessage(matterId, contactId, body),
    markRead: () => api.markRead(matterId, contactId),
    viewer: 'staff',
    deps: [api, matterId, contactId],
    onRead: onChanged,
  });
  const uploads = useMemo(() => firmUploadAdapter(api), [api]);
  const attachment = useAttachmentUpload({ api: uploads, config, matterId });
  const [documentId, setDocumentId] = useState('');
  const [fileKey, setFileKey] = useState(0);
  const [showEvents, setShowEvents] = useState(false);
  const [events, setEvents] = useState(/** @type {any[]} */ ([]));
  const [deleting, setDeleting] = useState(/** @type {{message: any, busy: boolean, error: string} | null} */ (null));
  const available = (documents ?? []).filter((d) => d.status === 'available');

  useEffect(() => {
    if (!showEvents) return setEvents([]);
    const query = normalizeEventsQuery({ contactId, showAll: true });
    api.listEvents(matterId, query, { limit: 200 }).then((page) => setEvents(page.items), () => setEvents([]));
  }, [showEvents, conversation.list.items.length]);

  async function send(text) {
    const uploaded = await attachment.upload();
    if (uploaded === null) {
      conversation.setProblem(attachment.state?.message || t('file-not-accepted'));
      return false;
    }
    const sent = await conversation.send(text, uploaded || documentId || undefined);
    if (sent) {
      attachment.choose(null);
      setFileKey((k) => k + 1);
      setDocumentId('');
      if (uploaded || documentId) reloadDocuments();
      onChanged();
      announce(t('sent-to', { name: contact.name }), 'success');
    }
    return sent;
  }

  async function confirmDelete() {
    if (!deleting) return;
    setDeleting({ ...deleting, busy: true, error: '' });
    try {
      await api.deleteMessage(matterId, contactId, deleting.message.messageId);
      setDeleting(null);
      conversation.list.reload();
      onChanged();
      announce(t('message-deleted'), 'success');
    } catch (e) {
      setDeleting({ ...deleting, busy: false, error: t('not-deleted-reason', { reason: /** @type {any} */ (e)?.message ?? '' }).trim() });
    }
  }

  const { list } = conversation;
  return html`<section class="staff-conversation" aria-labelledby="conversation-heading">
    <h3 id="conversation-heading">${t('conversation-with', { name: contact.name })}</h3>
    <label class="toggle"><input type="checkbox" id="show-portal-events" checked=${showEvents} onChange=${(e) => setShowEvents(e.currentTarget.checked)} /> ${t('show-all-events')}</label>
    ${list.hasMore ? html`<p><button type="button" class="button secondary" onClick=${list.loadMore}>${t('older-messages')}</button></p>` : null}
    ${list.error ? html`<p class="message error" role="alert">${list.error}</p>` : null}
    ${list.loaded && !list.items.length ? html`<p id="no-messages">${t('no-messages')}</p>` : null}
    <${MessageThread}
      entries=${timeline(conversation.messages, events)}
      viewer="staff"
      onDelete=${(message) => setDeleting({ message, busy: false, error: '' })}
      describeEvent=${eventSentence}
    />
    ${contact.live
      ? html`<${Composer} onSend=${send} sending=${conversation.sending || attachment.uploading} problem=${conversation.problem} label=${t('message-to', { name: contact.name })}>
          <p class="attach">
            <label for="message-document">${t('attach-document')}</label>
            <select id="message-document" value=${documentId} onChange=${(e) => setDocumentId(e.currentTarget.value)} disabled=${Boolean(attachment.file)}>
              <option value="">${t('none')}</option>
              ${available.map((d) => html`<option key=${d.documentId} value=${d.documentId}>${d.fileName}</option>`)}
            </select>
            <label for="message-file">${t('or-upload')}</label>
            <input key=${fileKey} id="message-file" type="file" disabled=${Boolean(documentId)} accept=${acceptAttribute(config.allowedContentTypes ?? [])} onChange=${(e) => attachment.choose(e.currentTarget.files?.[0] ?? null)} />
            ${attachment.refusal ? html`<span class="message error" role="alert">${attachment.refusal}</span>` : null}
          </p>
          <p class="hint">${t('attached-shared', { name: contact.name })}</p>
        <//>`
      : html`<p class="hint">${contact.name} has no access now: the conversation is kept but no new message can be sent.</p>`}
    <${ConfirmDialog}
      id="delete-message"
      open=${Boolean(deleting)}
      title=${t('delete-message-title')}
      text=${t('delete-message-text')}
      confirmLabel=${t('delete-message')}
      tone="danger"
      busy=${deleting?.busy ?? false}
      error=${deleting?.error ?? ''}
      onConfirm=${confirmDelete}
      onCancel=${() => setDeleting(null)}
    />
  </section>`;
}
