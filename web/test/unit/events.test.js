// The activity feed's logic: which types each view asks for, filters -> query string, each
// event in words, the CSV file name, the staff client's list and export calls, and saving a
// Blob through a temporary <a download> (against a fake document).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FIRM_EVENT_TYPES,
  PORTAL_EVENT_TYPES,
  ALL_EVENT_TYPES,
  eventTypesFor,
  normalizeEventsQuery,
  eventsPath,
  eventsCsvPath,
  csvFileName,
  eventsSummary,
  eventKey,
} from '../../src/console/events.js';
import { eventSentence, detailLabel, detailText } from '../../src/console/event-words.js';
import { appendUnique } from '../../src/common/query.js';
import { parseRoute, routeHash } from '../../src/console/routes.js';
import { createStaffApi } from '../../src/console/staff-api.js';
import { saveBlob } from '../../src/common/browser-actions.js';

const params = (path) => Object.fromEntries(new URL(path, 'http://x').searchParams);

test('the toggle: firm events by default, every type with "Show all portal events"', () => {
  assert.equal(ALL_EVENT_TYPES.length, 38, 'every EventType of the service, once');
  assert.equal(new Set(ALL_EVENT_TYPES).size, 38);
  for (const t of ['accessGranted', 'accessUpdated', 'addressChanged', 'accessRevoked', 'accessExpired', 'documentShared', 'shareStopped', 'documentDeleted', 'uploadAttached', 'uploadRejected', 'notificationSent']) {
    assert.ok(FIRM_EVENT_TYPES.includes(t), `${t} is a firm event`);
  }
  for (const t of ['signedIn', 'signedOut', 'documentViewed', 'documentDownloaded', 'invitationSent']) {
    assert.ok(PORTAL_EVENT_TYPES.includes(t), `${t} is a portal event`);
    assert.ok(!FIRM_EVENT_TYPES.includes(t), `${t} is hidden by default`);
  }
  assert.deepEqual([...eventTypesFor(false)], [...FIRM_EVENT_TYPES]);
  assert.deepEqual([...eventTypesFor(true)], [], 'all: no type filter at all');
});

test('filters -> query string', () => {
  assert.deepEqual(params(eventsPath('m-1', {})), { type: FIRM_EVENT_TYPES.join(','), limit: '50' });
  assert.deepEqual(params(eventsPath('m-1', { showAll: true })), { limit: '50' });
  assert.deepEqual(params(eventsPath('m-1', { showAll: true, contactId: 'c-1', documentId: 'd-1' }, { cursor: 'abc==', limit: 10 })), {
    contactId: 'c-1',
    documentId: 'd-1',
    limit: '10',
    cursor: 'abc==',
  });
  assert.match(eventsPath('m 1', { showAll: true }), /^\/matters\/m%201\/events\?/);
  assert.equal(eventsPath('m1', { showAll: true }, { limit: 500 }), '/matters/m1/events?limit=200');
  assert.deepEqual(normalizeEventsQuery({ contactId: 'bad id', documentId: 7, showAll: 'yes' }), { contactId: '', documentId: '', showAll: false });
  // Export: the same filters, no page, format=csv.
  assert.deepEqual(params(eventsCsvPath('m1', { contactId: 'c-1' })), { contactId: 'c-1', type: FIRM_EVENT_TYPES.join(','), format: 'csv' });
  assert.deepEqual(params(eventsCsvPath('m1', { showAll: true, documentId: 'd-2' })), { documentId: 'd-2', format: 'csv' });
});

test('the route and tab of the Activity section', () => {
  assert.deepEqual(parseRoute('#/matters/m-1/activity'), { view: 'matter', matterId: 'm-1', section: 'activity' });
  assert.equal(routeHash({ view: 'matter', matterId: 'm-1', section: 'activity' }), '#/matters/m-1/activity');
});

const ann = { contactId: 'c-ann', contactName: 'Ann Client' };
const staffActor = { kind: 'staff', id: 's1', name: 'Lee Lawyer' };
const annActor = { kind: 'contact', id: 'c-ann', name: 'Ann Client' };
const system = { kind: 'system', id: 'system', name: 'Portal' };
const will = { documentId: 'd-1', fileName: 'Will.pdf' };

test('each event in plain words: who, what, which document or contact', () => {
  const cases = [
    [{ type: 'documentDownloaded', actor: annActor, ...ann, ...will }, 'Ann Client downloaded Will.pdf'],
    [{ type: 'documentViewed', actor: annActor, ...ann, ...will }, 'Ann Client viewed Will.pdf'],
    [{ type: 'documentShared', actor: staffActor, ...ann, ...will }, 'Lee Lawyer shared Will.pdf with Ann Client'],
    [{ type: 'shareStopped', actor: staffActor, ...ann, ...will }, 'Lee Lawyer stopped sharing Will.pdf with Ann Client'],
    [{ type: 'documentDeleted', actor: staffActor, ...will }, 'Lee Lawyer deleted Will.pdf'],
    [{ type: 'accessGranted', actor: staffActor, ...ann }, 'Lee Lawyer gave Ann Client access'],
    [{ type: 'accessUpdated', actor: staffActor, ...ann }, 'Lee Lawyer changed Ann Client’s access'],
    [{ type: 'addressChanged', actor: staffActor, ...ann }, 'Lee Lawyer changed Ann Client’s sign-in address'],
    [{ type: 'accessRevoked', actor: staffActor, ...ann }, 'Lee Lawyer revoked Ann Client’s access'],
    [{ type: 'accessExpired', actor: system, ...ann }, 'Ann Client’s access ended (end date reached)'],
    [{ type: 'invitationSent', actor: staffActor, ...ann }, 'An invitation was emailed to Ann Client'],
    [{ type: 'signedIn', actor: annActor, ...ann }, 'Ann Client signed in'],
    [{ type: 'signedOut', actor: annActor, ...ann }, 'Ann Client signed out'],
    [{ type: 'uploadAttached', actor: annActor, ...ann, documentId: 'd-2', fileName: 'Scan.pdf' }, 'Ann Client uploaded Scan.pdf'],
    [{ type: 'uploadRejected', actor: annActor, ...ann, fileName: 'x.exe' }, 'Ann Client’s upload x.exe was rejected'],
    [{ type: 'notificationSent', actor: system, ...ann }, 'A notification email was sent to Ann Client'],
    [{ type: 'preferencesChanged', actor: annActor, ...ann, detail: 'language: es' }, 'Ann Client chose Español for the portal and its emails'],
    [{ type: 'notificationSent', actor: system }, 'A notification email was sent'],
    // The system as actor reads passively; missing names fall back to ids.
    [{ type: 'accessRevoked', actor: system, ...ann }, 'Ann Client’s access was revoked'],
    [{ type: 'documentShared', actor: system, contactId: 'c-9', documentId: 'd-9' }, 'document d-9 was shared with c-9'],
    [{ type: 'somethingNew', actor: staffActor }, 'Lee Lawyer: somethingNew'],
  ];
  for (const [event, words] of cases) assert.equal(eventSentence(event), words, event.type);
  assert.equal(detailLabel('documentShared'), 'Message');
  assert.equal(detailLabel('uploadRejected'), 'Reason');
  assert.equal(detailLabel('signedIn'), '');
  assert.equal(detailText({ type: 'documentShared', detail: 'please read by Friday' }), 'Message: please read by Friday', 'a message as typed');
  assert.equal(detailText({ type: 'uploadRejected', detail: 'the file type is not allowed' }), 'Reason: the file type is not allowed');
  assert.equal(detailText({ type: 'invitationSent', detail: 'to ann@client.example' }), 'To ann@client.example');
  assert.equal(detailText({ type: 'signedIn', detail: null }), '');
});


test('pages append without repeats; the summary', () => {
  const a = { eventId: 'e1' };
  const b = { eventId: 'e2' };
  assert.deepEqual(appendUnique([a], [a, b], eventKey), [a, b]);
  assert.equal(eventsSummary({ count: 3, hasMore: true, showAll: false }), '3 firm events, newest first; more are available');
  assert.equal(eventsSummary({ count: 1, hasMore: false, showAll: true, contactName: 'Ann', fileName: 'Will.pdf' }), '1 event for Ann about Will.pdf, newest first');
  assert.match(eventsSummary({ count: 0, hasMore: false, showAll: false }), /^No firm events yet\. Turn on “Show all portal events”/);
  assert.equal(eventsSummary({ count: 0, hasMore: false, showAll: true, contactName: 'Ann' }), 'No events for Ann yet.');
});

test('the export file name: the service’s when plain, never a path', () => {
  assert.equal(csvFileName('attachment; filename="events-m-1.csv"', 'm-1'), 'events-m-1.csv');
  assert.equal(csvFileName("attachment; filename*=UTF-8''events%20m%C3%A9.csv", 'm-1'), 'events mé.csv');
  assert.equal(csvFileName('attachment; filename=events.csv', 'm-1'), 'events.csv');
  assert.equal(csvFileName('attachment; filename="../../etc/passwd"', 'm-1'), 'events-m-1.csv', 'a name starting with a dot is refused');
  assert.equal(csvFileName('attachment; filename="a/b.csv"', 'm-1'), 'ab.csv');
  assert.equal(csvFileName('attachment; filename="report"', 'm-1'), 'report.csv');
  assert.equal(csvFileName(null, 'm-1'), 'events-m-1.csv');
  assert.equal(csvFileName('attachment', 'm/1'), 'events-m1.csv');
});

/** A fetch that records requests and answers from a queue. */
function fakeFetch(...answers) {
  const calls = [];
  const fn = async (url, init) => {
    calls.push({ url, init, body: init.body === undefined ? undefined : JSON.parse(init.body) });
    const { status = 200, body = '', headers = {} } = answers.shift() ?? {};
    return new Response(status === 204 ? null : typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
  };
  return { fn, calls };
}

test('the staff client: a page of events, readers, and the CSV export with the Bearer token', async () => {
  const { fn, calls } = fakeFetch(
    { body: { items: [{ eventId: 'e1', type: 'signedIn' }], nextCursor: 'n1' } },
    { body: { documentId: 'd1', opened: [{ contactId: 'c1', openCount: 2 }], notOpened: null } },
    { body: 'at,type\n2026-11-24T10:02:00Z,signedIn\n', headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="events-m1.csv"' } },
    { status: 404, body: { error: { code: 'not_found', message: 'no such route' } } },
  );
  const unauthorized = [];
  const api = createStaffApi({ base: 'https://portal.example/', fetch: fn, getToken: () => 'tok', onUnauthorized: (e) => unauthorized.push(e) });
  assert.deepEqual(await api.listEvents('m1', { showAll: true, contactId: 'c1' }, { cursor: 'x' }), {
    items: [{ eventId: 'e1', type: 'signedIn' }],
    nextCursor: 'n1',
  });
  assert.equal(calls[0].url, 'https://portal.example/matters/m1/events?contactId=c1&limit=50&cursor=x');
  assert.deepEqual(await api.listReaders('m1', 'd1'), { documentId: 'd1', opened: [{ contactId: 'c1', openCount: 2 }], notOpened: [] });
  assert.equal(calls[1].url, 'https://portal.example/matters/m1/documents/d1/readers');
  const { blob, fileName } = await api.exportEvents('m1', { documentId: 'd1' });
  assert.equal(fileName, 'events-m1.csv');
  assert.equal(await blob.text(), 'at,type\n2026-11-24T10:02:00Z,signedIn\n');
  assert.equal(calls[2].url, `https://portal.example/matters/m1/events?documentId=d1&type=${encodeURIComponent(FIRM_EVENT_TYPES.join(','))}&format=csv`);
  assert.equal(calls[2].init.headers.Authorization, 'Bearer tok');
  assert.equal(calls[2].init.credentials, 'omit');
  await assert.rejects(api.exportEvents('m1', {}), (e) => e.status === 404 && /No such route/.test(e.message));
  const noToken = createStaffApi({ fetch: fn, getToken: () => null, onUnauthorized: (e) => unauthorized.push(e) });
  await assert.rejects(noToken.exportEvents('m1', {}), (e) => e.status === 401);
  assert.equal(unauthorized.length, 1);
});

test('grant sends expiresAt only when given; share sends downloadLimit only when set', async () => {
  const { fn, calls } = fakeFetch({ body: {} }, { body: {} }, { body: {} }, { body: {} }, { body: {} });
  const api = createStaffApi({ fetch: fn, getToken: () => 't' });
  await api.grant('m1', 'c1', { email: 'a@b.c', name: 'A', canDownload: true });
  assert.deepEqual(calls[0].body, { email: 'a@b.c', name: 'A', canDownload: true });
  await api.grant('m1', 'c1', { email: 'a@b.c', name: 'A', canDownload: true, expiresAt: '2026-12-01T23:59:59Z' });
  assert.deepEqual(calls[1].body.expiresAt, '2026-12-01T23:59:59Z');
  await api.grant('m1', 'c1', { email: 'a@b.c', name: 'A', canDownload: true, expiresAt: null });
  assert.ok('expiresAt' in calls[2].body && calls[2].body.expiresAt === null, 'null clears the end date');
  await api.share('m1', { documentIds: ['d1'], contactIds: ['c1'], message: ' ', downloadLimit: 5 });
  assert.deepEqual(calls[3].body, { documentIds: ['d1'], contactIds: ['c1'], downloadLimit: 5 });
  await api.share('m1', { documentIds: ['d1'], contactIds: ['c1'], downloadLimit: null });
  assert.deepEqual(calls[4].body, { documentIds: ['d1'], contactIds: ['c1'] });
});

test('saving a Blob: an object URL on a temporary <a download>, clicked, removed, revoked later', () => {
  const appended = [];
  const clicked = [];
  const doc = {
    createElement: (tag) => {
      const el = { tag, removed: false, click: () => clicked.push({ href: el.href, download: el.download, inPage: appended.includes(el) }), remove: () => { el.removed = true; } };
      return el;
    },
    body: { append: (el) => appended.push(el) },
  };
  const revoked = [];
  const timers = [];
  const urls = { createObjectURL: () => 'blob:https://portal.example/123', revokeObjectURL: (u) => revoked.push(u) };
  saveBlob(/** @type {any} */ (doc), urls, new Blob(['a,b\n']), 'events-m1.csv', (fn, ms) => timers.push({ fn, ms }));
  assert.deepEqual(clicked, [{ href: 'blob:https://portal.example/123', download: 'events-m1.csv', inPage: true }]);
  assert.equal(appended[0].tag, 'a');
  assert.equal(appended[0].hidden, true);
  assert.equal(appended[0].removed, true, 'the anchor is gone');
  assert.deepEqual(revoked, [], 'not revoked before the download started');
  timers[0].fn();
  assert.deepEqual(revoked, ['blob:https://portal.example/123']);
});

test('versions and folders in plain words', () => {
  const sam = { kind: 'staff', name: 'Sam' };
  assert.equal(eventSentence({ type: 'documentVersionAdded', actor: sam, fileName: 'Will.pdf', version: 2 }), 'Sam added version 2 of Will.pdf');
  assert.equal(
    eventSentence({ type: 'documentVersionAdded', actor: sam, fileName: 'Will.pdf', version: 2, contactId: 'c', contactName: 'Ann' }),
    'Ann now sees version 2 of Will.pdf',
  );
  assert.equal(eventSentence({ type: 'folderShared', actor: sam, contactName: 'Ann', contactId: 'c' }), 'Sam shared a folder with Ann');
  assert.equal(detailLabel('folderShared'), 'Folder');
  assert.equal(eventSentence({ type: 'billSent', actor: sam, contactName: 'Ann', contactId: 'c' }), 'Sam sent a bill to Ann');
  assert.equal(eventSentence({ type: 'billUpdated', actor: sam, contactName: 'Ann', contactId: 'c' }), 'Ann now sees a change to a bill');
  assert.equal(eventSentence({ type: 'billUpdated', actor: sam }), 'Sam changed a bill');
  assert.equal(eventSentence({ type: 'billCreated', actor: sam }), 'Sam created a bill');
  assert.equal(eventSentence({ type: 'appointmentMoved', actor: sam, contactName: 'Ann', contactId: 'c' }), 'Ann was told a calendar event moved');
  assert.equal(eventSentence({ type: 'appointmentCancelled', actor: sam }), 'Sam cancelled a calendar event');
  assert.equal(detailLabel('appointmentShared'), 'Event');
  assert.equal(detailText({ type: 'billSent', detail: 'Bill 1042, USD 1,250.00 due 2027-01-31' }), 'Bill: Bill 1042, USD 1,250.00 due 2027-01-31');
});
