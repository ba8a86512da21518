// The console's header: the firm, the console's two places, who is signed in, Sign out.
import { t } from '../texts.js';
import { html } from '../../../vendor/preact-htm.js';
import { BrandMark } from '../../common/screens/brand-mark.js';
import { LanguageSelect } from '../../common/screens/language-select.js';

/**
 * @param {{languages: {language: string, choose: (code: string) => void}, firmName: string, logo: string, signedIn: boolean, view: string, me: any, onSignOut: () => void}} props
 */
export function ConsoleHeader({ languages, firmName, logo, signedIn, view, me, onSignOut }) {
  const switcher = html`<${LanguageSelect} id="console-language" value=${languages.language} onChoose=${languages.choose} />`;
  return html`
    <header class="site-header">
      <${BrandMark} firmName=${firmName} logo=${logo} product=${t('product-console')} />
      ${signedIn
        ? html`<nav class="console-nav" aria-label=${t('nav-label')}>
              <a href="#/" id="nav-matters" aria-current=${view === 'matters' ? 'page' : undefined}>${t('nav-matters')}</a>
              <a href="#/new" id="nav-new" aria-current=${view === 'new' ? 'page' : undefined}>${t('nav-new')}</a>
            </nav>
            <div class="account">
              <p class="who" id="staff-who">
                <span class="visually-hidden">${t('signed-in-as')}</span>
                <span class="who-name">${me?.name || me?.email || t('staff')}</span>
                ${me?.email && me?.name !== me?.email ? html`<span class="who-email">${me.email}</span>` : null}
              </p>
              ${switcher}
              <button type="button" id="sign-out" class="button secondary" onClick=${onSignOut}>${t('sign-out')}</button>
            </div>`
        : switcher}
    </header>
  `;
}
