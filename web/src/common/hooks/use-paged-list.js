// One list read a page at a time: the first page whenever what it lists changes, then "More".
// An answer that arrives after a newer request is dropped; a 401 is left to the sign-in
// handling (the page signs out and says so); any other failure becomes `error`, with which
// read to try again.
import { useState, useRef, useCallback, useEffect } from '../../../vendor/preact-htm.js';
import { latestOnly, appendUnique } from '../query.js';
import { t } from '../texts.js';
import { capitalised } from '../format.js';

/**
 * @template T
 * @typedef {{items: T[], nextCursor: string | null}} Page
 */

/**
 * @template T
 * @param {(cursor: string | null) => Promise<Page<T>>} load reads one page
 * @param {unknown[]} deps what the list shows: a change reads the first page again
 * @param {{what: string, keyOf?: (item: T) => string}} options what the list is, in words
 *   ("your documents"), for its error messages; how its items are told apart
 */
export function usePagedList(load, deps, { what, keyOf }) {
  const [list, setList] = useState({ items: /** @type {T[]} */ ([]), nextCursor: /** @type {string | null} */ (null), loaded: false });
  const [loading, setLoading] = useState(/** @type {'first' | 'more' | null} */ ('first'));
  const [error, setError] = useState({ text: '', retry: /** @type {'first' | 'more'} */ ('first') });
  const tickets = useRef(latestOnly());
  const loadRef = useRef(load);
  loadRef.current = load;
  const listRef = useRef(list);
  listRef.current = list;

  /** Reads one page; its answer, or null when it failed or a newer read overtook it. */
  const read = useCallback(
    async (kind) => {
      const ticket = tickets.current.next();
      const cursor = kind === 'more' ? listRef.current.nextCursor : null;
      setLoading(kind);
      setError({ text: '', retry: kind });
      try {
        const page = await loadRef.current(cursor);
        if (!tickets.current.isLatest(ticket)) return null;
        const before = kind === 'more' ? listRef.current.items : [];
        const items = kind === 'more' ? appendUnique(before, page.items, keyOf) : page.items;
        setList({ items, nextCursor: page.nextCursor, loaded: true });
        return { page, items, added: items.length - before.length, first: before.length };
      } catch (e) {
        if (!tickets.current.isLatest(ticket) || /** @type {any} */ (e)?.status === 401) return null;
        const reason = /** @type {any} */ (e)?.message ?? '';
        const said = t(kind === 'more' ? 'list-more-failed' : 'list-load-failed', { what, reason });
        setError({ text: capitalised(said.trim()), retry: kind });
        return null;
      } finally {
        if (tickets.current.isLatest(ticket)) setLoading(null);
      }
    },
    [what, keyOf],
  );

  const reload = useCallback(() => read('first'), [read]);
  const loadMore = useCallback(() => (listRef.current.nextCursor ? read('more') : Promise.resolve(null)), [read]);
  const retry = useCallback(() => read(error.retry), [read, error.retry]);

  useEffect(() => {
    reload();
  }, deps);

  /** Changes the shown items in place (a row removed, a mark cleared). */
  const setItems = useCallback((change) => setList((current) => ({ ...current, items: change(current.items) })), []);

  return { ...list, hasMore: !!list.nextCursor, loading, error: error.text, reload, loadMore, retry, setItems };
}

