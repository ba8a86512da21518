// The list's controls: search by file name, filter by matter, sort.
import { html } from '../../../vendor/preact-htm.js';
import { SORT_CHOICES, sortChoiceValue, MAX_QUERY_CHARS } from '../../common/query.js';

/**
 * @param {{query: any, matters: any[] | null, search: {text: string, setText: Function, submit: Function},
 *   onMatter: (event: Event) => void, onSort: (event: Event) => void}} props
 */
export function DocumentFilters({ query, matters, search, onMatter, onSort }) {
  return html`
    <div class="list-controls">
      <form class="search-form" role="search" onSubmit=${search.submit} aria-label="Documents">
        <label for="document-search">Search</label>
        <input
          id="document-search"
          name="q"
          type="search"
          placeholder="File name"
          autocomplete="off"
          maxlength=${MAX_QUERY_CHARS}
          value=${search.text}
          onInput=${(e) => search.setText(e.currentTarget.value)}
        />
        <button type="submit" class="button secondary">Search</button>
      </form>
      <div class="field">
        <label for="matter-filter">Matter</label>
        <select id="matter-filter" name="matterId" value=${query.matterId} onChange=${onMatter}>
          <option value="">All matters</option>
          ${(matters ?? []).map((m) => html`<option key=${m.matterId} value=${m.matterId}>${m.title || m.matterId}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="document-sort">Sort</label>
        <select id="document-sort" name="sort" value=${sortChoiceValue(query)} onChange=${onSort}>
          ${SORT_CHOICES.map((c) => html`<option key=${c.value} value=${c.value}>${c.label}</option>`)}
        </select>
      </div>
    </div>
  `;
}
