// A calendar event's form: title, start and end in this browser's zone (sent with their
// offset and the zone's name), place, meeting link, notes and the contacts to share it with.
// New or a change of an existing one (its sequence sent back).
import { t } from '../texts.js';
import { html, useState } from '../../../vendor/preact-htm.js';
import { checkEventForm, toLocalInput, viewerZone } from '../../common/appointments.js';

const EMPTY = { title: '', start: '', end: '', place: '', videoUrl: '', notes: '' };

/**
 * @param {{event?: any, contacts: any[], onSave: (body: any) => Promise<boolean>, onCancel?: () => void}} props
 */
export function EventForm({ event, contacts, onSave, onCancel }) {
  const [form, setForm] = useState(() =>
    event
      ? { title: event.title, start: toLocalInput(event.startsAt), end: toLocalInput(event.endsAt), place: event.place ?? '', videoUrl: event.videoUrl ?? '', notes: event.notes ?? '' }
      : EMPTY,
  );
  const [to, setTo] = useState(/** @type {string[]} */ ([]));
  const [errors, setErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [busy, setBusy] = useState(false);
  const prefix = event ? `event-${event.appointmentId}` : 'event';
  const set = (key) => (e) => setForm({ ...form, [key]: e.currentTarget.value });
  const shared = new Set((event?.sharedWith ?? []).map((s) => s.contactId));
  const offered = contacts.filter((c) => !shared.has(c.contactId));

  async function submit(e) {
    e.preventDefault();
    const checked = checkEventForm(form);
    setErrors(checked.errors);
    if (!checked.body) return;
    const body = { ...checked.body, contactIds: to };
    if (event) body.sequence = event.sequence;
    setBusy(true);
    if ((await onSave(body)) && !event) {
      setForm(EMPTY);
      setTo([]);
    }
    setBusy(false);
  }

  const field = (key, label, type, extra = {}) => html`<div class="field">
    <label for=${`${prefix}-${key}`}>${label}</label>
    <input ...${extra} id=${`${prefix}-${key}`} type=${type} value=${form[key]} onInput=${set(key)}
      aria-invalid=${errors[key] ? 'true' : 'false'} aria-describedby=${errors[key] ? `${prefix}-${key}-error` : undefined} />
    ${errors[key] ? html`<p class="field-error" id=${`${prefix}-${key}-error`}>${errors[key]}</p>` : null}
  </div>`;

  return html`<form class="event-form" id=${`${prefix}-form`} onSubmit=${submit} noValidate>
    <fieldset class="form-body" disabled=${busy}>
      <div class="field-row">
        ${field('title', t('title'), 'text', { maxlength: 200 })}
        ${field('start', t('starts'), 'datetime-local')}
        ${field('end', t('ends'), 'datetime-local')}
      </div>
      <p class="hint">${t('times-in', { zone: viewerZone().replaceAll('_', ' ') })}</p>
      <div class="field-row">
        ${field('place', t('place'), 'text', { maxlength: 300 })}
        ${field('videoUrl', t('meeting-link'), 'url', { placeholder: 'https://' })}
      </div>
      <label for=${`${prefix}-notes`}>${t('notes')}</label>
      <textarea id=${`${prefix}-notes`} rows="2" maxlength="2000" value=${form.notes} onInput=${set('notes')}></textarea>
      ${offered.length
        ? html`<fieldset><legend>${event ? t('also-share-with') : t('share-with-legend')}</legend>
            ${offered.map((c) => html`<label key=${c.contactId}><input type="checkbox" id=${`${prefix}-to-${c.contactId}`} checked=${to.includes(c.contactId)}
              onChange=${(e) => setTo((ids) => (e.currentTarget.checked ? [...ids, c.contactId] : ids.filter((x) => x !== c.contactId)))} /> ${c.name}</label>`)}
          </fieldset>`
        : null}
      <button type="submit" class="button primary" disabled=${busy}>${event ? t('save-changes') : t('create-event')}</button>
      ${onCancel ? html`<button type="button" class="button quiet" onClick=${onCancel}>${t('cancel')}</button>` : null}
    </fieldset>
  </form>`;
}
