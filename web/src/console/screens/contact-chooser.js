// The contacts the Sharing section works on: those with access, each with what is shared
// with them.
import { t } from '../texts.js';
import { html } from '../../../vendor/preact-htm.js';
import { Address } from '../../common/screens/address.js';

/**
 * @param {{contacts: any[] | null, people: any[], chosen: string[], error: string, onRetry: () => void,
 *   onToggle: (contactId: string, on: boolean) => void}} props
 */
export function ContactChooser({ contacts, people, chosen, error, onRetry, onToggle }) {
  return html`
    <section class="panel" aria-labelledby="choose-heading">
      <h2 id="choose-heading">${t('choose-contacts')}</h2>
      ${error ? html`<div class="message error" role="alert"><p>${error}</p><button type="button" class="button" onClick=${onRetry}>${t('try-again')}</button></div>` : null}
      ${contacts === null
        ? error
          ? null
          : html`<p class="loading">${t('loading-contacts')}</p>`
        : people.length === 0
          ? html`<p>${t('no-contact-access')}</p>`
          : html`<fieldset class="chooser" id="contact-chooser">
              <legend class="visually-hidden">${t('contacts')}</legend>
              <ul class="check-list inline">
                ${people.map(
                  (c) => html`<li key=${c.contactId}>
                    <input
                      type="checkbox"
                      id=${`choose-${c.contactId}`}
                      checked=${chosen.includes(c.contactId)}
                      onChange=${(e) => onToggle(c.contactId, e.currentTarget.checked)}
                    />
                    <label for=${`choose-${c.contactId}`}>
                      ${c.name}
                      <span class="subtle"><${Address} className="chooser-email" address=${c.email} /> · ${t('list-count', { count: c.sharedCount })}${c.canDownload ? '' : t('view-only-suffix')}</span>
                    </label>
                  </li>`,
                )}
              </ul>
              <p class="hint">${t('chooser-hint')}</p>
            </fieldset>`}
    </section>
  `;
}
