// One document of the matter: name (a contact's upload with the upload icon and who uploaded
// it) with its version and SHA-256 and its folder (a move), type, status (with a rejection's
// reason), author, size, created, its readers; its versions (and a new one), Delete.
import { t } from '../texts.js';
import { rejectionText } from '../../common/upload-rules.js';
import { html } from '../../../vendor/preact-htm.js';
import { formatSize, kindOf } from '../../common/format.js';
import { When } from '../../common/screens/when.js';
import { documentStatusLabel, originLabel } from '../sections.js';
import { ReadersDisclosure } from './readers.js';
import { UploadIcon } from './upload-icon.js';
import { VersionsDisclosure } from './document-versions.js';
import { shortChecksum } from '../../common/checksum.js';

/**
 * @param {{doc: any, api: any, config: any, matterId: string, announce: Function, onChanged: () => void,
 *   folders: any[], onMove: (folderId: string | null) => void, onDelete: () => void}} props
 */
export function DocumentRow({ doc: d, api, config, matterId, announce, onChanged, folders, onMove, onDelete }) {
  const nameId = `document-name-${d.documentId}`;
  const portal = d.origin === 'portal';
  return html`
    <tr data-document-id=${d.documentId} data-status=${d.status} data-origin=${d.origin}>
      <td data-label=${t('col-name')}>
        <span class="doc-name-cell">
          ${portal ? html`<${UploadIcon} />` : null}
          <span class="doc-file-name" id=${nameId}>${d.fileName}</span>
        </span>
        ${portal && d.uploadedBy
          ? html`<span class="uploaded-by">${t('uploaded-by', { who: d.uploadedBy.name || d.uploadedBy.email })}</span>`
          : null}
        ${d.sha256
          ? html`<span class="checksum">${(d.version ?? 1) > 1 ? t('version-dot', { version: String(d.version) }) : ''}SHA-256 <code title=${d.sha256}>${shortChecksum(d.sha256)}</code></span>`
          : null}
        ${d.status === 'available' && folders.length
          ? html`<label class="doc-folder-move">
              <span class="visually-hidden">${t('folder-of', { name: d.fileName })}</span>
              <select data-move-for=${d.documentId} value=${d.folderId ?? ''} onChange=${(e) => onMove(e.currentTarget.value || null)}>
                <option value="">${t('no-folder')}</option>
                ${folders.map((f) => html`<option key=${f.folderId} value=${f.folderId}>${f.name}</option>`)}
              </select>
            </label>`
          : null}
        ${d.status === 'available'
          ? html`<${VersionsDisclosure} api=${api} config=${config} matterId=${matterId} doc=${d} announce=${announce} onChanged=${onChanged} />`
          : null}
      </td>
      <td data-label=${t('col-type')}><span class="origin">${originLabel(d.origin)}</span> <span class="subtle">${kindOf(d.contentType)}</span></td>
      <td data-label=${t('col-status')}>
        <span class=${`status status-${d.status}`}>${documentStatusLabel(d.status)}</span>
        ${d.status === 'rejected' && d.rejectionReason ? html`<span class="rejection-reason">${rejectionText(d.rejectionReason)}</span>` : null}
      </td>
      <td data-label=${t('col-author')} class="author">${d.author?.name || d.author?.email || ''}</td>
      <td data-label=${t('col-size')} class="num">${formatSize(d.size)}</td>
      <td data-label=${t('col-created')}><${When} at=${d.createdAt} /></td>
      <td data-label=${t('col-readers')} class="readers-cell">
        ${d.status === 'available' ? html`<${ReadersDisclosure} api=${api} matterId=${matterId} doc=${d} />` : html`<span class="subtle">—</span>`}
      </td>
      <td data-label=${t('col-actions')} class="row-actions">
        ${d.status === 'deleting'
          ? html`<span class="subtle">${t('deleting')}</span>`
          : html`<button type="button" class="button quiet danger-text" aria-describedby=${nameId} onClick=${onDelete}>${t('delete')}</button>`}
      </td>
    </tr>
  `;
}
