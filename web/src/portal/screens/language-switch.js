// The contact's language switch, in the header: kept on every matter, for the emails the
// portal sends them.
import { html } from '../../../vendor/preact-htm.js';
import { LANGUAGES } from '../../common/languages.js';
import { usePreference } from '../hooks/use-preference.js';

/** @param {{api: any}} props */
export function LanguageSwitch({ api }) {
  const { value: language, saving, saved, error, choose } = usePreference({ api, signedIn: true, field: 'language' });
  return html`
    <div class="language-switch">
      <label for="language-choice">Email language</label>
      <select id="language-choice" value=${language} disabled=${saving || !api} aria-describedby="language-status" onChange=${(e) => choose(e.currentTarget.value)}>
        ${language ? null : html`<option value="">…</option>`}
        ${LANGUAGES.map((l) => html`<option value=${l.code} lang=${l.code}>${l.name}</option>`)}
      </select>
      <span id="language-status" class=${error ? 'field-error' : 'subtle'} role="status">${error || (saved ? 'Saved' : '')}</span>
    </div>
  `;
}
