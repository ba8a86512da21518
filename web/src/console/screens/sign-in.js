// Signed out: why, and the button that goes to the firm's sign-in page (Cognito managed login,
// with the second factor it requires).
import { t } from '../texts.js';
import { html } from '../../../vendor/preact-htm.js';

/**
 * @param {{firmName: string, message: string, configured: boolean, onSignIn: () => void}} props
 */
export function StaffSignIn({ firmName, message, configured, onSignIn }) {
  return html`
    <section class="panel sign-in" aria-labelledby="main-heading">
      <h1 id="main-heading" tabindex="-1">${firmName ? t('staff-sign-in-firm', { firm: firmName }) : t('staff-sign-in')}</h1>
      ${message ? html`<p id="signed-out-message" class="message warning">${message}</p>` : null}
      <p>${t('staff-sign-in-intro')}</p>
      <button type="button" id="sign-in" class="button primary" onClick=${onSignIn}>
        ${configured ? t('sign-in') : t('try-again')}
      </button>
    </section>
  `;
}
