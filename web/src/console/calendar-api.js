// The staff routes of a matter's calendar events, over the staff request core (staff-api.js
// spreads them into its client). No DOM; tested through test/unit/staff-console.test.js.

import { matterPath } from './staff-query.js';

const appointmentPath = (matterId, id) => `${matterPath(matterId)}/appointments/${encodeURIComponent(id)}`;

/** @param {(method: string, path: string, options?: any) => Promise<any>} request */
export function calendarRoutes(request) {
  return {
    /** GET /matters/{m}/appointments: by start, cancelled ones marked. */
    async listAppointments(matterId, { signal } = {}) {
      const body = await request('GET', `${matterPath(matterId)}/appointments`, { signal });
      return Array.isArray(body?.items) ? body.items : [];
    },
    /** POST /matters/{m}/appointments: an event, shared at once with `contactIds`. */
    createAppointment(matterId, event) {
      return request('POST', `${matterPath(matterId)}/appointments`, { body: event });
    },
    /** PUT …/appointments/{a}: its whole new content at the sequence read (409 when stale). */
    changeAppointment(matterId, id, event) {
      return request('PUT', appointmentPath(matterId, id), { body: event });
    },
    /** DELETE …/appointments/{a}: cancelled, kept, contacts told. */
    cancelAppointment(matterId, id) {
      return request('DELETE', appointmentPath(matterId, id));
    },
  };
}
