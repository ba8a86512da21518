// Downloading a matter's or a folder's documents as one zip: when the portal offers it, and
// what either face says of it. No DOM here (test/unit/zips.test.js).
import { formatSize, plural } from './format.js';
import { MESSAGES } from './request.js';

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
  return `Downloading “${answer?.fileName ?? 'documents.zip'}”: ${plural(count, 'document')}, ${formatSize(Number(answer?.size) || 0)}.`;
}

/**
 * The message for a zip that could not be made.
 * @param {any} error
 * @param {string} what "the documents of Estate of Ada" or "the folder Pleadings"
 */
export function zipErrorMessage(error, what) {
  const server = String(error?.serverMessage ?? '');
  if (error?.status === 403 && /download limit/i.test(server)) {
    return `Couldn't download ${what} as one zip: ${server}.`;
  }
  if (error?.status === 403) return `You can view ${what} but not download them. Ask the firm if you need copies.`;
  if (error?.status === 413) return `${what[0].toUpperCase()}${what.slice(1)} are too large for one zip: ${server}.`;
  if (error?.status === 404) return `There is nothing of ${what} to download any more. The list has been refreshed.`;
  return `Couldn't download ${what}: ${error?.message || MESSAGES.unknown}`;
}
