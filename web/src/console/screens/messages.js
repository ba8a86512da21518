// The Messages section: the matter's conversations (one per contact, by last message, with
// unread counts) and the chosen one beside them (below on a phone).
import { t } from '../texts.js';
import { html, useState } from '../../../vendor/preact-htm.js';
import { conversationRows, conversationNote } from '../../common/conversation.js';
import { StaffConversation } from './staff-conversation.js';

/**
 * @param {{api: any, config: any, matter: any, contacts: any[] | null, documents: any[] | null,
 *   conversations: any[] | null, reloadConversations: () => void, reloadDocuments: () => void,
 *   announce: Function}} props
 */
export function MessagesSection({ api, config, matter, contacts, documents, conversations, reloadConversations, reloadDocuments, announce }) {
  const rows = conversationRows(contacts, conversations);
  const [chosen, setChosen] = useState('');
  const current = rows.find((r) => r.contactId === chosen) ?? null;

  return html`
    <section class="panel messages-section" aria-labelledby="messages-heading">
      <h2 id="messages-heading">${t('section-messages')}</h2>
      <p class="hint">${t('messages-hint')}</p>
      <div class="messages-layout">
        <nav aria-label=${t('conversations')}>
          ${contacts === null
            ? html`<p class="loading" aria-busy="true">${t('loading-conversations')}</p>`
            : rows.length === 0
              ? html`<p id="no-conversations">${t('no-conversations')}</p>`
              : html`<ul class="conversation-list" id="conversation-list">
                  ${rows.map(
                    (r) => html`<li key=${r.contactId} data-contact-id=${r.contactId}>
                      <button type="button" aria-current=${r.contactId === chosen ? 'true' : undefined} onClick=${() => setChosen(r.contactId)}>
                        <span>${r.name}${r.live ? '' : t('no-access-suffix')}</span>
                        <span class=${r.unread > 0 ? 'badge unread-badge' : 'subtle'}>${conversationNote(r)}</span>
                      </button>
                    </li>`,
                  )}
                </ul>`}
        </nav>
        <div class="conversation-pane">
          ${current
            ? html`<${StaffConversation}
                key=${current.contactId}
                api=${api}
                config=${config}
                matter=${matter}
                contact=${current}
                documents=${documents}
                onChanged=${reloadConversations}
                reloadDocuments=${reloadDocuments}
                announce=${announce}
              />`
            : rows.length
              ? html`<p class="hint" id="choose-conversation">${t('choose-conversation')}</p>`
              : null}
        </div>
      </div>
    </section>
  `;
}
