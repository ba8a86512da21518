// The matters that have portal settings: search by title or id, pages with More, and a way
// to set one up.
import { t } from '../texts.js';
import { html, useState } from '../../../vendor/preact-htm.js';
import { cleanSearch, ID_PATTERN } from '../staff-query.js';
import { usePagedList } from '../../common/hooks/use-paged-list.js';
import { useSearchText } from '../../common/hooks/use-search-text.js';
import { routeHash } from '../routes.js';
import { MattersTable } from './matters-table.js';

/** What the list says above its rows. */
function summaryText(list, q) {
  if (list.loading === 'first') return t('loading-matters');
  if (!list.loaded) return '';
  const count = list.items.length;
  if (count) return t('matters-count', { count }) + (q ? t('matching', { q }) : '') + (list.hasMore ? t('list-so-far') : '');
  return q ? t('no-matters-match', { q }) : t('no-matters');
}

/** @param {{api: any, announce: Function}} props */
export function MattersView({ api, announce }) {
  const [q, setQ] = useState('');
  const list = usePagedList((cursor) => api.listMatters({ q, cursor }), [api, q], { what: t('what-matters'), keyOf: (m) => m.matterId });
  const search = useSearchText(q, (next) => (next === q ? list.reload() : setQ(next)), cleanSearch);

  async function loadMore() {
    const read = await list.loadMore();
    if (read) announce(`${t('matters-shown', { count: read.items.length })}${read.page.nextCursor ? t('more-available') : ''}.`);
  }

  const count = list.items.length;
  return html`
    <section class="console-section panel" aria-labelledby="main-heading">
      <div class="section-head">
        <h1 id="main-heading" tabindex="-1">${t('nav-matters')}</h1>
        <a class="button primary" href=${routeHash({ view: 'new', matterId: '' })} id="new-matter-link">${t('nav-new')}</a>
      </div>
      <p class="lede">${t('matters-lede')}</p>
      <form class="search-form" role="search" aria-label=${t('nav-matters')} onSubmit=${search.submit}>
        <label for="matter-search">${t('search-matters')}</label>
        <input
          id="matter-search"
          type="search"
          placeholder=${t('title-or-id')}
          autocomplete="off"
          maxlength="200"
          value=${search.text}
          onInput=${(e) => search.setText(e.currentTarget.value)}
        />
        <button type="submit" class="button secondary">${t('search')}</button>
      </form>
      ${list.error
        ? html`<div class="message error" id="matters-error" role="alert">
            <p>${list.error}</p>
            <button type="button" class="button" onClick=${list.retry}>${t('try-again')}</button>
          </div>`
        : null}
      <p class="list-summary" id="matters-summary">${summaryText(list, q)}</p>
      ${list.loaded && !count && list.loading !== 'first' && ID_PATTERN.test(q)
        ? html`<p id="matters-set-up-hint">${t('not-set-up-yet')} <a href=${routeHash({ view: 'new', matterId: q })}>${t('set-up-matter', { id: q })}</a>.</p>`
        : null}
      ${count ? html`<${MattersTable} matters=${list.items} busy=${list.loading === 'first'} />` : null}
      ${list.hasMore
        ? html`<p class="more">
            <button type="button" id="matters-more" class="button secondary" onClick=${loadMore} disabled=${list.loading !== null}>${t('more')}</button>
          </p>`
        : null}
    </section>
  `;
}
