// Which events the Activity section shows: the firm's or every portal event, one contact's,
// one document's.
import { t } from '../texts.js';
import { html } from '../../../vendor/preact-htm.js';

/**
 * @param {{query: any, contacts: any[] | null, documents: any[] | null, onChange: (patch: object) => void}} props
 */
export function ActivityFilters({ query, contacts, documents, onChange }) {
  return html`
    <div class="activity-filters">
      <label class="switch" for="events-show-all">
        <input
          id="events-show-all"
          type="checkbox"
          role="switch"
          checked=${query.showAll}
          onChange=${(e) => onChange({ showAll: e.currentTarget.checked })}
          aria-describedby="events-show-all-hint"
        />
        <span class="switch-text">${t('show-all-events')}</span>
      </label>
      <p class="hint" id="events-show-all-hint">${t('show-all-hint')}</p>
      <div class="field-row">
        <div class="field">
          <label for="events-contact">${t('contact')}</label>
          <select id="events-contact" value=${query.contactId} onChange=${(e) => onChange({ contactId: e.currentTarget.value })}>
            <option value="">${t('all-contacts-option')}</option>
            ${(contacts ?? []).map((c) => html`<option key=${c.contactId} value=${c.contactId}>${c.name || c.email || c.contactId}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="events-document">${t('document')}</label>
          <select id="events-document" value=${query.documentId} onChange=${(e) => onChange({ documentId: e.currentTarget.value })}>
            <option value="">${t('all-documents')}</option>
            ${(documents ?? []).map((d) => html`<option key=${d.documentId} value=${d.documentId}>${d.fileName}</option>`)}
          </select>
        </div>
      </div>
    </div>
  `;
}
