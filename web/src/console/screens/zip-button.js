// "Download matter as zip" (every available document of the matter, in its folders) and a
// folder's "Download as zip": the service makes the zip and links it for a short while.
import { t, currentLanguage } from '../texts.js';
import { capitalised } from '../../common/format.js';
import { html, useState } from '../../../vendor/preact-htm.js';
import { zipStartedMessage } from '../../common/zips.js';
import { startDownload, isFollowableUrl } from '../../common/browser-actions.js';

/**
 * @param {{api: any, matterId: string, folder?: {folderId: string, name: string} | null,
 *   announce: Function}} props without a folder, the whole matter
 */
export function ZipButton({ api, matterId, folder = null, announce }) {
  const [busy, setBusy] = useState(false);
  const what = folder ? t('staff-zip-folder', { folder: folder.name }) : t('staff-zip-matter');

  async function download() {
    setBusy(true);
    announce(t('zip-preparing', { what }), 'info');
    try {
      const answer = await api.createZip(matterId, folder?.folderId ?? null);
      if (!isFollowableUrl(answer?.url)) throw new Error(t('zip-no-link'));
      startDownload(document, answer.url);
      announce(zipStartedMessage(answer), 'success');
    } catch (e) {
      if (e?.status !== 401) {
        // English keeps the service's own detail; another language says what the error means.
        const reason = (currentLanguage() === 'en' && e?.serverMessage) || e?.message || t('try-again-lower');
        const said = t('zip-not-downloaded', { what, reason });
        announce(capitalised(said), 'error');
      }
    } finally {
      setBusy(false);
    }
  }

  return folder
    ? html`<button type="button" class="button quiet" data-zip-folder=${folder.folderId} disabled=${busy} aria-busy=${busy ? 'true' : 'false'} onClick=${download}>
        ${t('download-as-zip')}<span class="visually-hidden"> ${folder.name}</span>
      </button>`
    : html`<button type="button" id="download-matter" class="button secondary" disabled=${busy} aria-busy=${busy ? 'true' : 'false'} onClick=${download}>
        ${t('download-matter-zip')}
      </button>`;
}
