// "Download matter as zip" (every available document of the matter, in its folders) and a
// folder's "Download as zip": the service makes the zip and links it for a short while.
import { html, useState } from '../../../vendor/preact-htm.js';
import { zipStartedMessage } from '../../common/zips.js';
import { startDownload, isFollowableUrl } from '../../common/browser-actions.js';

/**
 * @param {{api: any, matterId: string, folder?: {folderId: string, name: string} | null,
 *   announce: Function}} props without a folder, the whole matter
 */
export function ZipButton({ api, matterId, folder = null, announce }) {
  const [busy, setBusy] = useState(false);
  const what = folder ? `the folder “${folder.name}”` : 'the matter’s documents';

  async function download() {
    setBusy(true);
    announce(`Preparing ${what} as one zip…`, 'info');
    try {
      const answer = await api.createZip(matterId, folder?.folderId ?? null);
      if (!isFollowableUrl(answer?.url)) throw new Error('The service gave no usable link. Try again.');
      startDownload(document, answer.url);
      announce(zipStartedMessage(answer), 'success');
    } catch (e) {
      if (e?.status !== 401) announce(`${what[0].toUpperCase()}${what.slice(1)} could not be downloaded as one zip: ${e?.serverMessage || e?.message || 'try again'}.`, 'error');
    } finally {
      setBusy(false);
    }
  }

  return folder
    ? html`<button type="button" class="button quiet" data-zip-folder=${folder.folderId} disabled=${busy} aria-busy=${busy ? 'true' : 'false'} onClick=${download}>
        Download as zip<span class="visually-hidden"> ${folder.name}</span>
      </button>`
    : html`<button type="button" id="download-matter" class="button secondary" disabled=${busy} aria-busy=${busy ? 'true' : 'false'} onClick=${download}>
        Download matter as zip
      </button>`;
}
