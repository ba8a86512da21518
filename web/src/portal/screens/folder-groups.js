// One matter's documents under their folders' headings, each folder downloadable as one zip.
import { html } from '../../../vendor/preact-htm.js';
import { groupByFolder } from '../folder-groups.js';
import { offersZip } from '../../common/zips.js';
import { t } from '../texts.js';

/**
 * @param {{items: any[], item: (doc: any) => any, matterId: string,
 *   zips: {pending: string, download: Function} | null}} props zips: null when the contact may not download here
 */
export function FolderGroups({ items, item, matterId, zips }) {
  return groupByFolder(items).map(
    (group) => html`<li class="folder-group" key=${group.folderId ?? 'none'} data-folder-id=${group.folderId ?? ''}>
      <div class="folder-heading-row">
        <h3 class="folder-heading">${group.folderId ? group.folderName : t('not-in-folder')}</h3>
        ${zips && group.folderId && offersZip({ canDownload: true }, group.items)
          ? html`<button type="button" class="button secondary" data-zip-folder=${group.folderId} disabled=${!!zips.pending}
              aria-busy=${zips.pending === group.folderId ? 'true' : 'false'}
              onClick=${() => zips.download(matterId, group.folderId, t('zip-what-folder', { folder: group.folderName }))}>${t('download-folder')}<span class="visually-hidden"> ${group.folderName}</span></button>`
          : null}
      </div>
      <ul class="doc-list">${group.items.map(item)}</ul>
    </li>`,
  );
}
