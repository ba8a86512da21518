// A matter's folders (one level): create, rename, delete when empty, and share a folder
// with contacts, whose documents in it, now and later, they then see; stop a folder share
// (documents also shared directly stay); download a folder as one zip. Documents are moved in
// from their rows.
import { t } from '../texts.js';
import { html, useState } from '../../../vendor/preact-htm.js';
import { ZipButton } from './zip-button.js';

/** @param {{api: any, matter: any, folders: any[], contacts: any[] | null, reload: () => Promise<void>, announce: Function}} props */
export function FoldersPanel({ api, matter, folders, contacts, reload, announce }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const m = matter.matterId;

  /** Runs one change, says how it went, and reads the folders and documents again. */
  async function act(change, success) {
    setBusy(true);
    try {
      await change();
      announce(success, 'success');
      await reload();
      return true;
    } catch (e) {
      if (e?.status !== 401) announce(e?.message ?? t('did-not-work'), 'error');
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function create(event) {
    event.preventDefault();
    const text = name.trim();
    if (!text) return announce(t('name-folder-first'), 'error');
    if (await act(() => api.createFolder(m, text), t('folder-created', { name: text }))) setName('');
  }

  const active = (contacts ?? []).filter((c) => c.status !== 'revoked');
  return html`
    <section class="panel folders" aria-labelledby="folders-heading">
      <h2 id="folders-heading">${t('folders')}</h2>
      <form class="folder-create" onSubmit=${create}>
        <label for="folder-name">${t('new-folder')}</label>
        <input id="folder-name" value=${name} maxlength="255" onInput=${(e) => setName(e.currentTarget.value)} />
        <button type="submit" class="button secondary" disabled=${busy}>${t('create-folder')}</button>
      </form>
      ${folders.length
        ? html`<ul class="folder-list" id="folder-list">
            ${folders.map((f) => html`<${FolderItem} key=${f.folderId} folder=${f} contacts=${active} busy=${busy} act=${act} api=${api} matterId=${m} announce=${announce} />`)}
          </ul>`
        : html`<p class="subtle">${t('no-folders')}</p>`}
    </section>
  `;
}

function FolderItem({ folder: f, contacts, busy, act, api, matterId, announce }) {
  const [chosen, setChosen] = useState(/** @type {string[]} */ ([]));
  const [renaming, setRenaming] = useState(/** @type {string | null} */ (null));
  const sharedIds = new Set(f.sharedWith.map((s) => s.contactId));
  const candidates = contacts.filter((c) => !sharedIds.has(c.contactId));
  const toggle = (id, on) => setChosen((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));
  const share = async () => {
    const names = candidates.filter((c) => chosen.includes(c.contactId)).map((c) => c.name).join(', ');
    if (await act(() => api.shareFolder(matterId, f.folderId, { contactIds: chosen }), t('folder-shared', { folder: f.name, names }))) setChosen([]);
  };
  const rename = async (event) => {
    event.preventDefault();
    if (await act(() => api.renameFolder(matterId, f.folderId, renaming ?? ''), t('folder-renamed', { name: renaming ?? '' }))) setRenaming(null);
  };
  return html`<li data-folder-id=${f.folderId}>
    <p class="folder-title"><span class="folder-name">${f.name}</span> <span class="subtle">${t('list-count', { count: f.documentCount })}</span></p>
    ${renaming === null
      ? html`<p class="folder-actions">
          <button type="button" class="button quiet" onClick=${() => setRenaming(f.name)}>${t('rename')}<span class="visually-hidden"> ${f.name}</span></button>
          <button type="button" class="button quiet danger-text" disabled=${busy || f.documentCount > 0} title=${f.documentCount > 0 ? t('move-out-first') : ''}
            onClick=${() => act(() => api.deleteFolder(matterId, f.folderId), t('folder-deleted', { name: f.name }))}>${t('delete')}<span class="visually-hidden"> ${f.name}</span></button>
          ${f.documentCount > 0 ? html`<${ZipButton} api=${api} matterId=${matterId} folder=${f} announce=${announce} />` : null}
        </p>`
      : html`<form class="folder-rename" onSubmit=${rename}>
          <label for=${`rename-${f.folderId}`} class="visually-hidden">${t('new-name-of', { name: f.name })}</label>
          <input id=${`rename-${f.folderId}`} value=${renaming} maxlength="255" onInput=${(e) => setRenaming(e.currentTarget.value)} />
          <button type="submit" class="button secondary" disabled=${busy}>${t('save-name')}</button>
          <button type="button" class="button quiet" onClick=${() => setRenaming(null)}>${t('cancel')}</button>
        </form>`}
    ${f.sharedWith.length
      ? html`<ul class="folder-shares" aria-label=${t('folder-shared-with-label', { folder: f.name })}>
          ${f.sharedWith.map(
            (s) => html`<li key=${s.contactId} data-contact-id=${s.contactId}>${t('shared-with', { name: s.contactName })}
              <button type="button" class="button quiet" disabled=${busy}
                onClick=${() => act(() => api.stopFolderShare(matterId, f.folderId, s.contactId), t('folder-share-stopped', { folder: f.name, name: s.contactName }))}>${t('stop-sharing')}<span class="visually-hidden">${t('folder-with', { folder: f.name, name: s.contactName })}</span></button></li>`,
          )}
        </ul>`
      : null}
    ${candidates.length
      ? html`<fieldset class="folder-share-with">
          <legend>${t('share-folder-with', { folder: f.name })}</legend>
          ${candidates.map(
            (c) => html`<label key=${c.contactId}><input type="checkbox" id=${`folder-${f.folderId}-${c.contactId}`} checked=${chosen.includes(c.contactId)}
              onChange=${(e) => toggle(c.contactId, e.currentTarget.checked)} /> ${c.name}</label>`,
          )}
          <button type="button" class="button" disabled=${busy || !chosen.length} onClick=${share}>${t('share-folder')}</button>
        </fieldset>`
      : null}
  </li>`;
}
