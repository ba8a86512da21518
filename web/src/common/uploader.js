// One file's way into a matter: ask for a presigned PUT, send the bytes with progress, then
// poll the upload until the service attached or rejected it. Cancel works until the bytes are
// sent. No DOM: the API, the XHR factory, the clock and sleep are injected. The queue around
// it (phases, entries, two at a time, the lines shown) is upload-queue.js. Tested in
// test/unit/uploader.test.js.

import { putFile } from './upload.js';
import { sha256Base64 } from './checksum.js';
import { uploadRefusalMessage } from './upload-rules.js';
import { rejectionText } from './upload-rules.js';
import { t } from './texts.js';
import { CANCELLABLE_PHASES } from './upload-queue.js';

/** Waits between polls of the upload's status: quick at first, then every 5 s. */
export const POLL_DELAYS_MS = [500, 1000, 1000, 2000, 2000, 3000];
export const POLL_EVERY_MS = 5000;
/** How long to poll before telling the person the check is still running. */
export const POLL_LIMIT_MS = 3 * 60 * 1000;

/** @param {number} attempt 0-based */
export function pollDelay(attempt) {
  return attempt < POLL_DELAYS_MS.length ? POLL_DELAYS_MS[attempt] : POLL_EVERY_MS;
}

const defaultSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @typedef {object} UploadState
 * @property {string} phase
 * @property {number} loaded bytes sent
 * @property {number} total bytes to send
 * @property {number} fraction 0..1
 * @property {string} message what to tell the person ("" while nothing to say)
 * @property {string | null} uploadId
 * @property {string | null} documentId
 * @property {string} sha256 the file's SHA-256 (base64), once computed
 */

/**
 * @param {object} options
 * @param {{name: string, size: number, type?: string}} options.file
 * @param {string} options.matterId
 * @param {string} options.contentType checked against config already (upload-rules.checkFile)
 * @param {{requestUpload: Function, uploadStatus: Function}} options.api
 * @param {() => XMLHttpRequest} options.createXhr
 * @param {{maxUploadBytes?: number, allowedContentTypes?: string[]}} [options.config]
 * @param {(state: UploadState) => void} [options.onChange]
 * @param {(ms: number) => Promise<void>} [options.sleep]
 * @param {() => number} [options.now]
 * @param {number} [options.pollLimitMs]
 * @param {(file: any) => Promise<string>} [options.digest] the file's SHA-256, base64
 */
export function createUploadJob({
  file,
  matterId,
  contentType,
  api,
  createXhr,
  config = {},
  onChange = () => {},
  sleep = defaultSleep,
  now = Date.now,
  pollLimitMs = POLL_LIMIT_MS,
  digest = sha256Base64,
}) {
  /** @type {UploadState} */
  let state = {
    phase: 'ready',
    loaded: 0,
    total: file.size,
    fraction: 0,
    message: '',
    uploadId: null,
    documentId: null,
    sha256: '',
  };
  let cancelRequested = false;
  let disposed = false;
  /** @type {AbortController | null} */
  let requestAbort = null;
  /** @type {{abort: () => void} | null} */
  let put = null;
  /** @type {Promise<UploadState> | null} */
  let running = null;

  const set = (patch) => {
    state = { ...state, ...patch };
    if (!disposed) onChange(state);
  };
  const cancelledState = () => set({ phase: 'cancelled', message: t('upload-cancelled', { name: file.name }) });

  async function run() {
    if (cancelRequested) {
      cancelledState();
      return state;
    }
    // 1. The checksum, then the presigned PUT signed over it.
    set({ phase: 'requesting', message: '' });
    let checksumSha256;
    try {
      checksumSha256 = await digest(file);
    } catch (error) {
      set({ phase: 'failed', message: t('upload-unreadable', { name: file.name, reason: error?.message ?? '' }).trim() });
      return state;
    }
    if (cancelRequested) {
      cancelledState();
      return state;
    }
    set({ sha256: checksumSha256 });
    let intent;
    requestAbort = typeof AbortController === 'function' ? new AbortController() : null;
    try {
      intent = await api.requestUpload(
        matterId,
        { fileName: file.name, contentType, size: file.size, checksumSha256 },
        { signal: requestAbort?.signal },
      );
    } catch (error) {
      if (cancelRequested || error?.name === 'AbortError') {
        cancelledState();
      } else {
        set({ phase: 'failed', message: uploadRefusalMessage(error, file, config) });
      }
      return state;
    }
    requestAbort = null;
    if (cancelRequested) {
      cancelledState();
      return state;
    }
    if (!intent || typeof intent.url !== 'string' || typeof intent.uploadId !== 'string') {
      set({ phase: 'failed', message: t('upload-incomplete', { name: file.name }) });
      return state;
    }

    // 2. The bytes.
    set({ phase: 'uploading', uploadId: intent.uploadId, loaded: 0, fraction: 0 });
    put = putFile({
      url: intent.url,
      method: intent.method || 'PUT',
      headers: intent.headers ?? { 'content-type': contentType },
      body: /** @type {any} */ (file),
      createXhr,
      onProgress: ({ loaded, total, fraction }) => set({ loaded, total: total || file.size, fraction }),
    });
    try {
      await put.promise;
    } catch (error) {
      put = null;
      if (error?.code === 'cancelled' || cancelRequested) cancelledState();
      else set({ phase: 'failed', message: t('upload-failed', { name: file.name, reason: error?.message ?? '' }).trim() });
      return state;
    }
    put = null;

    // 3. The service's checks.
    set({
      phase: 'processing',
      loaded: file.size,
      fraction: 1,
      message: t('upload-sent-checking', { name: file.name }),
    });
    const deadline = now() + pollLimitMs;
    for (let attempt = 0; !disposed; attempt += 1) {
      await sleep(pollDelay(attempt));
      if (disposed) break;
      let status;
      try {
        status = await api.uploadStatus(matterId, intent.uploadId);
      } catch (error) {
        if (error?.status === 401) {
          set({ phase: 'failed', message: t('upload-signed-out', { name: file.name }) });
          return state;
        }
        if (error?.status === 404 || error?.status === 403) {
          // No status to read (the route is missing, or access ended): say what is known.
          set({ phase: 'unconfirmed', message: unconfirmedMessage(file) });
          return state;
        }
        // Network trouble, throttling or a 5xx: try again until the deadline.
        status = null;
      }
      if (status?.status === 'attached') {
        set({
          phase: 'attached',
          documentId: status.documentId || intent.uploadId,
          message: t('upload-done', { name: file.name }),
        });
        return state;
      }
      if (status?.status === 'rejected') {
        const reason = status.rejectionReason ? rejectionText(status.rejectionReason) : '';
        set({ phase: 'rejected', message: t('upload-rejected', { name: file.name, reason }).trim() });
        return state;
      }
      if (now() >= deadline) {
        set({ phase: 'unconfirmed', message: unconfirmedMessage(file) });
        return state;
      }
    }
    return state;
  }

  return {
    file,
    matterId,
    get state() {
      return state;
    },
    /** Runs the job once; resolves with its final state (never rejects). */
    start() {
      if (!running) running = run();
      return running;
    },
    /** Cancels before the bytes are sent; false when it is too late. */
    cancel() {
      if (!CANCELLABLE_PHASES.has(state.phase)) return false;
      cancelRequested = true;
      if (state.phase === 'ready' && !running) cancelledState();
      requestAbort?.abort();
      put?.abort();
      return true;
    },
    /** Stops polling and reporting (the page is signing out or going away). */
    dispose() {
      disposed = true;
      requestAbort?.abort();
      put?.abort();
    },
  };
}

function unconfirmedMessage(file) {
  return t('upload-unconfirmed', { name: file.name });
}
