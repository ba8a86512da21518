// How often the contact hears from the portal by email: one email per batch of news (the
// default), one summary each morning, or only sign-in links. Kept on every matter.
import { html } from '../../../vendor/preact-htm.js';
import { usePreference } from '../hooks/use-preference.js';

export const NOTIFICATION_CHOICES = [
  { value: 'window', label: 'One email for each batch of news', hint: 'A few minutes after something is shared or sent to you.' },
  { value: 'daily', label: 'One summary a day', hint: 'Each morning at 8:00, your firm’s time, when there is news.' },
  { value: 'signInOnly', label: 'Only sign-in links', hint: 'No news by email: open the portal to see what is new.' },
];

/** @param {{api: any}} props */
export function NotificationSettings({ api }) {
  const { value, saving, saved, error, choose } = usePreference({ api, signedIn: true, field: 'notifications' });
  return html`
    <section class="panel notification-settings" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">Email notifications</h2>
      <fieldset disabled=${saving || !api} aria-describedby="notifications-status">
        <legend class="visually-hidden">How often we email you</legend>
        ${NOTIFICATION_CHOICES.map(
          (c) => html`<label key=${c.value} class="choice">
            <input type="radio" name="notifications" value=${c.value} checked=${value === c.value} onChange=${() => choose(c.value)} />
            <span><span class="choice-label">${c.label}</span><span class="choice-hint">${c.hint}</span></span>
          </label>`,
        )}
      </fieldset>
      <p id="notifications-status" class=${error ? 'field-error' : 'subtle'} role="status">${error || (saved ? 'Saved' : '')}</p>
    </section>
  `;
}
