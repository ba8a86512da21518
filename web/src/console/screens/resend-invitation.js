// Resend invitation, for a contact who never signed in: at most once every few minutes (the
// service's INVITE_RESEND_INTERVAL); until then the button waits and says from when.
import { t } from '../texts.js';
import { html, useState, useEffect } from '../../../vendor/preact-htm.js';
import { nextResendAt } from '../sections.js';
import { When } from '../../common/screens/when.js';

/**
 * @param {{contact: any, nameId: string, busy: string, seconds: number, onResend: (c: any) => void}} props
 */
export function ResendInvitation({ contact: c, nameId, busy, seconds, onResend }) {
  const [, setTick] = useState(0);
  const next = nextResendAt(c, seconds, new Date());
  // Waiting: show the button again when its time comes.
  useEffect(() => {
    if (!next) return undefined;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(0, next.getTime() - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [next?.getTime()]);
  return html`<span class="resend">
    <button
      type="button"
      class="button quiet resend-button"
      aria-describedby=${next ? `${nameId} resend-wait-${c.contactId}` : nameId}
      disabled=${busy !== '' || !!next}
      onClick=${() => onResend(c)}
      aria-busy=${busy === 'resend' ? 'true' : 'false'}
    >
      ${t('resend-invitation')}
    </button>
    ${next
      ? html`<span class="resend-wait subtle" id=${`resend-wait-${c.contactId}`}>${t('resend-at')} <${When} at=${next.toISOString()} /></span>`
      : null}
  </span>`;
}
