// How often the contact hears from the portal by email: one email per batch of news (the
// default), one summary each morning, or only sign-in links. Kept on every matter.
import { html } from '../../../vendor/preact-htm.js';
import { usePreference } from '../hooks/use-preference.js';
import { t } from '../texts.js';

export const NOTIFICATION_CHOICES = [
  { value: 'window', label: 'notify-window', hint: 'notify-window-hint' },
  { value: 'daily', label: 'notify-daily', hint: 'notify-daily-hint' },
  { value: 'signInOnly', label: 'notify-sign-in-only', hint: 'notify-sign-in-only-hint' },
];

/** @param {{api: any}} props */
export function NotificationSettings({ api }) {
  const { value, saving, saved, error, choose } = usePreference({ api, signedIn: true, field: 'notifications' });
  return html`
    <section class="panel notification-settings" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">${t('notifications-heading')}</h2>
      <fieldset disabled=${saving || !api} aria-describedby="notifications-status">
        <legend class="visually-hidden">${t('notifications-legend')}</legend>
        ${NOTIFICATION_CHOICES.map(
          (c) => html`<label key=${c.value} class="choice">
            <input type="radio" name="notifications" value=${c.value} checked=${value === c.value} onChange=${() => choose(c.value)} />
            <span><span class="choice-label">${t(c.label)}</span><span class="choice-hint">${t(c.hint)}</span></span>
          </label>`,
        )}
      </fieldset>
      <p id="notifications-status" class=${error ? 'field-error' : 'subtle'} role="status">${error || (saved ? t('saved') : '')}</p>
    </section>
  `;
}
