// Giving a contact access: id, name, sign-in address, an optional last day, the language they
// are written to in (the firm's unless chosen), download or view only (the default, as in the
// API); the first grant has the invitation sent.
import { t } from '../texts.js';
import { html, useState } from '../../../vendor/preact-htm.js';
import { validateGrant, grantMessage, hasNoAccess } from '../sections.js';
import { parseAccessEnd, todayInput } from '../receipts.js';
import { LANGUAGES, languageName } from '../../common/languages.js';

const EMPTY = { contactId: '', name: '', email: '', canDownload: false, endDay: '', language: '' };

/** @param {{api: any, matter: any, contacts: any[], firmLanguage: string, reload: () => Promise<void>, announce: Function}} props */
export function GrantForm({ api, matter, contacts, firmLanguage, reload, announce }) {
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState(/** @type {any} */ ({}));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState('');

  async function submit(event) {
    event.preventDefault();
    const problems = validateGrant(form);
    const end = parseAccessEnd(form.endDay);
    if (end.error) problems.endDay = end.error;
    setErrors(problems);
    setSaveError('');
    const first = ['contactId', 'name', 'email', 'endDay'].find((k) => problems[k]);
    if (first) {
      document.getElementById({ contactId: 'grant-id', name: 'grant-name', email: 'grant-email', endDay: 'grant-expires' }[first])?.focus();
      return;
    }
    const contactId = form.contactId.trim();
    const existing = contacts.find((c) => c.contactId === contactId) ?? null;
    setSaving(true);
    try {
      const outcome = await api.grant(matter.matterId, contactId, {
        email: form.email.trim(),
        name: form.name.trim(),
        canDownload: form.canDownload,
        // Only a chosen date or language is sent: an existing contact's stays otherwise.
        expiresAt: end.value ?? undefined,
        language: form.language || undefined,
      });
      announce(grantMessage({ ...outcome, name: outcome?.name ?? form.name.trim() }, existing && !hasNoAccess(existing.status) ? existing : null), 'success');
      setForm(EMPTY);
      await reload();
    } catch (e) {
      if (e?.status !== 401) setSaveError(t('access-not-given', { reason: e?.message ?? '' }).trim());
    } finally {
      setSaving(false);
    }
  }

  const field = (key, id, label, type, hint = '', extra = {}) => html`<div class="field">
    <label for=${id}>${label}</label>
    <input
      ...${extra}
      id=${id}
      type=${type}
      value=${form[key]}
      autocomplete="off"
      onInput=${(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      aria-invalid=${errors[key] ? 'true' : 'false'}
      aria-describedby=${errors[key] ? `${id}-error` : hint ? `${id}-hint` : undefined}
    />
    ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : null}
    ${errors[key] ? html`<p class="field-error" id=${`${id}-error`}>${errors[key]}</p>` : null}
  </div>`;

  return html`
    <section class="panel" aria-labelledby="grant-heading">
      <h2 id="grant-heading">${t('grant-heading')}</h2>
      <form class="grant-form" id="grant-form" onSubmit=${submit} noValidate>
        <div class="field-row">
          ${field('contactId', 'grant-id', t('contact-id'), 'text', t('contact-id-hint'))}
          ${field('name', 'grant-name', t('contact-name'), 'text')}
          ${field('email', 'grant-email', t('sign-in-address'), 'email', t('sign-in-address-hint'))}
          ${field('endDay', 'grant-expires', t('access-ends'), 'date', t('access-ends-hint'), { min: todayInput() })}
          <div class="field">
            <label for="grant-language">${t('language')}</label>
            <select id="grant-language" value=${form.language} aria-describedby="grant-language-hint" onChange=${(e) => setForm({ ...form, language: e.currentTarget.value })}>
              <option value="">${t('firm-language', { language: languageName(firmLanguage) })}</option>
              ${LANGUAGES.map((l) => html`<option value=${l.code}>${l.name}</option>`)}
            </select>
            <p class="hint" id="grant-language-hint">${t('grant-language-hint')}</p>
          </div>
        </div>
        <div class="checkbox-field">
          <input
            id="grant-download"
            type="checkbox"
            checked=${form.canDownload}
            aria-describedby="grant-download-hint"
            onChange=${(e) => setForm({ ...form, canDownload: e.currentTarget.checked })}
          />
          <label for="grant-download">${t('can-download')}</label>
          <p class="hint" id="grant-download-hint">${t('can-download-hint')}</p>
        </div>
        ${saveError ? html`<p class="message error" id="grant-error" role="alert">${saveError}</p>` : null}
        <button type="submit" class="button primary" id="grant-submit" disabled=${saving} aria-busy=${saving ? 'true' : 'false'}>
          ${saving ? t('giving-access') : t('give-access')}
        </button>
      </form>
    </section>
  `;
}
