// A conversation's messages (and, in the console, the contact's portal events) oldest first:
// who and when, the text as plain text with its line breaks and links, the attachment or
// "Attachment removed", documents a share's note names, and read receipts where the viewer
// wants them.
import { html } from '../../../vendor/preact-htm.js';
import { When } from './when.js';
import { formatSize } from '../format.js';
import { isMine, receiptText, textLines } from '../conversation.js';
import { t } from '../texts.js';

/**
 * @param {{entries: any[], viewer: 'staff' | 'contact', onOpen?: (doc: any) => void,
 *   pending?: string, onDelete?: (message: any) => void, describeEvent?: (event: any) => string}} props
 *   entries: `timeline(...)` of the messages (and events)
 */
export function MessageThread({ entries, viewer, onOpen, pending = '', onDelete, describeEvent }) {
  return html`<ol class="thread" aria-label=${t('thread-label')}>
    ${entries.map((entry) =>
      entry.kind === 'event'
        ? html`<li key=${entry.event.eventId} class="thread-event" data-event-id=${entry.event.eventId}>
            <span>${describeEvent ? describeEvent(entry.event) : entry.event.type}</span> · <${When} at=${entry.at} />
          </li>`
        : html`<${MessageItem}
            key=${entry.message.messageId}
            message=${entry.message}
            viewer=${viewer}
            onOpen=${onOpen}
            pending=${pending}
            onDelete=${onDelete}
          />`,
    )}
  </ol>`;
}

function MessageItem({ message, viewer, onOpen, pending, onDelete }) {
  const mine = isMine(message, viewer);
  const fresh = !mine && !message.readAt;
  const classes = `chat-message ${mine ? 'mine' : 'theirs'}${fresh ? ' unread' : ''}`;
  return html`<li class=${classes} data-message-id=${message.messageId}>
    <p class="message-meta">
      <strong>${message.author?.name || (message.author?.kind === 'contact' ? t('author-contact') : t('author-firm'))}</strong>
      <span> · <${When} at=${message.postedAt} /></span>
      ${fresh ? html` <span class="badge new-badge">${t('badge-new')}</span>` : null}
    </p>
    <div class="message-text">
      ${textLines(message.text).map(
        (line, i) => html`<p key=${i}>${line.map((piece) =>
          piece.kind === 'link'
            ? html`<a href=${piece.href} target="_blank" rel="noopener noreferrer">${piece.text}</a>`
            : piece.text,
        )}${line.length ? null : html`<br />`}</p>`,
      )}
    </div>
    ${message.attachment ? html`<${Attached} doc=${message.attachment} onOpen=${onOpen} pending=${pending} />` : null}
    ${message.sharedDocuments?.length
      ? html`<ul class="named-documents" aria-label=${t('thread-shared-documents')}>
          ${message.sharedDocuments.map((d) => html`<li key=${d.documentId}><${Attached} doc=${d} onOpen=${onOpen} pending=${pending} /></li>`)}
        </ul>`
      : null}
    ${mine && viewer === 'staff' ? html`<p class="receipt">${receiptText(message)}</p>` : null}
    ${onDelete ? html`<button type="button" class="link-button danger" onClick=${() => onDelete(message)}>${t('message-delete')}</button>` : null}
  </li>`;
}

function Attached({ doc, onOpen, pending }) {
  if (doc.removed) return html`<p class="attachment removed">${t('attachment-removed')}</p>`;
  const busy = pending === doc.documentId;
  if (!onOpen) return html`<p class="attachment"><span class="subtle">${t('attachment-label')}</span> ${doc.fileName} <span class="subtle">${formatSize(doc.size)}</span></p>`;
  return html`<p class="attachment">
    <span class="subtle">${t('attachment-label')} </span>
    <button type="button" class="link-button" onClick=${() => onOpen(doc)} disabled=${busy} aria-busy=${busy ? 'true' : 'false'}>
      ${doc.fileName}
    </button>
    <span class="subtle"> ${formatSize(doc.size)}</span>
  </p>`;
}
