// The staff routes of a matter's bills and trust requests, over the staff request core
// (staff-api.js spreads them into its client). No DOM; tested through
// test/unit/staff-console.test.js.

import { matterPath } from './staff-query.js';

/** @param {(method: string, path: string, options?: any) => Promise<any>} request */
export function billRoutes(request) {
  return {
    /** GET /matters/{m}/bills -> {items, today}: newest issued first, with today's status. */
    async listBills(matterId, { signal } = {}) {
      const body = await request('GET', `${matterPath(matterId)}/bills`, { signal });
      return { items: Array.isArray(body?.items) ? body.items : [], today: body?.today ?? '' };
    },
    /** POST /matters/{m}/bills: a bill or trust request (amounts in minor units). */
    createBill(matterId, bill) {
      return request('POST', `${matterPath(matterId)}/bills`, { body: bill });
    },
    /** PUT /matters/{m}/bills/{b}: only the fields given, at the revision read (409 when stale). */
    editBill(matterId, billId, edit) {
      return request('PUT', `${matterPath(matterId)}/bills/${encodeURIComponent(billId)}`, { body: edit });
    },
    /** POST /matters/{m}/bill-sendings -> {sent}: bills to contacts, with an optional note. */
    sendBills(matterId, { billIds, contactIds, message = '' }) {
      const body = { billIds, contactIds };
      if (message.trim()) body.message = message.trim();
      return request('POST', `${matterPath(matterId)}/bill-sendings`, { body });
    },
  };
}
