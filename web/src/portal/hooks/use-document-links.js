// Opening and downloading a document: the link is minted at click time (a view-only PDF's
// is to its stamped copy); Open sends a tab opened inside the click to it, Download saves
// it; the list learns the document is no longer new (or that its downloads are used up),
// and a failure is said in words.
import { useState } from '../../../vendor/preact-htm.js';
import { ApiError, MESSAGES } from '../../common/request.js';
import { openBlankTab, navigateTab, closeTab, startDownload, isFollowableUrl } from '../../common/browser-actions.js';
import { afterLinkTaken, afterLimitReached, isDownloadLimitError, isStampedCopyRequired, opensStamped } from '../document-marks.js';
import { linkErrorMessage } from '../api.js';
import { t } from '../texts.js';

/**
 * @param {{api: any, announce: Function, setItems: (change: (items: any[]) => any[]) => void, reload: () => void, onTaken?: () => void}} options
 * @returns {{pending: string, open: (doc: any) => Promise<void>, download: (doc: any) => Promise<void>}}
 *   pending: `<documentId>:view` or `:download` while that link is being minted
 */
export function useDocumentLinks({ api, announce, setItems, reload, onTaken = () => {} }) {
  const [pending, setPending] = useState('');

  async function viewLink(doc) {
    if (opensStamped(doc)) return api.createStampedLink(doc.documentId);
    try {
      return await api.createLink(doc.documentId, 'view');
    } catch (e) {
      if (isStampedCopyRequired(e)) return api.createStampedLink(doc.documentId);
      throw e;
    }
  }

  async function link(doc, disposition) {
    const answer = disposition === 'view' ? await viewLink(doc) : await api.createLink(doc.documentId, disposition);
    if (!isFollowableUrl(answer?.url)) {
      throw new ApiError({ status: 502, code: 'bad_response', message: MESSAGES.bad_response });
    }
    // Taken: the document is no longer new here (and the service says so on the next load).
    setItems((items) => afterLinkTaken(items, doc.documentId, disposition));
    onTaken();
    return answer.url;
  }

  function failed(e, doc, disposition) {
    if (e?.status === 401) return; // the page signs out and says so
    announce(linkErrorMessage(e, doc, disposition), 'error');
    if (isDownloadLimitError(e)) setItems((items) => afterLimitReached(items, doc.documentId));
    if (e?.status === 404) reload();
  }

  async function open(doc) {
    // The tab opens inside the click; its address follows once the link is minted.
    const opening = opensStamped(doc) ? 'opening-stamped-tab' : 'opening-tab';
    const tab = openBlankTab(window, t(opening, { name: doc.fileName }));
    setPending(`${doc.documentId}:view`);
    try {
      const url = await link(doc, 'view');
      if (tab) {
        navigateTab(tab, url);
        announce(t('opened-tab', { name: doc.fileName }), 'success');
      } else {
        announce(t('tab-blocked'), 'info', { href: url, label: t('open-named', { name: doc.fileName }) });
      }
    } catch (e) {
      closeTab(tab);
      failed(e, doc, 'view');
    } finally {
      setPending('');
    }
  }

  async function download(doc) {
    setPending(`${doc.documentId}:download`);
    try {
      const url = await link(doc, 'download');
      startDownload(document, url);
      announce(t('downloading', { name: doc.fileName }), 'success');
    } catch (e) {
      failed(e, doc, 'download');
    } finally {
      setPending('');
    }
  }

  return { pending, open, download };
}
