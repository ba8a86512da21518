// "Download all" and "Download folder": the zip is made and linked at click time, its download
// started, the list read again (each document in it counted as a download), and a failure said
// in words.
import { useState } from '../../../vendor/preact-htm.js';
import { ApiError, MESSAGES } from '../../common/request.js';
import { startDownload, isFollowableUrl } from '../../common/browser-actions.js';
import { zipErrorMessage, zipStartedMessage } from '../../common/zips.js';
import { t } from '../texts.js';

/**
 * @param {{api: any, announce: Function, reload: () => void}} options
 * @returns {{pending: string, download: (matterId: string, folderId: string | null, what: string) => Promise<void>}}
 *   pending: the folder id (or `matter`) whose zip is being made
 */
export function useZipDownload({ api, announce, reload }) {
  const [pending, setPending] = useState('');

  async function download(matterId, folderId, what) {
    setPending(folderId ?? 'matter');
    announce(t('zip-preparing', { what }), 'info');
    try {
      const answer = await api.createZip(matterId, folderId);
      if (!isFollowableUrl(answer?.url)) {
        throw new ApiError({ status: 502, code: 'bad_response', message: MESSAGES.bad_response });
      }
      startDownload(document, answer.url);
      announce(zipStartedMessage(answer), 'success');
      reload();
    } catch (e) {
      if (e?.status === 401) return; // the page signs out and says so
      announce(zipErrorMessage(e, what), 'error');
      if (e?.status === 404 || e?.status === 403) reload();
    } finally {
      setPending('');
    }
  }

  return { pending, download };
}
