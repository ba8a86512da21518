// Adding a colleague not listed as an owner or recipient: name, address and staff id.
import { t } from '../texts.js';
import { html, useState, useEffect, useRef } from '../../../vendor/preact-htm.js';
import { personProblem } from '../settings.js';

/**
 * @param {{people: any[], onAdd: (person: any) => void, onCancel: () => void}} props
 */
export function PersonAdder({ people, onAdd, onCancel }) {
  const [person, setPerson] = useState({ name: '', email: '', id: '' });
  const [error, setError] = useState('');
  const nameInput = useRef(/** @type {HTMLInputElement | null} */ (null));
  useEffect(() => nameInput.current?.focus(), []);

  function add() {
    const p = { name: person.name.trim(), email: person.email.trim(), id: person.id.trim() };
    const problem = personProblem(p);
    if (problem) {
      setError(t('person-problem', { problem }));
      return;
    }
    if (people.some((x) => x.id === p.id && (x.email !== p.email || x.name !== p.name))) {
      setError(t('person-taken', { id: p.id }));
      return;
    }
    onAdd(p);
  }

  const input = (key, id, label, type, ref = null) => html`<div class="field">
    <label for=${id}>${label}</label>
    <input id=${id} ref=${ref} type=${type} value=${person[key]} onInput=${(e) => setPerson({ ...person, [key]: e.currentTarget.value })} />
  </div>`;

  return html`<div class="add-person" id="add-person">
    <p class="hint">${t('person-hint')}</p>
    <div class="field-row">
      ${input('name', 'person-name', t('person-name'), 'text', nameInput)}
      ${input('email', 'person-email', t('person-email'), 'email')}
      ${input('id', 'person-id', t('staff-id'), 'text')}
    </div>
    ${error ? html`<p class="field-error" id="person-error" role="alert">${error}</p>` : null}
    <div class="button-row">
      <button type="button" class="button" id="person-add" onClick=${add}>${t('add-person')}</button>
      <button type="button" class="button quiet" onClick=${onCancel}>${t('cancel')}</button>
    </div>
  </div>`;
}
