// A short list read whole (a matter's contacts, its documents): read again on demand, an
// older answer never replacing a newer one, a failure said in words with the last list kept
// (still null when none was read: a list that failed is not an empty list).
import { t } from '../texts.js';
import { capitalised } from '../format.js';
import { useState, useRef, useCallback } from '../../../vendor/preact-htm.js';
import { latestOnly } from '../query.js';

/**
 * @template T
 * @param {() => Promise<T[]>} load
 * @param {string} what the list in words ("the contacts"), for its error message
 * @returns {{items: T[] | null, error: string, reload: () => Promise<void>}} items: null until
 *   first read
 */
export function useWholeList(load, what) {
  const [items, setItems] = useState(/** @type {T[] | null} */ (null));
  const [error, setError] = useState('');
  const tickets = useRef(latestOnly());
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(async () => {
    const ticket = tickets.current.next();
    setError('');
    try {
      const read = await loadRef.current();
      if (tickets.current.isLatest(ticket)) setItems(read);
    } catch (e) {
      if (/** @type {any} */ (e)?.status === 401 || !tickets.current.isLatest(ticket)) return;
      const said = t('list-load-failed', { what, reason: /** @type {any} */ (e)?.message ?? '' }).trim();
      setError(capitalised(said));
    }
  }, [what]);
  return { items, error, reload };
}
