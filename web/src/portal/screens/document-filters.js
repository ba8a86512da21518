// The list's controls: search by file name, filter by matter, sort.
import { html } from '../../../vendor/preact-htm.js';
import { SORT_CHOICES, sortChoiceValue, MAX_QUERY_CHARS } from '../../common/query.js';
import { t } from '../texts.js';

/**
 * @param {{query: any, matters: any[] | null, search: {text: string, setText: Function, submit: Function},
 *   onMatter: (event: Event) => void, onSort: (event: Event) => void}} props
 */
export function DocumentFilters({ query, matters, search, onMatter, onSort }) {
  return html`
    <div class="list-controls">
      <form class="search-form" role="search" onSubmit=${search.submit} aria-label=${t('documents-search-label')}>
        <label for="document-search">${t('search')}</label>
        <input
          id="document-search"
          name="q"
          type="search"
          placeholder=${t('file-name')}
          autocomplete="off"
          maxlength=${MAX_QUERY_CHARS}
          value=${search.text}
          onInput=${(e) => search.setText(e.currentTarget.value)}
        />
        <button type="submit" class="button secondary">${t('search')}</button>
      </form>
      <div class="field">
        <label for="matter-filter">${t('matter')}</label>
        <select id="matter-filter" name="matterId" value=${query.matterId} onChange=${onMatter}>
          <option value="">${t('all-matters')}</option>
          ${(matters ?? []).map((m) => html`<option key=${m.matterId} value=${m.matterId}>${m.title || m.matterId}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="document-sort">${t('sort')}</label>
        <select id="document-sort" name="sort" value=${sortChoiceValue(query)} onChange=${onSort}>
          ${SORT_CHOICES.map((c) => html`<option key=${c.value} value=${c.value}>${t(c.labelKey)}</option>`)}
        </select>
      </div>
    </div>
  `;
}
