// The two inline forms of an Access row: a new sign-in address (which mails a new
// invitation), and the last day of access (or none).
import { t } from '../texts.js';
import { html, useState, useRef } from '../../../vendor/preact-htm.js';
import { parseAccessEnd, dateInputFromExpiresAt, todayInput } from '../receipts.js';
import { looksLikeEmail } from '../../common/validate.js';

/**
 * @param {{contact: any, who: string, busy: boolean, onUpdate: Function, onClose: () => void}} props
 */
export function AddressForm({ contact: c, who, busy, onUpdate, onClose }) {
  const [email, setEmail] = useState(c.email);
  const [emailError, setEmailError] = useState('');
  const input = useRef(/** @type {HTMLInputElement | null} */ (null));

  async function saveAddress(event) {
    event.preventDefault();
    const next = email.trim();
    if (!looksLikeEmail(next)) {
      setEmailError(t('address-example'));
      input.current?.focus();
      return;
    }
    if (next === c.email) {
      setEmailError(t('address-same'));
      return;
    }
    setEmailError('');
    if (await onUpdate(c, { email: next }, 'address')) onClose();
  }

  return html`<form class="inline-form" onSubmit=${saveAddress} noValidate>
    <label for=${`email-${c.contactId}`}>${t('new-address-for', { who })}</label>
    <input
      id=${`email-${c.contactId}`}
      ref=${input}
      type="email"
      value=${email}
      onInput=${(e) => setEmail(e.currentTarget.value)}
      aria-invalid=${emailError ? 'true' : 'false'}
      aria-describedby=${`email-hint-${c.contactId}`}
    />
    <p class="hint" id=${`email-hint-${c.contactId}`}>${t('new-address-hint')}</p>
    ${emailError ? html`<p class="field-error">${emailError}</p>` : null}
    <div class="button-row">
      <button type="submit" class="button primary" disabled=${busy}>${t('save-address')}</button>
      <button type="button" class="button quiet" onClick=${onClose}>${t('cancel')}</button>
    </div>
  </form>`;
}

/**
 * @param {{contact: any, who: string, busy: boolean, onUpdate: Function, onClose: () => void}} props
 */
export function EndDateForm({ contact: c, who, busy, onUpdate, onClose }) {
  const [endDay, setEndDay] = useState(() => dateInputFromExpiresAt(c.expiresAt));
  const [endError, setEndError] = useState('');
  const endInput = useRef(/** @type {HTMLInputElement | null} */ (null));

  async function saveEnd(event) {
    event.preventDefault();
    const end = parseAccessEnd(endDay);
    if (end.error || !end.value) {
      setEndError(end.error || t('choose-last-day'));
      endInput.current?.focus();
      return;
    }
    setEndError('');
    if (await onUpdate(c, { expiresAt: end.value }, 'end')) onClose();
  }

  async function removeEnd() {
    setEndError('');
    if (await onUpdate(c, { expiresAt: null }, 'end')) onClose();
  }

  return html`<form class="inline-form end-form" onSubmit=${saveEnd} noValidate>
    <label for=${`expires-${c.contactId}`}>${t('last-day-for', { who })}</label>
    <input
      id=${`expires-${c.contactId}`}
      ref=${endInput}
      type="date"
      min=${todayInput()}
      value=${endDay}
      onInput=${(e) => setEndDay(e.currentTarget.value)}
      aria-invalid=${endError ? 'true' : 'false'}
      aria-describedby=${`expires-hint-${c.contactId}`}
    />
    <p class="hint" id=${`expires-hint-${c.contactId}`}>${t('last-day-hint')}</p>
    ${endError ? html`<p class="field-error">${endError}</p>` : null}
    <div class="button-row">
      <button type="submit" class="button primary" disabled=${busy}>${t('save-end')}</button>
      ${c.expiresAt ? html`<button type="button" class="button secondary" disabled=${busy} onClick=${removeEnd}>${t('remove-end')}</button>` : null}
      <button type="button" class="button quiet" onClick=${onClose}>${t('cancel')}</button>
    </div>
  </form>`;
}
