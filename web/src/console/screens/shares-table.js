// What is shared with the chosen contacts: searched by name, sorted by clicking Name, Shared
// or Created, read receipts and download limits per row, Stop sharing, More.
import { t } from '../texts.js';
import { html } from '../../../vendor/preact-htm.js';
import { ariaSort, shareKey } from '../staff-query.js';
import { formatSize } from '../../common/format.js';
import { When } from '../../common/screens/when.js';
import { openedText, downloadsText, wasOpened, limitReached } from '../receipts.js';
import { UploadIcon } from './upload-icon.js';

export const COLUMNS = [
  { sort: 'name', label: 'col-name' },
  { sort: 'activity', label: 'col-shared' },
  { sort: 'created', label: 'col-created' },
];

/** What the list says above its rows. */
function summaryText({ loading, rows, scope, q, hasMore }) {
  if (loading === 'first') return t('loading');
  if (rows.length) return t('shares-count', { count: rows.length, scope }) + (q ? t('matching', { q }) : '') + (hasMore ? t('list-so-far') : '');
  if (hasMore) return t('no-matches-on-page');
  return q ? t('nothing-shared-matches', { scope, q }) : t('nothing-shared-yet', { scope });
}

/**
 * @param {{rows: any[], list: any, query: any, scope: string, search: any, byId: Map<string, any>,
 *   rowErrors: Record<string, string>, stopping: string, onSort: (column: string) => void, onStop: (row: any) => void}} props
 */
export function SharesTable({ rows, list, query, scope, search, byId, rowErrors, stopping, onSort, onStop }) {
  return html`
    <section class="panel" aria-labelledby="shared-heading">
      <h2 id="shared-heading">${t('shared-heading')}</h2>
      <form class="search-form" role="search" aria-label=${t('shared-documents')} onSubmit=${search.submit}>
        <label for="share-search">${t('search-shared')}</label>
        <input id="share-search" type="search" placeholder=${t('file-name')} autocomplete="off" maxlength="200" value=${search.text} onInput=${(e) => search.setText(e.currentTarget.value)} />
        <button type="submit" class="button secondary">${t('search')}</button>
      </form>
      ${list.error ? html`<div class="message error" role="alert"><p>${list.error}</p><button type="button" class="button" onClick=${list.retry}>${t('try-again')}</button></div>` : null}
      <p class="list-summary" id="shares-summary">${summaryText({ loading: list.loading, rows, scope, q: query.q, hasMore: list.hasMore })}</p>
      <table class="data-table shares-table" id="shares-table" aria-label=${t('shared-documents')} aria-busy=${list.loading === 'first' ? 'true' : 'false'}>
        <thead>
          <tr>
            <${SortHeader} column=${COLUMNS[0]} query=${query} onSort=${onSort} />
            <th scope="col">${t('col-contact')}</th>
            ${COLUMNS.slice(1).map((c) => html`<${SortHeader} key=${c.sort} column=${c} query=${query} onSort=${onSort} />`)}
            <th scope="col">${t('col-opened')}</th>
            <th scope="col" class="num">${t('col-size')}</th>
            <th scope="col"><span class="visually-hidden">${t('col-actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((r) => html`<${ShareRow} key=${shareKey(r)} row=${r} byId=${byId} error=${rowErrors[shareKey(r)]} stopping=${stopping === shareKey(r)} onStop=${onStop} />`)}
        </tbody>
      </table>
      ${list.hasMore
        ? html`<p class="more"><button type="button" id="shares-more" class="button secondary" onClick=${list.loadMore} disabled=${list.loading !== null}>${t('more')}</button></p>`
        : null}
    </section>
  `;
}

function SortHeader({ column, query, onSort }) {
  const state = ariaSort(query, column.sort);
  const arrow = state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '';
  return html`<th scope="col" aria-sort=${state}>
    <button type="button" class="sort-button" id=${`sort-${column.sort}`} onClick=${() => onSort(column.sort)}>
      ${t(column.label)}<span class="sort-arrow" aria-hidden="true">${arrow}</span>
    </button>
  </th>`;
}

function ShareRow({ row: r, byId, error, stopping, onStop }) {
  const nameId = `share-name-${r.documentId}-${r.contactId}`;
  const opened = wasOpened(r);
  return html`<tr data-document-id=${r.documentId} data-contact-id=${r.contactId} data-origin=${r.origin}>
    <td data-label=${t('col-name')}>
      <span class="doc-name-cell">
        ${r.origin === 'portal' ? html`<${UploadIcon} />` : null}
        <span class="doc-file-name" id=${nameId}>${r.fileName}</span>
      </span>
      ${r.origin === 'portal' && r.uploadedBy ? html`<span class="uploaded-by">${t('uploaded-by', { who: r.uploadedBy.name || r.uploadedBy.email })}</span>` : null}
      ${r.viaFolder ? html`<span class="via-folder">${t(r.direct ? 'shared-directly-and' : 'shared-through', { folder: r.folderName ?? '' })}</span>` : null}
      ${error ? html`<p class="field-error row-error" role="alert">${error}</p>` : null}
    </td>
    <td data-label=${t('col-contact')} class="share-contact">${r.contactName || byId.get(r.contactId)?.name || r.contactId}</td>
    <td data-label=${t('col-shared')}><${When} at=${r.sharedAt || r.activityAt} /></td>
    <td data-label=${t('col-created')}><${When} at=${r.createdAt} /></td>
    <td data-label=${t('col-opened')} class="share-opened" data-opened=${opened ? 'true' : 'false'}>
      <span class=${`opened-mark ${opened ? 'is-opened' : 'not-opened'}`}>${openedText(r)}</span>
      ${opened && r.lastOpenedAt ? html`<span class="share-last-opened">${t('last')} <${When} at=${r.lastOpenedAt} relative /></span>` : null}
      ${downloadsText(r)
        ? html`<span class=${`share-downloads${limitReached(r) ? ' limit-reached' : ''}`}>${downloadsText(r)}${limitReached(r) ? t('limit-reached') : ''}</span>`
        : null}
    </td>
    <td data-label=${t('col-size')} class="num">${formatSize(r.size)}</td>
    <td data-label=${t('col-actions')} class="row-actions">
      ${r.direct === false
        ? html`<span class="subtle">${t('stop-folder-share')}</span>`
        : html`<button type="button" class="button quiet danger-text" aria-label=${t('stop-sharing-with', { name: r.fileName, contact: r.contactName || r.contactId })} disabled=${stopping} onClick=${() => onStop(r)}>
            ${t('stop-sharing')}
          </button>`}
    </td>
  </tr>`;
}
