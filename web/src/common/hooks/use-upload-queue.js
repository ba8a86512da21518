// The upload queue both faces use: files picked or dropped are checked against the config
// at once; Upload sends the ready ones (two at a time) through the upload job, each with its
// progress, Cancel and outcome; leaving the page while any is in flight asks first.
import { useState, useEffect, useRef, useCallback } from '../../../vendor/preact-htm.js';
import { createUploadJob } from '../uploader.js';
import { createLimiter, PARALLEL_UPLOADS, isFinished, isInFlight, queueFiles } from '../upload-queue.js';
import { useLeaveWarning } from './use-leave-warning.js';

/**
 * @typedef {{key: string, file: File, contentType: string, matterId: string, started: boolean, state: any}} Entry
 */

/**
 * @param {{api: any, config: any, onAnnounce: (text: string, tone?: string) => void,
 *   onState?: (entry: Entry, state: any) => void}} options
 *   api: what the upload job calls (the portal's API, or the console's firm-upload adapter);
 *   onState: each change of a started file
 */
export function useUploadQueue({ api, config, onAnnounce, onState = () => {} }) {
  const [entries, setEntries] = useState(/** @type {Entry[]} */ ([]));
  const jobs = useRef(new Map());
  const limiter = useRef(createLimiter(PARALLEL_UPLOADS));
  const counter = useRef(0);
  const onStateRef = useRef(onState);
  onStateRef.current = onState;

  // Signing out or leaving the view: every job stops.
  useEffect(
    () => () => {
      for (const job of jobs.current.values()) job.dispose();
    },
    [],
  );
  useLeaveWarning(entries.some(isInFlight));

  const update = useCallback((key, patch) => {
    setEntries((current) => current.map((e) => (e.key === key ? { ...e, ...patch } : e)));
  }, []);

  /** Queues files, each checked before any request, and says what was queued or refused. */
  function add(fileList) {
    const files = [...(fileList ?? [])];
    if (files.length === 0) return;
    const { entries: added, announcement } = queueFiles(files, config, () => {
      counter.current += 1;
      return `u${counter.current}`;
    });
    setEntries((current) => [...current, ...added.map((e) => ({ ...e, matterId: '' }))]);
    onAnnounce(announcement.text, announcement.tone);
  }

  /** The files that are checked and not started yet. */
  const ready = () => entries.filter((e) => !e.started && e.state.phase === 'ready');

  /** Starts every ready file into `matterId`; how many started. */
  function start(matterId) {
    const starting = ready();
    const keys = new Set(starting.map((e) => e.key));
    setEntries((current) => current.map((e) => (keys.has(e.key) ? { ...e, started: true, matterId } : e)));
    for (const entry of starting) {
      const job = createUploadJob({
        file: entry.file,
        matterId,
        contentType: entry.contentType,
        api,
        config,
        createXhr: () => new XMLHttpRequest(),
        onChange: (state) => {
          update(entry.key, { state });
          onStateRef.current(entry, state);
        },
      });
      jobs.current.set(entry.key, job);
      limiter.current.run(() => job.start());
    }
    return starting.length;
  }

  function cancel(entry) {
    const job = jobs.current.get(entry.key);
    if (job) job.cancel();
    else update(entry.key, { state: { phase: 'cancelled', message: '' } });
  }

  function remove(entry) {
    jobs.current.get(entry.key)?.dispose();
    jobs.current.delete(entry.key);
    setEntries((current) => current.filter((e) => e.key !== entry.key));
  }

  function clearFinished() {
    setEntries((current) =>
      current.filter((e) => {
        const done = isFinished(e);
        if (done) jobs.current.delete(e.key);
        return !done;
      }),
    );
  }

  return { entries, add, ready, start, cancel, remove, clearFinished, anyFinished: entries.some(isFinished) };
}
