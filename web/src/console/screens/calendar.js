// The Calendar section: the matter's events by start, whom each is shared with, a new one,
// a change (contacts told; "moved" when its times changed) and a cancellation (kept, shown
// as cancelled; the contact's calendar file says so).
import { t } from '../texts.js';
import { html, useState, useEffect } from '../../../vendor/preact-htm.js';
import { runChange } from '../run-change.js';
import { shareableContacts } from '../sections.js';
import { whenText, zoneNote } from '../../common/appointments.js';
import { EventForm } from './event-form.js';

/** @param {{api: any, matter: any, contacts: any[] | null, announce: Function}} props */
export function CalendarSection({ api, matter, contacts, announce }) {
  const [items, setItems] = useState(/** @type {any[] | null} */ (null));
  const [editing, setEditing] = useState('');
  const m = matter.matterId;
  const reachable = shareableContacts(contacts ?? []);

  async function load() {
    try {
      setItems(await api.listAppointments(m));
    } catch (e) {
      if (e?.status !== 401) announce(t('events-failed', { reason: e?.message ?? '' }).trim(), 'error');
    }
  }
  useEffect(() => {
    load();
  }, [m]);

  const act = (change, success) => runChange(change, success, { announce, reload: load });

  const list = items ?? [];
  return html`<div class="calendar-console">
    <section class="panel" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">${t('section-calendar')}</h2>
      ${items === null ? html`<p class="loading" aria-busy="true">${t('loading-events')}</p>` : null}
      ${items && !list.length ? html`<p class="subtle">${t('no-events')}</p>` : null}
      <ul class="event-list" id="calendar-list">
        ${list.map((a) => html`<li key=${`${a.appointmentId}-${a.sequence}`} class=${`event-item${a.cancelled ? ' cancelled' : ''}`} data-appointment-id=${a.appointmentId}>
          <div class="bill-head">
            <span class="event-title">${a.title}</span>
            ${a.cancelled ? html`<span class="status bill-status status-pastDue">${t('cancelled')}</span>` : null}
          </div>
          <p class="event-when">${whenText(a)}${zoneNote(a) ? html` <span class="subtle">(${zoneNote(a)})</span>` : null}</p>
          <p class="subtle">${[a.place, a.sharedWith.length ? t('shared-with-names', { names: a.sharedWith.map((s) => s.contactName).join(', ') }) : t('not-shared-yet')].filter(Boolean).join(' · ')}</p>
          ${editing === a.appointmentId
            ? html`<${EventForm} event=${a} contacts=${reachable} onCancel=${() => setEditing('')}
                onSave=${async (body) => {
                  const done = await act(() => api.changeAppointment(m, a.appointmentId, body), t('event-saved', { title: body.title }));
                  if (done) setEditing('');
                  return done;
                }} />`
            : a.cancelled
              ? null
              : html`<p class="bill-actions">
                  <button type="button" class="button quiet" onClick=${() => setEditing(a.appointmentId)}>${t('change')}<span class="visually-hidden"> ${a.title}</span></button>
                  <button type="button" class="button quiet danger-text" onClick=${() => act(() => api.cancelAppointment(m, a.appointmentId), t('event-cancelled', { title: a.title }))}>${t('cancel-event')}<span class="visually-hidden"> ${a.title}</span></button>
                </p>`}
        </li>`)}
      </ul>
    </section>
    <section class="panel" aria-labelledby="new-event-heading">
      <h2 id="new-event-heading">${t('new-event')}</h2>
      <${EventForm} contacts=${reachable} onSave=${(body) => act(() => api.createAppointment(m, body), (a) => t(a.sharedWith.length ? 'event-created-shared' : 'event-created', { title: a.title }))} />
    </section>
  </div>`;
}
