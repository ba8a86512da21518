// My upcoming calendar events, soonest first, in my zone (the event's own named when it
// differs): where, the meeting link, the firm's notes, Cancelled when it was, and Add to
// calendar, which saves the event's .ics (a later file replaces it in the calendar: same UID,
// higher SEQUENCE).
import { html, useState, useEffect } from '../../../vendor/preact-htm.js';
import { whenText, zoneNote, icsFileName } from '../../common/appointments.js';
import { isFollowableUrl, saveBlob } from '../../common/browser-actions.js';
import { t } from '../texts.js';

/** @param {{api: any, announce: Function}} props */
export function AppointmentList({ api, announce }) {
  const [items, setItems] = useState(/** @type {any[] | null} */ (null));
  const [error, setError] = useState('');
  useEffect(() => {
    api.listAppointments().then(
      (list) => setItems(list),
      (e) => {
        if (e?.status !== 401) setError(t('events-failed', { reason: e?.message ?? '' }).trim());
      },
    );
  }, [api]);

  async function addToCalendar(a) {
    try {
      const text = await api.appointmentIcs(a.matterId, a.appointmentId);
      saveBlob(document, URL, new Blob([text], { type: 'text/calendar' }), icsFileName(a.title));
      announce(t('ics-saved', { file: icsFileName(a.title) }), 'success');
    } catch (e) {
      if (e?.status !== 401) announce(t('ics-failed', { reason: e?.message ?? '' }).trim(), 'error');
    }
  }

  if (error) return html`<section class="events-panel" aria-labelledby="events-heading"><h2 id="events-heading">${t('events-heading')}</h2><p class="message error" role="alert">${error}</p></section>`;
  if (!items?.length) return null;
  return html`<section class="events-panel" aria-labelledby="events-heading">
    <h2 id="events-heading">${t('events-heading')}</h2>
    <ul class="event-list" id="event-list">
      ${items.map((a) => html`<li key=${a.appointmentId} class=${`event-item${a.cancelled ? ' cancelled' : ''}`} data-appointment-id=${a.appointmentId}>
        <div class="bill-head">
          <span class="event-title">${a.title}</span>
          ${a.cancelled ? html`<span class="badge bill-status status-pastDue">${t('cancelled')}</span>` : null}
        </div>
        <p class="event-when">${whenText(a)}${zoneNote(a) ? html` <span class="subtle">(${zoneNote(a)})</span>` : null}</p>
        <p class="subtle">${a.matterTitle}${a.place ? ` · ${a.place}` : ''}</p>
        ${a.notes ? html`<p class="bill-note">${a.notes}</p>` : null}
        <p class="bill-actions">
          ${!a.cancelled && isFollowableUrl(a.videoUrl) ? html`<a href=${a.videoUrl} target="_blank" rel="noopener noreferrer">${t('join-meeting')}<span class="visually-hidden"> ${a.title}</span></a>` : null}
          <button type="button" class="link-button" onClick=${() => addToCalendar(a)}>${a.cancelled ? t('update-calendar') : t('add-to-calendar')}<span class="visually-hidden"> ${a.title}</span></button>
        </p>
      </li>`)}
    </ul>
  </section>`;
}
