// A matter's portal settings as a form: title, owner and who is notified about uploads. Nothing
// is saved until Save; unsaved changes are shown, and the app warns before they are left.
import { html, useState, useEffect, useRef } from '../../../vendor/preact-htm.js';
import {
  changedFields,
  validateDraft,
  withOwner,
  withRecipient,
  peopleChoices,
  personProblem,
  personLabel,
  asPerson,
} from '../settings.js';

/**
 * The people the console can offer (no staff directory in the API): owners and recipients of
 * the listed matters, plus the signed-in staff member.
 * @param {any} api
 */
export function useKnownMatters(api) {
  const [matters, setMatters] = useState(/** @type {any[]} */ ([]));
  useEffect(() => {
    let live = true;
    api
      .listMatters({ limit: 50 })
      .then((page) => live && setMatters(page.items))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [api]);
  return matters;
}

/**
 * @param {{draft: any, saved: any | null, onChange: (d: any) => void, people: any[],
 *   onAddPerson: (p: any) => void, onSave: () => void, onDiscard: () => void, saving: boolean,
 *   saveError: string, fieldErrors: any, saveLabel?: string, before?: any, isNew?: boolean}} props
 */
export function SettingsForm({ draft, saved, onChange, people, onAddPerson, onSave, onDiscard, saving, saveError, fieldErrors, saveLabel = 'Save', before = null, isNew = false, extraChanges = null }) {
  const [adding, setAdding] = useState(false);
  const [person, setPerson] = useState({ name: '', email: '', id: '' });
  const [personError, setPersonError] = useState('');
  const changed = isNew && extraChanges ? [...extraChanges, ...changedFields(draft, saved)] : changedFields(draft, saved);
  const errors = fieldErrors ?? {};
  const addName = useRef(/** @type {HTMLInputElement | null} */ (null));

  useEffect(() => {
    if (adding) addName.current?.focus();
  }, [adding]);

  function submit(event) {
    event.preventDefault();
    onSave();
  }

  function addPerson() {
    const p = { name: person.name.trim(), email: person.email.trim(), id: person.id.trim() };
    const problem = personProblem(p);
    if (problem) {
      setPersonError(`To add a person, ${problem}`);
      return;
    }
    if (people.some((x) => x.id === p.id && (x.email !== p.email || x.name !== p.name))) {
      setPersonError(`Someone else already has the staff id ${p.id}.`);
      return;
    }
    setPersonError('');
    onAddPerson(p);
    setPerson({ name: '', email: '', id: '' });
    setAdding(false);
  }

  const ownerId = draft.owner?.id ?? '';
  return html`
    <form class="settings-form" id="settings-form" onSubmit=${submit} noValidate>
      ${before}
      <div class="field">
        <label for="matter-title">Matter title</label>
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
        <label for="matter-owner">Owner</label>
        <select
          id="matter-owner"
          value=${ownerId}
          onChange=${(e) => onChange(withOwner(draft, people.find((p) => p.id === e.currentTarget.value) ?? null))}
          aria-invalid=${errors.owner ? 'true' : 'false'}
          aria-describedby=${errors.owner ? 'matter-owner-error' : 'matter-owner-hint'}
        >
          <option value="">Choose the owner</option>
          ${people.map((p) => html`<option key=${p.id} value=${p.id}>${personLabel(p)}</option>`)}
        </select>
        <p id="matter-owner-hint" class="hint">Shown to clients as their firm contact; the author of documents they upload.</p>
        ${errors.owner ? html`<p id="matter-owner-error" class="field-error">${errors.owner}</p>` : null}
      </div>
      <fieldset class="recipients" aria-describedby="recipients-hint">
        <legend>Notify about uploads</legend>
        <p id="recipients-hint" class="hint">Who is emailed when a client uploads a document. By default, the owner.</p>
        <ul class="check-list" id="notify-list">
          ${people.map(
            (p) => html`<li key=${p.id}>
              <input
                type="checkbox"
                id=${`notify-${p.id}`}
                checked=${draft.notify.some((n) => n.id === p.id)}
                onChange=${(e) => onChange(withRecipient(draft, p, e.currentTarget.checked))}
              />
              <label for=${`notify-${p.id}`}>${p.name || p.email}<span class="subtle"> ${p.email}</span></label>
              ${p.id === ownerId ? html`<span class="badge" aria-hidden="true">Owner</span>` : null}
            </li>`,
          )}
        </ul>
        ${draft.notify.length === 0 && draft.owner
          ? html`<p class="hint" id="notify-default">Nobody chosen: the owner will be notified.</p>`
          : null}
        ${errors.notify ? html`<p class="field-error">${errors.notify}</p>` : null}
        ${adding
          ? html`<div class="add-person" id="add-person">
              <p class="hint">There is no staff directory here: add a colleague by the name, address and staff id your firm uses for them.</p>
              <div class="field-row">
                <div class="field">
                  <label for="person-name">Person’s name</label>
                  <input id="person-name" ref=${addName} type="text" value=${person.name} onInput=${(e) => setPerson({ ...person, name: e.currentTarget.value })} />
                </div>
                <div class="field">
                  <label for="person-email">Person’s email</label>
                  <input id="person-email" type="email" value=${person.email} onInput=${(e) => setPerson({ ...person, email: e.currentTarget.value })} />
                </div>
                <div class="field">
                  <label for="person-id">Staff id</label>
                  <input id="person-id" type="text" value=${person.id} onInput=${(e) => setPerson({ ...person, id: e.currentTarget.value })} />
                </div>
              </div>
              ${personError ? html`<p class="field-error" id="person-error" role="alert">${personError}</p>` : null}
              <div class="button-row">
                <button type="button" class="button" id="person-add" onClick=${addPerson}>Add person</button>
                <button type="button" class="button quiet" onClick=${() => { setAdding(false); setPersonError(''); }}>Cancel</button>
              </div>
            </div>`
          : html`<button type="button" class="button quiet" id="person-open" onClick=${() => setAdding(true)}>Add someone not listed</button>`}
      </fieldset>
      <div class="save-bar" role="group" aria-label="Save settings">
        <p id="settings-state" class=${changed.length ? 'unsaved' : 'saved'} aria-live="polite">
          ${changed.length
            ? `Unsaved changes: ${changed.join(', ')}. Nothing is saved until you press ${saveLabel}.`
            : isNew
              ? ''
              : 'All changes saved.'}
        </p>
        ${saveError ? html`<p class="message error" id="settings-error" role="alert">${saveError}</p>` : null}
        <div class="button-row">
          <button type="submit" id="settings-save" class="button primary" disabled=${saving} aria-busy=${saving ? 'true' : 'false'}>
            ${saving ? 'Saving…' : saveLabel}
          </button>
          ${!isNew && changed.length
            ? html`<button type="button" id="settings-discard" class="button secondary" onClick=${onDiscard} disabled=${saving}>Discard changes</button>`
            : null}
        </div>
      </div>
    </form>
  `;
}

export { validateDraft, peopleChoices, asPerson };
