// The contact's language switch, in the header: the page's language at once, and kept on
// every matter for the emails the portal sends them. The choice itself is the app's
// (usePreference), which shows the page in it.
import { html } from '../../../vendor/preact-htm.js';
import { LANGUAGES } from '../../common/languages.js';
import { t } from '../texts.js';

/** @param {{api: any, choice: {value: string, saving: boolean, saved: boolean, error: string, choose: (value: string) => Promise<void>}}} props */
export function LanguageSwitch({ api, choice }) {
  const { value: language, saving, saved, error, choose } = choice;
  return html`
    <div class="language-switch">
      <label for="language-choice">${t('language')}</label>
      <select id="language-choice" value=${language} disabled=${saving || !api} aria-describedby="language-status" onChange=${(e) => choose(e.currentTarget.value)}>
        ${language ? null : html`<option value="">…</option>`}
        ${LANGUAGES.map((l) => html`<option value=${l.code} lang=${l.code}>${l.name}</option>`)}
      </select>
      <span id="language-status" class=${error ? 'field-error' : 'subtle'} role="status">${error || (saved ? t('saved') : '')}</span>
    </div>
  `;
}
