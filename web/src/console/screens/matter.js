// One matter: its heading, the section tabs (Access, Documents, Sharing, Messages, Bills,
// Calendar, Tasks, Activity, Settings) and the data they share (the matter, its contacts, documents and conversations).
import { t } from '../texts.js';
import { html, useState, useEffect, useCallback } from '../../../vendor/preact-htm.js';
import { routeHash } from '../routes.js';
import { useWholeList } from '../../common/hooks/use-whole-list.js';
import { AccessSection } from './access.js';
import { DocumentsSection } from './documents.js';
import { SharingSection } from './sharing.js';
import { SettingsSection } from './settings-section.js';
import { ActivitySection } from './activity.js';
import { MatterTabs } from './matter-tabs.js';
import { MessagesSection } from './messages.js';
import { BillsSection } from './bills.js';
import { CalendarSection } from './calendar.js';
import { TasksSection } from './tasks.js';
import { unreadTotal } from '../../common/conversation.js';

/**
 * @param {{api: any, config: any, me: any, matterId: string, section: string, announce: Function,
 *   setDirty: (f: string[]) => void}} props
 */
export function MatterView({ api, config, me, matterId, section, announce, setDirty }) {
  const [matter, setMatter] = useState(/** @type {any} */ (null));
  const [matterError, setMatterError] = useState(/** @type {{status: number, text: string} | null} */ (null));
  const contactList = useWholeList(() => api.listContacts(matterId), t('what-contacts'));
  const documentList = useWholeList(() => api.listDocuments(matterId), t('what-documents'));
  const { items: contacts, error: contactsError, reload: loadContacts } = contactList;
  const { items: documents, error: documentsError, reload: loadDocuments } = documentList;
  const conversationList = useWholeList(() => api.listConversations(matterId), t('what-conversations'));
  const { items: conversations, reload: loadConversations } = conversationList;

  const loadMatter = useCallback(() => {
    setMatterError(null);
    api
      .getMatter(matterId)
      .then(setMatter)
      .catch((e) => {
        if (e?.status === 401) return;
        setMatterError({ status: e?.status ?? 0, text: e?.message ?? '' });
      });
  }, [api, matterId]);

  useEffect(() => {
    loadMatter();
  }, [loadMatter]);
  useEffect(() => {
    if (!matter) return;
    loadContacts();
    loadDocuments();
    loadConversations();
  }, [matter?.matterId, loadContacts, loadDocuments, loadConversations]);
  // Each visit to a section shows it fresh.
  useEffect(() => {
    if (!matter) return;
    if (section === 'access' || section === 'sharing' || section === 'activity') loadContacts();
    if (['documents', 'sharing', 'activity', 'messages', 'bills'].includes(section)) loadDocuments();
    if (['bills', 'calendar', 'tasks'].includes(section)) loadContacts();
    if (section === 'messages') {
      loadContacts();
      loadConversations();
    }
  }, [section]);

  if (matterError) {
    const missing = matterError.status === 404;
    return html`<section class="console-section panel" aria-labelledby="main-heading">
      <h1 id="main-heading" tabindex="-1">${missing ? t('matter-not-set-up', { id: matterId }) : t('matter-failed')}</h1>
      ${missing
        ? html`<p>${t('matter-needs-setup')}</p>
            <a class="button primary" href=${routeHash({ view: 'new', matterId })}>${t('set-up-matter', { id: matterId })}</a>`
        : html`<p class="message error" role="alert">${matterError.text}</p>
            <button type="button" class="button" onClick=${loadMatter}>${t('try-again')}</button>`}
    </section>`;
  }
  if (!matter) return html`<p class="loading" aria-busy="true">${t('loading-matter')}</p>`;

  let body;
  if (section === 'settings') {
    body = html`<${SettingsSection}
      api=${api}
      me=${me}
      matter=${matter}
      onSaved=${setMatter}
      announce=${announce}
      setDirty=${setDirty}
    />`;
  } else if (section === 'documents') {
    body = html`<${DocumentsSection}
      api=${api}
      config=${config}
      matter=${matter}
      documents=${documents}
      error=${documentsError}
      contacts=${contacts}
      reload=${loadDocuments}
      reloadContacts=${loadContacts}
      announce=${announce}
    />`;
  } else if (section === 'activity') {
    body = html`<${ActivitySection}
      api=${api}
      matter=${matter}
      contacts=${contacts}
      documents=${documents}
      announce=${announce}
    />`;
  } else if (section === 'messages') {
    body = html`<${MessagesSection}
      api=${api}
      config=${config}
      matter=${matter}
      contacts=${contacts}
      documents=${documents}
      conversations=${conversations}
      reloadConversations=${loadConversations}
      reloadDocuments=${loadDocuments}
      announce=${announce}
    />`;
  } else if (section === 'bills') {
    body = html`<${BillsSection} api=${api} matter=${matter} contacts=${contacts} documents=${documents} announce=${announce} />`;
  } else if (section === 'calendar') {
    body = html`<${CalendarSection} api=${api} matter=${matter} contacts=${contacts} announce=${announce} />`;
  } else if (section === 'tasks') {
    body = html`<${TasksSection} api=${api} matter=${matter} contacts=${contacts} announce=${announce} />`;
  } else if (section === 'sharing') {
    body = html`<${SharingSection}
      api=${api}
      matter=${matter}
      contacts=${contacts}
      documents=${documents}
      contactsError=${contactsError}
      documentsError=${documentsError}
      reloadContacts=${loadContacts}
      reloadDocuments=${loadDocuments}
      announce=${announce}
    />`;
  } else {
    body = html`<${AccessSection}
      api=${api}
      config=${config}
      matter=${matter}
      contacts=${contacts}
      error=${contactsError}
      reload=${loadContacts}
      announce=${announce}
    />`;
  }

  return html`
    <div class="matter-page">
      <p class="crumbs"><a href="#/">${t('nav-matters')}</a> <span aria-hidden="true">›</span> <span class="subtle">${matter.matterId}</span></p>
      <div class="matter-head">
        <h1 id="main-heading" tabindex="-1">${matter.title}</h1>
        <p class="matter-meta">
          <span>${t('matter-id')} <span class="mono">${matter.matterId}</span></span>
          <span>${t('owner-label')} <span id="matter-owner-name">${matter.owner?.name || matter.owner?.email}</span></span>
        </p>
      </div>
      <${MatterTabs}
        matterId=${matterId}
        section=${section}
        contacts=${contacts}
        documents=${documents}
        unread=${unreadTotal(conversations)}
      />
      <div class="section-body">${body}</div>
    </div>
  `;
}
