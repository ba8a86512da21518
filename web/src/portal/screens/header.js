// The portal's header: the firm, and who is signed in with their language and Sign out.
import { html } from '../../../vendor/preact-htm.js';
import { LanguageSwitch } from './language-switch.js';
import { BrandMark } from '../../common/screens/brand-mark.js';

/**
 * @param {{api: any, firmName: string, logo: string, contact: {name: string, email: string} | null, signingOut: boolean, onSignOut: () => void}} props
 */
export function PortalHeader({ api, firmName, logo, contact, signingOut, onSignOut }) {
  return html`
    <header class="site-header">
      <${BrandMark} firmName=${firmName} logo=${logo} product="Client portal" />
      ${contact
        ? html`
            <div class="account">
              <p class="who">
                <span class="visually-hidden">Signed in as </span>
                <span class="who-name">${contact.name || contact.email}</span>
                ${contact.name ? html` <span class="who-email">${contact.email}</span>` : null}
              </p>
              <${LanguageSwitch} api=${api} />
              <button
                type="button"
                id="sign-out"
                class="button secondary"
                onClick=${onSignOut}
                disabled=${signingOut}
                aria-busy=${signingOut ? 'true' : 'false'}
              >
                Sign out
              </button>
            </div>
          `
        : null}
    </header>
  `;
}
