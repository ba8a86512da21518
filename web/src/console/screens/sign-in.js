// Signed out: why, and the button that goes to the firm's sign-in page (Cognito managed login,
// with the second factor it requires).
import { html } from '../../../vendor/preact-htm.js';

/**
 * @param {{firmName: string, message: string, configured: boolean, onSignIn: () => void}} props
 */
export function StaffSignIn({ firmName, message, configured, onSignIn }) {
  return html`
    <section class="panel sign-in" aria-labelledby="main-heading">
      <h1 id="main-heading" tabindex="-1">Staff sign-in${firmName ? ` — ${firmName}` : ''}</h1>
      ${message ? html`<p id="signed-out-message" class="message warning">${message}</p>` : null}
      <p>
        The staff console manages who may use the client portal and what is shared with them. Sign in with your
        firm account; you will be asked for your second factor.
      </p>
      <button type="button" id="sign-in" class="button primary" onClick=${onSignIn}>
        ${configured ? 'Sign in' : 'Try again'}
      </button>
    </section>
  `;
}
