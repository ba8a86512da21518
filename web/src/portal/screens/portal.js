// Signed in: what needs me and what was shared (the home), my tasks, bills and upcoming events, my documents across my matters, uploading into a
// matter, and my matters.
import { html, useState, useEffect, useCallback } from '../../../vendor/preact-htm.js';
import { DocumentList } from './documents.js';
import { UploadPanel } from './upload-panel.js';
import { MatterList } from './matters.js';
import { Conversation } from './conversation.js';
import { BillList } from './bills.js';
import { AppointmentList } from './appointments.js';
import { TaskList } from './tasks.js';
import { Home } from './home.js';
import { NotificationSettings } from './notification-settings.js';
import { t } from '../texts.js';

/**
 * @param {{api: any, config: import('../../common/config.js').PortalConfig, contact: {name: string, email: string}, announce: Function}} props
 */
export function Portal({ api, config, contact, announce }) {
  const [matters, setMatters] = useState(/** @type {any[] | null} */ (null));
  const [mattersError, setMattersError] = useState('');
  const [refreshKey, setRefreshKey] = useState(0);
  // Opening a document changes what needs the contact, not the list: only the top reloads
  // (both keys only grow, so their sum changes whenever either does).
  const [openedKey, setOpenedKey] = useState(0);
  const [filterMatterId, setFilterMatterId] = useState('');
  const [conversations, setConversations] = useState(/** @type {any[]} */ ([]));
  const [talkingOn, setTalkingOn] = useState('');

  const loadMatters = useCallback(() => {
    setMattersError('');
    api
      .listMatters()
      .then((items) => setMatters(items.filter((m) => m && typeof m.matterId === 'string')))
      .catch((error) => {
        if (error?.status === 401) return;
        setMatters([]);
        setMattersError(t('matters-failed', { reason: error?.message ?? '' }).trim());
      });
  }, [api]);
  useEffect(loadMatters, [loadMatters]);
  // Unread counts per matter; a failure leaves the badges off rather than the page.
  const loadConversations = useCallback(() => {
    api.listConversations().then(setConversations, () => {});
  }, [api]);
  useEffect(loadConversations, [loadConversations]);

  const onAttached = useCallback(() => setRefreshKey((k) => k + 1), []);
  const onOpened = useCallback(() => setOpenedKey((k) => k + 1), []);
  const firstName = (contact.name || '').trim().split(/\s+/)[0];

  const unreadByMatter = new Map(conversations.map((c) => [c.matterId, c.unread]));
  const talking = talkingOn && (matters ?? []).find((m) => m.matterId === talkingOn);
  const matterList = html`<${MatterList}
    matters=${matters}
    error=${mattersError}
    onRetry=${loadMatters}
    unread=${unreadByMatter}
    onMessages=${setTalkingOn}
    current=${talkingOn}
  />`;
  if (talking) {
    return html`
      <div class="portal">
        <${Conversation}
          key=${talkingOn}
          api=${api}
          config=${config}
          matter=${talking}
          announce=${announce}
          onBack=${() => setTalkingOn('')}
          onRead=${loadConversations}
        />
        <aside class="side">${matterList}</aside>
      </div>
    `;
  }
  return html`
    <div class="portal">
      <section class="documents-section" aria-labelledby="main-heading">
        <h1 id="main-heading" tabindex="-1">${t('your-documents')}</h1>
        <p class="lede">${firstName ? `${t('welcome', { name: firstName })} ` : ''}${t('documents-lede')}</p>
        <a class="jump-link" href="#upload-section">${t('upload-documents')}</a>
        <${Home} api=${api} refreshKey=${refreshKey + openedKey} onMessages=${setTalkingOn} />
        <${TaskList} api=${api} config=${config} announce=${announce} onChanged=${onAttached} />
        <${BillList} api=${api} announce=${announce} />
        <${AppointmentList} api=${api} announce=${announce} />
        <${DocumentList}
          api=${api}
          matters=${matters}
          announce=${announce}
          refreshKey=${refreshKey}
          onMatterChange=${setFilterMatterId}
          onOpened=${onOpened}
        />
      </section>
      <aside class="side">
        <${UploadPanel}
          api=${api}
          config=${config}
          matters=${matters}
          preferredMatterId=${filterMatterId}
          announce=${announce}
          onAttached=${onAttached}
        />
        ${matterList}
        <${NotificationSettings} api=${api} />
      </aside>
    </div>
  `;
}
