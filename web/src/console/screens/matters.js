// The matters that have portal settings: search by title or id, pages with More, and a way
// to set one up.
import { html, useState } from '../../../vendor/preact-htm.js';
import { cleanSearch, ID_PATTERN } from '../staff-query.js';
import { plural } from '../../common/format.js';
import { usePagedList } from '../../common/hooks/use-paged-list.js';
import { useSearchText } from '../../common/hooks/use-search-text.js';
import { routeHash } from '../routes.js';
import { MattersTable } from './matters-table.js';

/** What the list says above its rows. */
function summaryText(list, q) {
  if (list.loading === 'first') return 'Loading matters…';
  if (!list.loaded) return '';
  const count = list.items.length;
  if (count) return `${plural(count, 'matter')}${q ? ` matching “${q}”` : ''}${list.hasMore ? ' so far; more are available' : ''}`;
  return q ? `No matters match “${q}”.` : 'No matter has portal settings yet. Set one up to start.';
}

/** @param {{api: any, announce: Function}} props */
export function MattersView({ api, announce }) {
  const [q, setQ] = useState('');
  const list = usePagedList((cursor) => api.listMatters({ q, cursor }), [api, q], { what: 'the matters', keyOf: (m) => m.matterId });
  const search = useSearchText(q, (next) => (next === q ? list.reload() : setQ(next)), cleanSearch);

  async function loadMore() {
    const read = await list.loadMore();
    if (read) announce(`${plural(read.items.length, 'matter')} shown${read.page.nextCursor ? '; more are available' : ''}.`);
  }

  const count = list.items.length;
  return html`
    <section class="console-section panel" aria-labelledby="main-heading">
      <div class="section-head">
        <h1 id="main-heading" tabindex="-1">Matters</h1>
        <a class="button primary" href=${routeHash({ view: 'new', matterId: '' })} id="new-matter-link">Set up a matter</a>
      </div>
      <p class="lede">Matters with portal settings, by title. Open one to manage who has access and what is shared.</p>
      <form class="search-form" role="search" aria-label="Matters" onSubmit=${search.submit}>
        <label for="matter-search">Search matters</label>
        <input
          id="matter-search"
          type="search"
          placeholder="Title or matter id"
          autocomplete="off"
          maxlength="200"
          value=${search.text}
          onInput=${(e) => search.setText(e.currentTarget.value)}
        />
        <button type="submit" class="button secondary">Search</button>
      </form>
      ${list.error
        ? html`<div class="message error" id="matters-error" role="alert">
            <p>${list.error}</p>
            <button type="button" class="button" onClick=${list.retry}>Try again</button>
          </div>`
        : null}
      <p class="list-summary" id="matters-summary">${summaryText(list, q)}</p>
      ${list.loaded && !count && list.loading !== 'first' && ID_PATTERN.test(q)
        ? html`<p id="matters-set-up-hint">Not set up yet? <a href=${routeHash({ view: 'new', matterId: q })}>Set up matter ${q}</a>.</p>`
        : null}
      ${count ? html`<${MattersTable} matters=${list.items} busy=${list.loading === 'first'} />` : null}
      ${list.hasMore
        ? html`<p class="more">
            <button type="button" id="matters-more" class="button secondary" onClick=${loadMore} disabled=${list.loading !== null}>More</button>
          </p>`
        : null}
    </section>
  `;
}
