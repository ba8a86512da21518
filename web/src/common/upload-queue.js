// The upload queue's rules, apart from any one file's job (uploader.js): the phases a file
// goes through, picked files checked into entries, two sent at a time, and the line and
// percentage each shows. No DOM. Tested in test/unit/uploader.test.js.
import { checkFile } from './upload-rules.js';
import { t } from './texts.js';

/**
 * Phases, in order:
 *   ready -> requesting -> uploading -> processing -> attached | rejected | unconfirmed
 * and from any phase before processing: failed | cancelled.
 */
export const DONE_PHASES = new Set(['attached', 'rejected', 'unconfirmed', 'failed', 'cancelled']);
export const CANCELLABLE_PHASES = new Set(['ready', 'requesting', 'uploading']);
/** Phases during which a file's progress bar shows. */
export const PROGRESS_PHASES = new Set(['requesting', 'uploading', 'processing']);
/** Files sent at once; the rest wait their turn (their links are minted when they start). */
export const PARALLEL_UPLOADS = 2;

/** Nothing more will happen to a queued file: refused before sending, or its job ended. */
export function isFinished(entry) {
  return entry.state.phase === 'invalid' || DONE_PHASES.has(entry.state.phase);
}

/** Started and not ended: leaving the page now would lose it. */
export function isInFlight(entry) {
  return entry.started && !DONE_PHASES.has(entry.state.phase);
}

/**
 * Picked files as queue entries, each checked against the config before any request, and
 * what to tell the person about them.
 * @param {File[]} files
 * @param {{maxUploadBytes: number, allowedContentTypes: string[]}} config
 * @param {() => string} nextKey a new key per entry
 */
export function queueFiles(files, config, nextKey) {
  const entries = files.map((file) => {
    const check = checkFile(file, config);
    return {
      key: nextKey(),
      file,
      started: false,
      contentType: check.ok ? check.contentType : '',
      state: check.ok ? { phase: 'ready', message: '' } : { phase: 'invalid', message: check.message },
    };
  });
  const refused = entries.filter((e) => e.state.phase === 'invalid');
  const ready = entries.length - refused.length;
  const parts = [ready ? t('files-ready', { count: ready }) : '', ...refused.map((e) => e.state.message)];
  return {
    entries,
    announcement: { text: parts.filter(Boolean).join(' '), tone: refused.length ? 'error' : 'info' },
  };
}

/**
 * Runs at most `limit` tasks at once, in the order given.
 * @param {number} limit
 */
export function createLimiter(limit) {
  let active = 0;
  /** @type {(() => void)[]} */
  const waiting = [];
  const next = () => {
    if (active >= limit || waiting.length === 0) return;
    active += 1;
    const start = /** @type {() => void} */ (waiting.shift());
    start();
  };
  return {
    /**
     * @template T
     * @param {() => Promise<T>} task
     * @returns {Promise<T>}
     */
    run(task) {
      return new Promise((resolve, reject) => {
        waiting.push(() => {
          Promise.resolve()
            .then(task)
            .then(resolve, reject)
            .finally(() => {
              active -= 1;
              next();
            });
        });
        next();
      });
    },
    get active() {
      return active;
    },
    get waiting() {
      return waiting.length;
    },
  };
}

/**
 * The line shown under a file in the upload list.
 * @param {{phase: string, loaded?: number, total?: number, message?: string}} state
 * @param {{started?: boolean, formatSize?: (n: number) => string}} [options]
 */
export function uploadStatusText(state, { started = false, formatSize = (n) => `${n} bytes` } = {}) {
  switch (state.phase) {
    case 'invalid':
      return state.message ?? '';
    case 'ready':
      return started ? t('upload-waiting') : t('upload-ready');
    case 'requesting':
      return t('upload-preparing');
    case 'uploading':
      return t('upload-progress', { loaded: formatSize(state.loaded ?? 0), total: formatSize(state.total ?? 0) });
    case 'processing':
      return t('upload-checking');
    case 'attached':
      return t('upload-attached');
    case 'cancelled':
      return t('upload-cancelled-short');
    default:
      return state.message ?? '';
  }
}

/** The progress a file shows as a whole percentage (checking counts as sent). */
export function uploadPercent(state) {
  if (state.phase === 'processing' || state.phase === 'attached') return 100;
  if (state.phase !== 'uploading') return 0;
  return Math.max(0, Math.min(100, Math.floor((state.fraction ?? 0) * 100)));
}
