// The language switch of both headers: the languages named in themselves, and room for what
// the face says beside it (the portal's "Saved").
import { html } from '../../../vendor/preact-htm.js';
import { LANGUAGES } from '../languages.js';
import { t } from '../texts.js';

/**
 * @param {{id: string, value: string, disabled?: boolean, describedBy?: string, onChoose: (code: string) => void, children?: any}} props
 */
export function LanguageSelect({ id, value, disabled = false, describedBy = undefined, onChoose, children = null }) {
  return html`
    <div class="language-switch">
      <label for=${id}>${t('language')}</label>
      <select id=${id} value=${value} disabled=${disabled} aria-describedby=${describedBy} onChange=${(e) => onChoose(e.currentTarget.value)}>
        ${value ? null : html`<option value="">…</option>`}
        ${LANGUAGES.map((l) => html`<option value=${l.code} lang=${l.code}>${l.name}</option>`)}
      </select>
      ${children}
    </div>
  `;
}
