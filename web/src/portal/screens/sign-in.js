// Signed out: why (an expired link, an ended session, signing out), and the form that emails a
// fresh sign-in link. The answer is the same for every address.
import { html, useState, useRef } from '../../../vendor/preact-htm.js';
import { LINK_SENT_MESSAGE } from '../auth-state.js';
import { looksLikeEmail } from '../../common/validate.js';

/**
 * @param {{api: any, firmName: string, reason: string, message: string, retryToken: string, onRetry: (token: string) => void}} props
 */
export function SignIn({ api, firmName, reason, message, retryToken, onRetry }) {
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState('');
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState('');
  const [sendError, setSendError] = useState('');
  const input = useRef(/** @type {HTMLInputElement | null} */ (null));

  async function submit(event) {
    event.preventDefault();
    const value = email.trim();
    setSent('');
    setSendError('');
    if (!looksLikeEmail(value)) {
      setFieldError('Enter your email address, like name@example.com.');
      input.current?.focus();
      return;
    }
    setFieldError('');
    setSending(true);
    try {
      await api.requestSignInLink(value);
      setSent(value);
    } catch (error) {
      if (error?.status === 400) {
        setFieldError('Enter your email address, like name@example.com.');
        input.current?.focus();
      } else {
        setSendError(error?.message ?? 'The link could not be sent. Try again.');
      }
    } finally {
      setSending(false);
    }
  }

  const isProblem = reason === 'link_failed' || reason === 'link_invalid' || reason === 'session_ended';
  const heading = firmName ? `Sign in to ${firmName}’s client portal` : 'Sign in to the client portal';

  return html`
    <section class="panel sign-in" aria-labelledby="main-heading">
      <h1 id="main-heading" tabindex="-1">${heading}</h1>
      ${message
        ? html`<p id="signed-out-message" class=${`message ${isProblem ? 'warning' : 'info'}`}>${message}</p>`
        : null}
      ${retryToken
        ? html`<p>
            <button type="button" class="button" id="retry-sign-in" onClick=${() => onRetry(retryToken)}>
              Try the link again
            </button>
          </p>`
        : null}
      <p>
        Sign in with the link the firm emailed you. If it has expired or you can't find it, enter your email
        address and we'll send you a new one. Each link works once and only for a limited time.
      </p>
      <form class="sign-in-form" onSubmit=${submit} noValidate aria-describedby="sign-in-help">
        <div class="field">
          <label for="email">Email</label>
          <input
            ref=${input}
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            inputmode="email"
            spellcheck=${false}
            required
            value=${email}
            onInput=${(e) => setEmail(e.currentTarget.value)}
            aria-invalid=${fieldError ? 'true' : 'false'}
            aria-describedby=${fieldError ? 'email-error' : undefined}
          />
          ${fieldError ? html`<p id="email-error" class="field-error">${fieldError}</p>` : null}
        </div>
        <button type="submit" class="button primary" id="send-link" disabled=${sending} aria-busy=${sending ? 'true' : 'false'}>
          ${sending ? 'Sending…' : 'Send sign-in link'}
        </button>
        <p id="sign-in-help" class="hint">Use the address the firm has for you.</p>
      </form>
      <div role="status" aria-live="polite" class="sign-in-result">
        ${sent
          ? html`<p id="link-sent" class="message success">
              ${LINK_SENT_MESSAGE} Check the inbox of ${sent}; the link works once and only for a limited time.
            </p>`
          : null}
        ${sendError ? html`<p class="message error">${sendError}</p>` : null}
      </div>
    </section>
  `;
}
