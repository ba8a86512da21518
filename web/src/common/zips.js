// Downloading a matter's or a folder's documents as one zip: when the portal offers it, and
// what either face says of it. No DOM here (test/unit/zips.test.js).
import { formatSize } from './format.js';
import { t } from './texts.js';
import { MESSAGES, sentence } from './request.js';

/**
 * Whether "Download all" makes sense for these rows: the contact may download on the matter
 * and at least one row is theirs to download.
 * @param {{canDownload?: boolean} | undefined} matter
 * @param {{canDownload?: boolean, downloadsLeft?: number | null}[]} items
 */
export function offersZip(matter, items) {
  return !!matter?.canDownload && items.some((d) => d.canDownload && d.downloadsLeft !== 0);
}

/** What the page says once the zip's download has started. */
export function zipStartedMessage(answer) {
  const count = Number(answer?.entries) || 0;
  return t('zip-started', { file: answer?.fileName ?? 'documents.zip', count, size: formatSize(Number(answer?.size) || 0) });
}

/**
 * The message for a zip that could not be made.
 * @param {any} error
 * @param {string} what "the documents of Estate of Ada" or "the folder Pleadings"
 */
export function zipErrorMessage(error, what) {
  const server = String(error?.serverMessage ?? '');
  if (error?.status === 403 && /download limit/i.test(server)) {
    return t('zip-limit', { what, serverDetail: server });
  }
  if (error?.status === 403) return t('zip-view-only', { what });
  if (error?.status === 413) return sentence(t('zip-too-large', { what, serverDetail: server }));
  if (error?.status === 404) return t('zip-gone', { what });
  return t('zip-failed', { what, reason: error?.message || MESSAGES.unknown });
}
