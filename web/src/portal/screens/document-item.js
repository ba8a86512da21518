// One document of the list: its name, matter, kind, size, SHA-256 and dates; "New" until
// opened, "Updated" when a newer version came since, "Uploaded by you" for mine, "View
// only"; Open, and Download where allowed (both always the latest version).
import { html } from '../../../vendor/preact-htm.js';
import { formatDateTime, formatSize, kindOf } from '../../common/format.js';
import { When } from '../../common/screens/when.js';
import { isNewDocument, isUpdatedDocument, downloadsLeftOf, downloadsLeftText } from '../document-marks.js';
import { shortChecksum } from '../../common/checksum.js';
import { t } from '../texts.js';

/**
 * @param {{doc: any, matterTitle: string, pending: string, grouped?: boolean, onOpen: (doc: any) => void, onDownload: (doc: any) => void}} props
 *   grouped: under its folder's heading already
 */
export function DocumentItem({ doc, matterTitle, pending, grouped = false, onOpen, onDownload }) {
  const nameId = `doc-name-${doc.documentId}`;
  const mine = doc.uploadedByMe === true;
  const busyView = pending === `${doc.documentId}:view`;
  const busyDownload = pending === `${doc.documentId}:download`;
  const activity = formatDateTime(doc.activityAt);
  const created = formatDateTime(doc.createdAt);
  const fresh = isNewDocument(doc);
  const updated = isUpdatedDocument(doc);
  const left = downloadsLeftOf(doc);
  const canDownloadNow = doc.canDownload && left !== 0;
  return html`
    <li
      class=${`doc${mine ? ' mine' : ''}${fresh || updated ? ' is-new' : ''}`}
      data-document-id=${doc.documentId}
      data-mine=${mine ? 'true' : 'false'}
      data-new=${fresh ? 'true' : 'false'}
      data-updated=${updated ? 'true' : 'false'}
    >
      <div class="doc-main">
        <p class="doc-name">
          ${fresh ? html`<span class="badge new-badge">${t('badge-new')}<span class="visually-hidden">${t('not-opened-yet')}</span></span> ` : null}
          ${updated ? html`<span class="badge new-badge">${t('badge-updated')}<span class="visually-hidden">${t('updated-since')}</span></span> ` : null}
          <span id=${nameId} class="doc-file-name">${doc.fileName}</span>
          ${mine ? html` <span class="badge mine-badge">${t('uploaded-by-you')}</span>` : null}
          ${doc.canDownload ? null : html` <span class="badge view-only">${t('view-only')}</span>`}
        </p>
        <p class="doc-meta">
          <span class="doc-matter"><span class="visually-hidden">${t('matter-label')}</span>${matterTitle}</span>
          ${doc.folderName && !grouped ? html`<span class="doc-folder">${t('folder-label', { folder: doc.folderName })}</span>` : null}
          <span class="doc-kind">${kindOf(doc.contentType)}</span>
          <span class="doc-size">${formatSize(doc.size)}</span>
          ${(doc.version ?? 1) > 1 ? html`<span class="doc-version">${t('version-label', { version: String(doc.version) })}</span>` : null}
          ${doc.sha256 ? html`<span class="checksum">SHA-256 <code title=${doc.sha256}>${shortChecksum(doc.sha256)}</code></span>` : null}
          ${doc.canDownload && left !== null
            ? html`<span class=${`doc-downloads-left${left === 0 ? ' none-left' : ''}`}>${downloadsLeftText(doc)}</span>`
            : null}
        </p>
        <p class="doc-dates">
          ${activity
            ? html`<span class="doc-activity">${mine ? t('uploaded') : t('shared')} <${When} at=${doc.activityAt} /></span>`
            : null}
          ${created && created !== activity
            ? html`<span class="doc-created">${t('created')} <${When} at=${doc.createdAt} /></span>`
            : null}
        </p>
      </div>
      <div class="doc-actions">
        <button type="button" class="button" aria-describedby=${nameId} onClick=${() => onOpen(doc)} aria-busy=${busyView ? 'true' : 'false'}>
          ${t('open')}
        </button>
        ${canDownloadNow
          ? html`<button
              type="button"
              class="button secondary"
              aria-describedby=${nameId}
              onClick=${() => onDownload(doc)}
              disabled=${busyDownload}
              aria-busy=${busyDownload ? 'true' : 'false'}
            >
              ${t('download')}
            </button>`
          : null}
      </div>
    </li>
  `;
}
