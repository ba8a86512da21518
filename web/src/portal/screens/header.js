// The portal's header: the firm, and who is signed in with their language and Sign out.
import { html } from '../../../vendor/preact-htm.js';
import { LanguageSwitch } from './language-switch.js';
import { BrandMark } from '../../common/screens/brand-mark.js';
import { t } from '../texts.js';

/**
 * @param {{api: any, languageChoice: any, firmName: string, logo: string, contact: {name: string, email: string} | null, signingOut: boolean, onSignOut: () => void}} props
 */
export function PortalHeader({ api, languageChoice, firmName, logo, contact, signingOut, onSignOut }) {
  return html`
    <header class="site-header">
      <${BrandMark} firmName=${firmName} logo=${logo} product=${t('product-name')} />
      ${contact
        ? html`
            <div class="account">
              <p class="who">
                <span class="visually-hidden">${t('signed-in-as')}</span>
                <span class="who-name">${contact.name || contact.email}</span>
                ${contact.name ? html` <span class="who-email">${contact.email}</span>` : null}
              </p>
              <${LanguageSwitch} api=${api} choice=${languageChoice} />
              <button
                type="button"
                id="sign-out"
                class="button secondary"
                onClick=${onSignOut}
                disabled=${signingOut}
                aria-busy=${signingOut ? 'true' : 'false'}
              >
                ${t('sign-out')}
              </button>
            </div>
          `
        : null}
    </header>
  `;
}
