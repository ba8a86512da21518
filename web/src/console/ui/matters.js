// The matters that have portal settings: search by title or id, pages with More, and a way
// to set one up.
import { html, useState, useEffect, useRef, useCallback } from '../../../vendor/preact-htm.js';
import { latestOnly } from '../../query.js';
import { appendUnique, cleanSearch, ID_PATTERN } from '../staff-query.js';
import { formatDateTime, plural } from '../../format.js';
import { routeHash } from '../routes.js';

const SEARCH_DELAY_MS = 350;

/** @param {{api: any, announce: Function}} props */
export function MattersView({ api, announce }) {
  const [q, setQ] = useState('');
  const [searchText, setSearchText] = useState('');
  const [list, setList] = useState({ items: /** @type {any[]} */ ([]), nextCursor: /** @type {string | null} */ (null), loaded: false });
  const [loading, setLoading] = useState(/** @type {'first' | 'more' | null} */ ('first'));
  const [error, setError] = useState('');
  const tickets = useRef(latestOnly());

  const loadFirst = useCallback(async () => {
    const ticket = tickets.current.next();
    setLoading('first');
    setError('');
    try {
      const page = await api.listMatters({ q });
      if (!tickets.current.isLatest(ticket)) return;
      setList({ items: page.items, nextCursor: page.nextCursor, loaded: true });
    } catch (e) {
      if (!tickets.current.isLatest(ticket) || e?.status === 401) return;
      setError(`The matters could not be loaded. ${e?.message ?? ''}`.trim());
    } finally {
      if (tickets.current.isLatest(ticket)) setLoading(null);
    }
  }, [api, q]);
  useEffect(() => {
    loadFirst();
  }, [loadFirst]);

  const loadMore = useCallback(async () => {
    if (!list.nextCursor) return;
    const ticket = tickets.current.next();
    setLoading('more');
    setError('');
    try {
      const page = await api.listMatters({ q, cursor: list.nextCursor });
      if (!tickets.current.isLatest(ticket)) return;
      const items = appendUnique(list.items, page.items, (m) => m.matterId);
      setList({ items, nextCursor: page.nextCursor, loaded: true });
      announce(`${plural(items.length, 'matter')} shown${page.nextCursor ? '; more are available' : ''}.`);
    } catch (e) {
      if (!tickets.current.isLatest(ticket) || e?.status === 401) return;
      setError(`More matters could not be loaded. ${e?.message ?? ''}`.trim());
    } finally {
      if (tickets.current.isLatest(ticket)) setLoading(null);
    }
  }, [api, q, list, announce]);

  useEffect(() => {
    const next = cleanSearch(searchText);
    if (next === q) return undefined;
    const timer = setTimeout(() => setQ(next), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText, q]);

  function submit(event) {
    event.preventDefault();
    const next = cleanSearch(searchText);
    if (next === q) loadFirst();
    else setQ(next);
  }

  const count = list.items.length;
  return html`
    <section class="console-section panel" aria-labelledby="main-heading">
      <div class="section-head">
        <h1 id="main-heading" tabindex="-1">Matters</h1>
        <a class="button primary" href=${routeHash({ view: 'new', matterId: '' })} id="new-matter-link">Set up a matter</a>
      </div>
      <p class="lede">Matters with portal settings, by title. Open one to manage who has access and what is shared.</p>
      <form class="search-form" role="search" aria-label="Matters" onSubmit=${submit}>
        <label for="matter-search">Search matters</label>
        <input
          id="matter-search"
          type="search"
          placeholder="Title or matter id"
          autocomplete="off"
          maxlength="200"
          value=${searchText}
          onInput=${(e) => setSearchText(e.currentTarget.value)}
        />
        <button type="submit" class="button secondary">Search</button>
      </form>
      ${error
        ? html`<div class="message error" id="matters-error" role="alert">
            <p>${error}</p>
            <button type="button" class="button" onClick=${() => (loading === 'more' ? loadMore() : loadFirst())}>Try again</button>
          </div>`
        : null}
      <p class="list-summary" id="matters-summary">
        ${loading === 'first'
          ? 'Loading matters…'
          : list.loaded
            ? count
              ? `${plural(count, 'matter')}${q ? ` matching “${q}”` : ''}${list.nextCursor ? ' so far; more are available' : ''}`
              : q
                ? `No matters match “${q}”.`
                : 'No matter has portal settings yet. Set one up to start.'
            : ''}
      </p>
      ${list.loaded && !count && loading !== 'first' && ID_PATTERN.test(q)
        ? html`<p id="matters-set-up-hint">
            Not set up yet? <a href=${routeHash({ view: 'new', matterId: q })}>Set up matter ${q}</a>.
          </p>`
        : null}
      ${count
        ? html`<table class="data-table matters-table" id="matters-table" aria-label="Matters" aria-busy=${loading === 'first' ? 'true' : 'false'}>
            <thead>
              <tr>
                <th scope="col">Matter</th>
                <th scope="col">Owner</th>
                <th scope="col" class="num">Contacts</th>
                <th scope="col" class="num">Documents</th>
                <th scope="col">Last activity</th>
              </tr>
            </thead>
            <tbody>
              ${list.items.map(
                (m) => html`<tr key=${m.matterId} data-matter-id=${m.matterId}>
                  <td data-label="Matter">
                    <a class="matter-link" href=${routeHash({ view: 'matter', matterId: m.matterId, section: 'access' })}>${m.title || m.matterId}</a>
                    <span class="subtle matter-id">${m.matterId}</span>
                  </td>
                  <td data-label="Owner">${m.owner?.name || m.owner?.email || ''}</td>
                  <td data-label="Contacts" class="num matter-contacts">${countOf(m.contacts)}</td>
                  <td data-label="Documents" class="num matter-documents">${countOf(m.documents)}</td>
                  <td data-label="Last activity">${formatDateTime(m.lastActivityAt)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : null}
      ${list.nextCursor
        ? html`<p class="more">
            <button type="button" id="matters-more" class="button secondary" onClick=${loadMore} disabled=${loading !== null}>More</button>
          </p>`
        : null}
    </section>
  `;
}

/** The list's counts may come as numbers or as lists. */
function countOf(value) {
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return String(value.length);
  return '';
}
