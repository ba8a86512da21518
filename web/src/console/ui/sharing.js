// The Sharing section: choose contacts, see what is shared with them (search by name, sort by
// clicking the column headers, More), share documents with them with an optional message,
// and stop sharing one document for one contact (it stays in the matter).
import { html, useState, useEffect, useRef, useCallback, useMemo } from '../../../vendor/preact-htm.js';
import { latestOnly } from '../../query.js';
import {
  normalizeSharesQuery,
  toggleSort,
  ariaSort,
  appendUnique,
  shareKey,
  rowsForChosen,
  contactFilterFor,
  cleanSearch,
} from '../staff-query.js';
import { formatDateTime, formatSize, plural } from '../../format.js';
import { shareMessage, shareableDocuments, shareableContacts } from '../sections.js';
import { UploadIcon } from './documents.js';
import { openedText, downloadsText, wasOpened, limitReached, parseDownloadLimit, MAX_DOWNLOAD_LIMIT } from '../receipts.js';

const SEARCH_DELAY_MS = 350;
const MAX_MESSAGE_CHARS = 2000;
const COLUMNS = [
  { sort: 'name', label: 'Name' },
  { sort: 'activity', label: 'Shared' },
  { sort: 'created', label: 'Created' },
];

/**
 * @param {{api: any, matter: any, contacts: any[] | null, documents: any[] | null, contactsError: string,
 *   reloadContacts: () => Promise<void>, reloadDocuments: () => Promise<void>, announce: Function}} props
 */
export function SharingSection({ api, matter, contacts, documents, contactsError, reloadContacts, reloadDocuments, announce }) {
  const [chosen, setChosen] = useState(/** @type {string[]} */ ([]));
  const [query, setQuery] = useState(() => normalizeSharesQuery({ sort: 'name' }));
  const [searchText, setSearchText] = useState('');
  const [list, setList] = useState({ items: /** @type {any[]} */ ([]), nextCursor: /** @type {string | null} */ (null), loaded: false });
  const [loading, setLoading] = useState(/** @type {'first' | 'more' | null} */ ('first'));
  const [listError, setListError] = useState('');
  const [rowErrors, setRowErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [stopping, setStopping] = useState('');
  const tickets = useRef(latestOnly());

  const people = shareableContacts(contacts ?? []);
  const byId = useMemo(() => new Map((contacts ?? []).map((c) => [c.contactId, c])), [contacts]);
  const filter = contactFilterFor(chosen);
  const effective = { ...query, contactId: filter };

  const loadFirst = useCallback(async () => {
    const ticket = tickets.current.next();
    setLoading('first');
    setListError('');
    try {
      const page = await api.listShares(matter.matterId, effective);
      if (!tickets.current.isLatest(ticket)) return;
      setList({ items: page.items, nextCursor: page.nextCursor, loaded: true });
    } catch (e) {
      if (!tickets.current.isLatest(ticket) || e?.status === 401) return;
      setListError(`The shared documents could not be loaded. ${e?.message ?? ''}`.trim());
    } finally {
      if (tickets.current.isLatest(ticket)) setLoading(null);
    }
  }, [api, matter.matterId, filter, query.q, query.sort, query.order]);
  useEffect(() => {
    loadFirst();
  }, [loadFirst]);

  async function loadMore() {
    if (!list.nextCursor) return;
    const ticket = tickets.current.next();
    setLoading('more');
    setListError('');
    try {
      const page = await api.listShares(matter.matterId, effective, { cursor: list.nextCursor });
      if (!tickets.current.isLatest(ticket)) return;
      setList({ items: appendUnique(list.items, page.items, shareKey), nextCursor: page.nextCursor, loaded: true });
    } catch (e) {
      if (!tickets.current.isLatest(ticket) || e?.status === 401) return;
      setListError(`More shared documents could not be loaded. ${e?.message ?? ''}`.trim());
    } finally {
      if (tickets.current.isLatest(ticket)) setLoading(null);
    }
  }

  useEffect(() => {
    const q = cleanSearch(searchText);
    if (q === query.q) return undefined;
    const timer = setTimeout(() => setQuery((current) => ({ ...current, q })), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText, query.q]);

  function submitSearch(event) {
    event.preventDefault();
    const q = cleanSearch(searchText);
    if (q === query.q) loadFirst();
    else setQuery((current) => ({ ...current, q }));
  }

  function sortBy(column) {
    const next = toggleSort(query, column);
    setQuery((current) => ({ ...current, ...next }));
    const label = COLUMNS.find((c) => c.sort === column)?.label ?? column;
    announce(`Sorted by ${label.toLowerCase()}, ${next.order === 'asc' ? (column === 'name' ? 'A to Z' : 'oldest first') : column === 'name' ? 'Z to A' : 'newest first'}.`);
  }

  function toggleContact(contactId, on) {
    setChosen((current) => (on ? [...current.filter((c) => c !== contactId), contactId] : current.filter((c) => c !== contactId)));
  }

  async function stop(row) {
    const key = shareKey(row);
    setStopping(key);
    setRowErrors((e) => ({ ...e, [key]: '' }));
    try {
      await api.stopSharing(matter.matterId, row.documentId, row.contactId);
      setList((current) => ({ ...current, items: current.items.filter((r) => shareKey(r) !== key) }));
      announce(`“${row.fileName}” is no longer shared with ${row.contactName || row.contactId}. It stays in the matter.`, 'success');
      reloadContacts();
    } catch (e) {
      if (e?.status !== 401) setRowErrors((errs) => ({ ...errs, [key]: e?.message ?? 'Sharing was not stopped. Try again.' }));
    } finally {
      setStopping('');
    }
  }

  const rows = rowsForChosen(list.items, chosen);
  const chosenNames = chosen.map((id) => byId.get(id)?.name || id);
  const scope = chosen.length === 0 ? 'all contacts' : chosenNames.join(', ');

  return html`
    <div class="sharing">
      <section class="panel" aria-labelledby="choose-heading">
        <h2 id="choose-heading">Choose contacts</h2>
        ${contactsError ? html`<div class="message error" role="alert"><p>${contactsError}</p><button type="button" class="button" onClick=${reloadContacts}>Try again</button></div>` : null}
        ${contacts === null
          ? html`<p class="loading">Loading contacts…</p>`
          : people.length === 0
            ? html`<p>No contact has access yet. Give access in the Access section first.</p>`
            : html`<fieldset class="chooser" id="contact-chooser">
                <legend class="visually-hidden">Contacts</legend>
                <ul class="check-list inline">
                  ${people.map(
                    (c) => html`<li key=${c.contactId}>
                      <input
                        type="checkbox"
                        id=${`choose-${c.contactId}`}
                        checked=${chosen.includes(c.contactId)}
                        onChange=${(e) => toggleContact(c.contactId, e.currentTarget.checked)}
                      />
                      <label for=${`choose-${c.contactId}`}>
                        ${c.name}
                        <span class="subtle">${c.email} · ${plural(c.sharedCount, 'document')}${c.canDownload ? '' : ' · view only'}</span>
                      </label>
                    </li>`,
                  )}
                </ul>
                <p class="hint">Only contacts with access are listed. The list below shows what the chosen contacts see; with nobody chosen, every contact’s shares.</p>
              </fieldset>`}
      </section>

      <${ShareForm}
        api=${api}
        matter=${matter}
        chosen=${chosen}
        byId=${byId}
        documents=${documents}
        announce=${announce}
        onShared=${() => {
          loadFirst();
          reloadContacts();
          reloadDocuments();
        }}
      />

      <section class="panel" aria-labelledby="shared-heading">
        <h2 id="shared-heading">Shared (visible on the portal)</h2>
        <form class="search-form" role="search" aria-label="Shared documents" onSubmit=${submitSearch}>
          <label for="share-search">Search shared documents</label>
          <input
            id="share-search"
            type="search"
            placeholder="File name"
            autocomplete="off"
            maxlength="200"
            value=${searchText}
            onInput=${(e) => setSearchText(e.currentTarget.value)}
          />
          <button type="submit" class="button secondary">Search</button>
        </form>
        ${listError ? html`<div class="message error" role="alert"><p>${listError}</p><button type="button" class="button" onClick=${loadFirst}>Try again</button></div>` : null}
        <p class="list-summary" id="shares-summary">
          ${loading === 'first'
            ? 'Loading…'
            : rows.length
              ? `${plural(rows.length, 'share')} for ${scope}${query.q ? ` matching “${query.q}”` : ''}${list.nextCursor ? ' so far; more are available' : ''}`
              : list.nextCursor
                ? 'No matches on this page. Press More to look further.'
                : query.q
                  ? `Nothing shared with ${scope} matches “${query.q}”.`
                  : `Nothing is shared with ${scope} yet.`}
        </p>
        <table class="data-table shares-table" id="shares-table" aria-label="Shared documents" aria-busy=${loading === 'first' ? 'true' : 'false'}>
          <thead>
            <tr>
              ${COLUMNS.slice(0, 1).map((c) => html`<${SortHeader} key=${c.sort} column=${c} query=${query} onSort=${sortBy} />`)}
              <th scope="col">Contact</th>
              ${COLUMNS.slice(1).map((c) => html`<${SortHeader} key=${c.sort} column=${c} query=${query} onSort=${sortBy} />`)}
              <th scope="col">Opened</th>
              <th scope="col" class="num">Size</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            ${rows.map((r) => {
              const key = shareKey(r);
              const nameId = `share-name-${r.documentId}-${r.contactId}`;
              return html`<tr key=${key} data-document-id=${r.documentId} data-contact-id=${r.contactId} data-origin=${r.origin}>
                <td data-label="Name">
                  <span class="doc-name-cell">
                    ${r.origin === 'portal' ? html`<${UploadIcon} />` : null}
                    <span class="doc-file-name" id=${nameId}>${r.fileName}</span>
                  </span>
                  ${r.origin === 'portal' && r.uploadedBy ? html`<span class="uploaded-by">Uploaded by ${r.uploadedBy.name || r.uploadedBy.email}</span>` : null}
                  ${rowErrors[key] ? html`<p class="field-error row-error" role="alert">${rowErrors[key]}</p>` : null}
                </td>
                <td data-label="Contact" class="share-contact">${r.contactName || byId.get(r.contactId)?.name || r.contactId}</td>
                <td data-label="Shared">${formatDateTime(r.sharedAt || r.activityAt)}</td>
                <td data-label="Created">${formatDateTime(r.createdAt)}</td>
                <td data-label="Opened" class="share-opened" data-opened=${wasOpened(r) ? 'true' : 'false'}>
                  <span class=${`opened-mark ${wasOpened(r) ? 'is-opened' : 'not-opened'}`}>${openedText(r)}</span>
                  ${downloadsText(r)
                    ? html`<span class=${`share-downloads${limitReached(r) ? ' limit-reached' : ''}`}>${downloadsText(r)}${limitReached(r) ? ' (limit reached)' : ''}</span>`
                    : null}
                </td>
                <td data-label="Size" class="num">${formatSize(r.size)}</td>
                <td data-label="Actions" class="row-actions">
                  <button
                    type="button"
                    class="button quiet danger-text"
                    aria-label=${`Stop sharing ${r.fileName} with ${r.contactName || r.contactId}`}
                    disabled=${stopping === key}
                    onClick=${() => stop(r)}
                  >
                    Stop sharing
                  </button>
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
        ${list.nextCursor
          ? html`<p class="more"><button type="button" id="shares-more" class="button secondary" onClick=${loadMore} disabled=${loading !== null}>More</button></p>`
          : null}
      </section>
    </div>
  `;
}

function SortHeader({ column, query, onSort }) {
  const state = ariaSort(query, column.sort);
  const arrow = state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '';
  return html`<th scope="col" aria-sort=${state}>
    <button type="button" class="sort-button" id=${`sort-${column.sort}`} onClick=${() => onSort(column.sort)}>
      ${column.label}<span class="sort-arrow" aria-hidden="true">${arrow}</span>
    </button>
  </th>`;
}

function ShareForm({ api, matter, chosen, byId, documents, announce, onShared }) {
  const [picked, setPicked] = useState(/** @type {string[]} */ ([]));
  const [message, setMessage] = useState('');
  const [limitText, setLimitText] = useState('');
  const [limitError, setLimitError] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const available = shareableDocuments(documents ?? []);
  const waiting = (documents ?? []).filter((d) => d.status === 'pending').length;

  // A document that is no longer available is no longer picked.
  useEffect(() => {
    setPicked((current) => current.filter((id) => available.some((d) => d.documentId === id)));
  }, [documents]);

  async function submit(event) {
    event.preventDefault();
    setError('');
    if (!chosen.length) {
      setError('Choose at least one contact above.');
      document.getElementById('contact-chooser')?.querySelector('input')?.focus();
      return;
    }
    if (!picked.length) {
      setError('Choose at least one document to share.');
      document.getElementById('share-documents')?.querySelector('input')?.focus();
      return;
    }
    // A number input holds '' for text it cannot read: that is not "no limit".
    const unreadable = /** @type {HTMLInputElement | null} */ (document.getElementById('share-download-limit'))?.validity?.badInput;
    const limit = parseDownloadLimit(unreadable ? 'x' : limitText);
    setLimitError(limit.error);
    if (limit.error) {
      document.getElementById('share-download-limit')?.focus();
      return;
    }
    setBusy(true);
    try {
      const outcome = await api.share(matter.matterId, { documentIds: picked, contactIds: chosen, message, downloadLimit: limit.value });
      announce(shareMessage(outcome, byId), 'success');
      setPicked([]);
      setMessage('');
      setLimitText('');
      onShared();
    } catch (e) {
      if (e?.status !== 401) setError(`Nothing was shared. ${e?.message ?? ''}`.trim());
    } finally {
      setBusy(false);
    }
  }

  const names = chosen.map((id) => byId.get(id)?.name || id);
  return html`
    <section class="panel" aria-labelledby="share-heading">
      <h2 id="share-heading">Share documents</h2>
      <form id="share-form" class="share-form" onSubmit=${submit} noValidate>
        ${documents === null
          ? html`<p class="loading">Loading documents…</p>`
          : available.length === 0
            ? html`<p>No document is available to share yet. Upload one in the Documents section.</p>`
            : html`<fieldset id="share-documents">
                <legend>Documents to share</legend>
                <ul class="check-list">
                  ${available.map(
                    (d) => html`<li key=${d.documentId}>
                      <input
                        type="checkbox"
                        id=${`pick-${d.documentId}`}
                        checked=${picked.includes(d.documentId)}
                        onChange=${(e) =>
                          setPicked((current) =>
                            e.currentTarget.checked ? [...current, d.documentId] : current.filter((id) => id !== d.documentId),
                          )}
                      />
                      <label for=${`pick-${d.documentId}`}>
                        ${d.origin === 'portal' ? html`<${UploadIcon} />` : null}${d.fileName}
                        <span class="subtle">${formatSize(d.size)}</span>
                      </label>
                    </li>`,
                  )}
                </ul>
                ${waiting ? html`<p class="hint">${plural(waiting, 'document')} still uploading can be shared once available.</p>` : null}
              </fieldset>`}
        <div class="field">
          <label for="share-message">Message (optional)</label>
          <textarea id="share-message" rows="3" maxlength=${MAX_MESSAGE_CHARS} value=${message} onInput=${(e) => setMessage(e.currentTarget.value)}></textarea>
          <p class="hint">Added to the email each contact gets: one email within a few minutes, listing everything newly shared with them.</p>
        </div>
        <div class="field limit-field">
          <label for="share-download-limit">Download limit (optional)</label>
          <input
            id="share-download-limit"
            type="number"
            inputmode="numeric"
            min="1"
            max=${MAX_DOWNLOAD_LIMIT}
            step="1"
            value=${limitText}
            onInput=${(e) => setLimitText(e.currentTarget.value)}
            aria-invalid=${limitError ? 'true' : 'false'}
            aria-describedby=${limitError ? 'share-download-limit-error share-download-limit-hint' : 'share-download-limit-hint'}
          />
          <p class="hint" id="share-download-limit-hint">How many times each contact may download each document (1 to ${MAX_DOWNLOAD_LIMIT}). Empty: no limit. Opening to view is never limited.</p>
          ${limitError ? html`<p class="field-error" id="share-download-limit-error">${limitError}</p>` : null}
        </div>
        ${error ? html`<p class="message error" id="share-error" role="alert">${error}</p>` : null}
        <div class="button-row">
          <button type="submit" id="share-submit" class="button primary" disabled=${busy} aria-busy=${busy ? 'true' : 'false'}>
            Share${picked.length ? ` ${plural(picked.length, 'document')}` : ''}${names.length ? ` with ${names.length > 2 ? plural(names.length, 'contact') : names.join(' and ')}` : ''}
          </button>
        </div>
      </form>
    </section>
  `;
}
