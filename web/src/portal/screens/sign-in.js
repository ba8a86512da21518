// Signed out: why (an expired link, an ended session, signing out), and the form that emails a
// fresh sign-in link. The answer is the same for every address.
import { html, useState, useRef } from '../../../vendor/preact-htm.js';
import { looksLikeEmail } from '../../common/validate.js';
import { t } from '../texts.js';

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
      setFieldError(t('email-example'));
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
        setFieldError(t('email-example'));
        input.current?.focus();
      } else {
        setSendError(error?.message ?? t('link-not-sent'));
      }
    } finally {
      setSending(false);
    }
  }

  const isProblem = reason === 'link_failed' || reason === 'link_invalid' || reason === 'session_ended';
  const heading = firmName ? t('sign-in-heading-firm', { firm: firmName }) : t('sign-in-heading');

  return html`
    <section class="panel sign-in" aria-labelledby="main-heading">
      <h1 id="main-heading" tabindex="-1">${heading}</h1>
      ${message
        ? html`<p id="signed-out-message" class=${`message ${isProblem ? 'warning' : 'info'}`}>${message}</p>`
        : null}
      ${retryToken
        ? html`<p>
            <button type="button" class="button" id="retry-sign-in" onClick=${() => onRetry(retryToken)}>
              ${t('retry-link')}
            </button>
          </p>`
        : null}
      <p>${t('sign-in-intro')}</p>
      <form class="sign-in-form" onSubmit=${submit} noValidate aria-describedby="sign-in-help">
        <div class="field">
          <label for="email">${t('email')}</label>
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
          ${sending ? t('sending') : t('send-link')}
        </button>
        <p id="sign-in-help" class="hint">${t('sign-in-help')}</p>
      </form>
      <div role="status" aria-live="polite" class="sign-in-result">
        ${sent
          ? html`<p id="link-sent" class="message success">
              ${t('link-sent')} ${t('link-sent-check', { address: sent })}
            </p>`
          : null}
        ${sendError ? html`<p class="message error">${sendError}</p>` : null}
      </div>
    </section>
  `;
}
