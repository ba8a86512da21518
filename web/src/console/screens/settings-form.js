// A matter's portal settings as a form: title, owner and who is notified about uploads. Nothing
// is saved until Save; unsaved changes are shown, and the app warns before they are left.
import { t } from '../texts.js';
import { html, useState } from '../../../vendor/preact-htm.js';
import { changedFields, validateDraft, withOwner, withRecipient, peopleChoices, personLabel, asPerson } from '../settings.js';
import { Address } from '../../common/screens/address.js';
import { PersonAdder } from './person-adder.js';

/**
 * @param {{draft: any, saved: any | null, onChange: (d: any) => void, people: any[],
 *   onAddPerson: (p: any) => void, peopleStatus?: 'loading' | 'loaded' | 'failed', onSave: () => void, onDiscard: () => void, saving: boolean,
 *   saveError: string, fieldErrors: any, saveLabel?: string, before?: any, isNew?: boolean}} props
 */
export function SettingsForm({ draft, saved, onChange, people, onAddPerson, peopleStatus = 'loaded', onSave, onDiscard, saving, saveError, fieldErrors, saveLabel = t('save'), before = null, isNew = false, extraChanges = null }) {
  const [adding, setAdding] = useState(false);
  const changed = isNew && extraChanges ? [...extraChanges, ...changedFields(draft, saved)] : changedFields(draft, saved);
  const errors = fieldErrors ?? {};
  function submit(event) {
    event.preventDefault();
    onSave();
  }

  const ownerId = draft.owner?.id ?? '';
  return html`
    <form class="settings-form" id="settings-form" onSubmit=${submit} noValidate>
      ${before}
      <div class="field">
        <label for="matter-title">${t('matter-title')}</label>
        <input
          id="matter-title"
          type="text"
          maxlength="200"
          value=${draft.title}
          onInput=${(e) => onChange({ ...draft, title: e.currentTarget.value })}
          aria-invalid=${errors.title ? 'true' : 'false'}
          aria-describedby=${errors.title ? 'matter-title-error' : undefined}
        />
        ${errors.title ? html`<p id="matter-title-error" class="field-error">${errors.title}</p>` : null}
      </div>
      <div class="field">
        <label for="matter-owner">${t('owner')}</label>
        <select
          id="matter-owner"
          value=${ownerId}
          onChange=${(e) => onChange(withOwner(draft, people.find((p) => p.id === e.currentTarget.value) ?? null))}
          aria-invalid=${errors.owner ? 'true' : 'false'}
          aria-describedby=${errors.owner ? 'matter-owner-error' : 'matter-owner-hint'}
        >
          <option value="">${t('choose-owner')}</option>
          ${people.map((p) => html`<option key=${p.id} value=${p.id}>${personLabel(p)}</option>`)}
        </select>
        <p id="matter-owner-hint" class="hint">${t('owner-hint')}</p>
        ${errors.owner ? html`<p id="matter-owner-error" class="field-error">${errors.owner}</p>` : null}
      </div>
      <fieldset class="recipients" aria-describedby="recipients-hint">
        <legend>${t('notify-legend')}</legend>
        <p id="recipients-hint" class="hint">${t('recipients-hint')}</p>
        ${peopleStatus === 'loading' ? html`<p class="loading" id="people-loading" aria-busy="true">${t('people-loading')}</p>` : null}
        ${peopleStatus === 'failed'
          ? html`<p class="message error" id="people-error" role="alert">${t('people-failed')}</p>`
          : null}
        <ul class="check-list" id="notify-list">
          ${people.map(
            (p) => html`<li key=${p.id}>
              <input
                type="checkbox"
                id=${`notify-${p.id}`}
                checked=${draft.notify.some((n) => n.id === p.id)}
                onChange=${(e) => onChange(withRecipient(draft, p, e.currentTarget.checked))}
              />
              <label for=${`notify-${p.id}`}>${p.name || p.email} <${Address} className="subtle chooser-email" address=${p.email} /></label>
              ${p.id === ownerId ? html`<span class="badge" aria-hidden="true">${t('owner')}</span>` : null}
            </li>`,
          )}
        </ul>
        ${draft.notify.length === 0 && draft.owner
          ? html`<p class="hint" id="notify-default">${t('notify-default')}</p>`
          : null}
        ${errors.notify ? html`<p class="field-error">${errors.notify}</p>` : null}
        ${adding
          ? html`<${PersonAdder} people=${people} onAdd=${(p) => { onAddPerson(p); setAdding(false); }} onCancel=${() => setAdding(false)} />`
          : html`<button type="button" class="button quiet" id="person-open" onClick=${() => setAdding(true)}>${t('add-someone')}</button>`}
      </fieldset>
      <div class="save-bar" role="group" aria-label=${t('save-settings')}>
        <p id="settings-state" class=${changed.length ? 'unsaved' : 'saved'} aria-live="polite">
          ${changed.length
            ? t('unsaved-changes', { fields: changed.join(', '), save: saveLabel })
            : isNew
              ? ''
              : t('all-saved')}
        </p>
        ${saveError ? html`<p class="message error" id="settings-error" role="alert">${saveError}</p>` : null}
        <div class="button-row">
          <button type="submit" id="settings-save" class="button primary" disabled=${saving} aria-busy=${saving ? 'true' : 'false'}>
            ${saving ? t('saving') : saveLabel}
          </button>
          ${!isNew && changed.length
            ? html`<button type="button" id="settings-discard" class="button secondary" onClick=${onDiscard} disabled=${saving}>${t('discard-changes')}</button>`
            : null}
        </div>
      </div>
    </form>
  `;
}

export { validateDraft, peopleChoices, asPerson };
