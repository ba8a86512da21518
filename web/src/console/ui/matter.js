// One matter: its heading, the section tabs (Access, Documents, Sharing, Activity, Settings) and the
// data they share (the matter, its contacts and its documents).
import { html, useState, useEffect, useCallback, useRef } from '../../../vendor/preact-htm.js';
import { routeHash, SECTION_LABELS } from '../routes.js';
import { latestOnly } from '../../query.js';
import { AccessSection } from './access.js';
import { DocumentsSection } from './documents.js';
import { SharingSection } from './sharing.js';
import { SettingsSection } from './settings-section.js';
import { ActivitySection } from './activity.js';
import { hasNoAccess } from '../sections.js';

const TAB_ORDER = ['access', 'documents', 'sharing', 'activity', 'settings'];

/**
 * @param {{api: any, config: any, me: any, matterId: string, section: string, announce: Function,
 *   navigate: (hash: string) => void, setDirty: (f: string[]) => void}} props
 */
export function MatterView({ api, config, me, matterId, section, announce, navigate, setDirty }) {
  const [matter, setMatter] = useState(/** @type {any} */ (null));
  const [matterError, setMatterError] = useState(/** @type {{status: number, text: string} | null} */ (null));
  const [contacts, setContacts] = useState(/** @type {any[] | null} */ (null));
  const [contactsError, setContactsError] = useState('');
  const [documents, setDocuments] = useState(/** @type {any[] | null} */ (null));
  const [documentsError, setDocumentsError] = useState('');
  const contactTickets = useRef(latestOnly());
  const documentTickets = useRef(latestOnly());

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

  const loadContacts = useCallback(async () => {
    const ticket = contactTickets.current.next();
    setContactsError('');
    try {
      const items = await api.listContacts(matterId);
      if (contactTickets.current.isLatest(ticket)) setContacts(items);
    } catch (e) {
      if (e?.status === 401 || !contactTickets.current.isLatest(ticket)) return;
      setContacts((c) => c ?? []);
      setContactsError(`The contacts could not be loaded. ${e?.message ?? ''}`.trim());
    }
  }, [api, matterId]);

  const loadDocuments = useCallback(async () => {
    const ticket = documentTickets.current.next();
    setDocumentsError('');
    try {
      const items = await api.listDocuments(matterId);
      if (documentTickets.current.isLatest(ticket)) setDocuments(items);
    } catch (e) {
      if (e?.status === 401 || !documentTickets.current.isLatest(ticket)) return;
      setDocuments((d) => d ?? []);
      setDocumentsError(`The documents could not be loaded. ${e?.message ?? ''}`.trim());
    }
  }, [api, matterId]);

  useEffect(() => {
    loadMatter();
  }, [loadMatter]);
  useEffect(() => {
    if (!matter) return;
    loadContacts();
    loadDocuments();
  }, [matter?.matterId, loadContacts, loadDocuments]);
  // Each visit to a section shows it fresh.
  useEffect(() => {
    if (!matter) return;
    if (section === 'access' || section === 'sharing' || section === 'activity') loadContacts();
    if (section === 'documents' || section === 'sharing' || section === 'activity') loadDocuments();
  }, [section]);

  if (matterError) {
    const missing = matterError.status === 404;
    return html`<section class="console-section panel" aria-labelledby="main-heading">
      <h1 id="main-heading" tabindex="-1">${missing ? `Matter ${matterId} is not set up` : 'The matter could not be loaded'}</h1>
      ${missing
        ? html`<p>This matter has no portal settings yet. Set it up first: contacts, documents and shares need its owner.</p>
            <a class="button primary" href=${routeHash({ view: 'new', matterId })}>Set up matter ${matterId}</a>`
        : html`<p class="message error" role="alert">${matterError.text}</p>
            <button type="button" class="button" onClick=${loadMatter}>Try again</button>`}
    </section>`;
  }
  if (!matter) return html`<p class="loading" aria-busy="true">Loading the matter…</p>`;

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
  } else if (section === 'sharing') {
    body = html`<${SharingSection}
      api=${api}
      matter=${matter}
      contacts=${contacts}
      documents=${documents}
      contactsError=${contactsError}
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
      <p class="crumbs"><a href="#/">Matters</a> <span aria-hidden="true">›</span> <span class="subtle">${matter.matterId}</span></p>
      <div class="matter-head">
        <h1 id="main-heading" tabindex="-1">${matter.title}</h1>
        <p class="matter-meta">
          <span>Matter <span class="mono">${matter.matterId}</span></span>
          <span>Owner: <span id="matter-owner-name">${matter.owner?.name || matter.owner?.email}</span></span>
        </p>
      </div>
      <nav class="tabs" aria-label="Sections of this matter">
        ${TAB_ORDER.map(
          (s) => html`<a
            key=${s}
            id=${`tab-${s}`}
            class=${`tab${s === section ? ' current' : ''}`}
            href=${routeHash({ view: 'matter', matterId, section: /** @type {any} */ (s) })}
            aria-current=${s === section ? 'page' : undefined}
          >${SECTION_LABELS[s]}${s === 'access' && contacts ? html` <span class="tab-count">${contacts.filter((c) => !hasNoAccess(c.status)).length}</span>` : null}${s === 'documents' && documents ? html` <span class="tab-count">${documents.length}</span>` : null}</a>`,
        )}
      </nav>
      <div class="section-body">${body}</div>
    </div>
  `;
}
