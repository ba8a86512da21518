// "Download matter as zip": every available document of the matter, in its folders, made
// into one zip by the service and downloaded through a short-lived link.
import { html, useState } from '../../../vendor/preact-htm.js';
import { formatSize, plural } from '../../common/format.js';
import { startDownload, isFollowableUrl } from '../../common/browser-actions.js';

/** @param {{api: any, matter: {matterId: string, title?: string}, announce: Function}} props */
export function ZipButton({ api, matter, announce }) {
  const [busy, setBusy] = useState(false);

  async function download() {
    setBusy(true);
    announce('Preparing the matter’s documents as one zip…', 'info');
    try {
      const answer = await api.createZip(matter.matterId);
      if (!isFollowableUrl(answer?.url)) throw new Error('The service gave no usable link. Try again.');
      startDownload(document, answer.url);
      announce(`Downloading “${answer.fileName}”: ${plural(answer.entries, 'document')}, ${formatSize(answer.size)}.`, 'success');
    } catch (e) {
      if (e?.status !== 401) announce(`The matter could not be downloaded as one zip: ${e?.serverMessage || e?.message || 'try again'}.`, 'error');
    } finally {
      setBusy(false);
    }
  }

  return html`<button type="button" id="download-matter" class="button secondary" disabled=${busy} aria-busy=${busy ? 'true' : 'false'} onClick=${download}>
    Download matter as zip
  </button>`;
}
