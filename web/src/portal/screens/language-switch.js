// The contact's language switch, in the header: the page's language at once, and kept on
// every matter for the emails the portal sends them. The choice itself is the app's
// (usePreference), which shows the page in it.
import { html } from '../../../vendor/preact-htm.js';
import { LanguageSelect } from '../../common/screens/language-select.js';
import { t } from '../texts.js';

/** @param {{api: any, choice: {value: string, saving: boolean, saved: boolean, error: string, choose: (value: string) => Promise<void>}}} props */
export function LanguageSwitch({ api, choice }) {
  const { value, saving, saved, error, choose } = choice;
  return html`
    <${LanguageSelect} id="language-choice" value=${value} disabled=${saving || !api} describedBy="language-status" onChoose=${choose}>
      <span id="language-status" class=${error ? 'field-error' : 'subtle'} role="status">${error || (saved ? t('saved') : '')}</span>
    <//>
  `;
}
