// My conversation with the firm on one matter: the messages oldest first with the new ones
// marked, opening what they carry, and a reply with one file of mine.
import { html, useState } from '../../../vendor/preact-htm.js';
import { useConversation } from '../../common/hooks/use-conversation.js';
import { useAttachmentUpload } from '../../common/hooks/use-attachment-upload.js';
import { useDocumentLinks } from '../hooks/use-document-links.js';
import { MessageThread } from '../../common/screens/message-thread.js';
import { Composer } from '../../common/screens/composer.js';
import { timeline } from '../../common/conversation.js';
import { acceptAttribute } from '../../common/upload-rules.js';
import { t } from '../texts.js';

/**
 * @param {{api: any, config: any, matter: any, announce: Function, onBack: () => void, onRead: () => void}} props
 */
export function Conversation({ api, config, matter, announce, onBack, onRead }) {
  const matterId = matter.matterId;
  const conversation = useConversation({
    load: (cursor) => api.listMessages(matterId, { cursor }),
    post: (body) => api.postMessage(matterId, body),
    markRead: () => api.markRead(matterId),
    viewer: 'contact',
    deps: [api, matterId],
    onRead,
  });
  const { list } = conversation;
  const attachment = useAttachmentUpload({ api, config, matterId });
  const links = useDocumentLinks({ api, announce, setItems: () => {}, reload: list.reload });
  const [fileKey, setFileKey] = useState(0);

  async function send(text) {
    if (conversation.sending) return false;
    const documentId = await attachment.upload();
    if (documentId === null) {
      conversation.setProblem(attachment.state?.message || t('file-not-accepted'));
      return false;
    }
    const sent = await conversation.send(text, documentId || undefined);
    if (sent) {
      attachment.choose(null);
      setFileKey((k) => k + 1);
      announce(t('message-sent'), 'success');
    }
    return sent;
  }

  return html`
    <section class="conversation panel" aria-labelledby="main-heading">
      <p><button type="button" class="link-button" id="back-to-documents" onClick=${onBack}>${t('back-to-documents')}</button></p>
      <h1 id="main-heading" tabindex="-1">${t('messages-heading', { matter: matter.title || matterId })}</h1>
      <p class="lede">${t('conversation-private')}${matter.owner?.name ? ` ${t('your-contact-sentence', { name: matter.owner.name })}` : ''}</p>
      ${list.hasMore
        ? html`<p><button type="button" class="button secondary" id="messages-older" onClick=${list.loadMore} disabled=${list.loading !== null}>${t('older-messages')}</button></p>`
        : null}
      ${list.error ? html`<div class="message error" role="alert"><p>${list.error}</p><button type="button" class="button" onClick=${list.retry}>${t('try-again')}</button></div>` : null}
      ${list.loading === 'first' ? html`<p class="loading" aria-busy="true">${t('loading-messages')}</p>` : null}
      ${list.loaded && !list.items.length ? html`<p id="no-messages">${t('no-messages')}</p>` : null}
      <${MessageThread}
        entries=${timeline(conversation.messages)}
        viewer="contact"
        onOpen=${(doc) => links.open(doc)}
        pending=${links.pending.split(':')[0]}
      />
      <${Composer} onSend=${send} sending=${conversation.sending || attachment.uploading} problem=${conversation.problem} label=${t('message-to-firm')}>
        <p class="attach">
          <label for="message-file">${t('attach-file')}</label>
          <input key=${fileKey} id="message-file" type="file" accept=${acceptAttribute(config.allowedContentTypes ?? [])} onChange=${(e) => attachment.choose(e.currentTarget.files?.[0] ?? null)} />
          ${attachment.refusal ? html`<span class="message error" role="alert">${attachment.refusal}</span>` : null}
          ${attachment.uploading ? html`<span class="hint" aria-live="polite">${t('uploading-named', { name: attachment.file?.name })}</span>` : null}
        </p>
      <//>
    </section>
  `;
}
