import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, errorFromResponse, sentence, MESSAGES } from '../../src/common/request.js';
import { createApi, linkErrorMessage } from '../../src/portal/api.js';

/** A fetch that records requests and answers from a queue. */
function fakeFetch(...answers) {
  const calls = [];
  const fn = async (url, init) => {
    calls.push({ url, init, body: init.body === undefined ? undefined : JSON.parse(init.body) });
    const next = answers.shift();
    if (next instanceof Error) throw next;
    if (typeof next === 'function') return next();
    const { status = 200, body } = next ?? {};
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status });
  };
  fn.calls = calls;
  return fn;
}

function api(fetch, { token = 'sess', base = '' } = {}) {
  const unauthorized = [];
  const client = createApi({
    base,
    fetch,
    getToken: () => token,
    onUnauthorized: (error, sent) => unauthorized.push({ error, sent }),
  });
  return { client, unauthorized };
}

const errorBody = (code, message) => ({ error: { code, message } });

test('signed-in calls send the session as a bearer token', async () => {
  const fetch = fakeFetch({ body: { items: [{ documentId: 'd1' }], nextCursor: 'c2' } });
  const { client } = api(fetch);
  const page = await client.listDocuments({ q: 'lease', sort: 'name' }, { cursor: 'c1' });
  assert.deepEqual(page, { items: [{ documentId: 'd1' }], nextCursor: 'c2' });
  const { url, init } = fetch.calls[0];
  assert.equal(init.method, 'GET');
  assert.equal(init.headers.Authorization, 'Bearer sess');
  assert.equal(init.headers['Content-Type'], undefined);
  assert.equal(url, '/portal/documents?q=lease&sort=name&order=asc&limit=50&cursor=c1');
});

test('the API base prefixes every path', async () => {
  const fetch = fakeFetch({ body: { items: [], nextCursor: null } });
  await api(fetch, { base: 'https://api.example.com/' }).client.listMatters();
  assert.equal(fetch.calls[0].url, 'https://api.example.com/portal/matters');
});

test('sign-in calls send no token and a JSON body', async () => {
  const fetch = fakeFetch(
    { status: 201, body: { session: 's', expiresAt: '2026-11-22T10:00:00.000000Z', contact: { id: 'c', email: 'e@x.io', name: 'E' } } },
    { status: 202, body: {} },
  );
  const { client } = api(fetch, { token: null });
  const s = await client.openSession('tok');
  assert.equal(s.session, 's');
  assert.deepEqual(fetch.calls[0].body, { invitation: 'tok' });
  assert.equal(fetch.calls[0].init.method, 'POST');
  assert.equal(fetch.calls[0].url, '/portal/sessions');
  assert.equal(fetch.calls[0].init.headers.Authorization, undefined);
  assert.equal(fetch.calls[0].init.headers['Content-Type'], 'application/json');
  assert.deepEqual(await client.requestSignInLink('e@x.io'), {});
  assert.deepEqual(fetch.calls[1].body, { email: 'e@x.io' });
});

test('a 401 on a signed-in call drops the session', async () => {
  const fetch = fakeFetch({ status: 401, body: errorBody('unauthorized', 'authentication required') });
  const { client, unauthorized } = api(fetch);
  await assert.rejects(client.listDocuments({}), (e) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 401);
    assert.equal(e.code, 'unauthorized');
    assert.equal(e.message, MESSAGES.unauthorized);
    return true;
  });
  assert.equal(unauthorized.length, 1);
  assert.equal(unauthorized[0].sent, 'sess');
});

test('a 401 on the invitation exchange is the link, not the session', async () => {
  const fetch = fakeFetch({ status: 401, body: errorBody('unauthorized', 'authentication required') });
  const { client, unauthorized } = api(fetch, { token: null });
  await assert.rejects(client.openSession('used'), { status: 401 });
  assert.equal(unauthorized.length, 0);
});

test('no session at all: no request, signed out', async () => {
  const fetch = fakeFetch();
  const { client, unauthorized } = api(fetch, { token: null });
  await assert.rejects(client.closeSession(), { status: 401 });
  assert.equal(fetch.calls.length, 0);
  assert.equal(unauthorized.length, 1);
});

test('204 answers null', async () => {
  const fetch = fakeFetch({ status: 204 });
  assert.equal(await api(fetch).client.closeSession(), null);
  assert.equal(fetch.calls[0].init.method, 'DELETE');
  assert.equal(fetch.calls[0].url, '/portal/sessions/current');
});

test('the 403 of a forged download keeps its code and message', async () => {
  const fetch = fakeFetch({ status: 403, body: errorBody('forbidden', 'you may view this document but not download it') });
  const { client, unauthorized } = api(fetch);
  await assert.rejects(client.createLink('d 1/x', 'download'), (e) => {
    assert.equal(e.status, 403);
    assert.equal(e.code, 'forbidden');
    assert.equal(e.message, 'You may view this document but not download it.');
    assert.equal(e.serverMessage, 'you may view this document but not download it');
    return true;
  });
  assert.equal(fetch.calls[0].url, '/portal/documents/d%201%2Fx/links');
  assert.deepEqual(fetch.calls[0].body, { disposition: 'download' });
  assert.equal(unauthorized.length, 0);
});

test('a stamped link is asked for with no body', async () => {
  const fetch = fakeFetch({ body: { url: 'https://bucket/stamps/x.pdf', expiresAt: 'x' } });
  const { client } = api(fetch);
  assert.deepEqual(await client.createStampedLink('d 1/x'), { url: 'https://bucket/stamps/x.pdf', expiresAt: 'x' });
  assert.equal(fetch.calls[0].init.method, 'POST');
  assert.equal(fetch.calls[0].url, '/portal/documents/d%201%2Fx/stamped-links');
  assert.equal(fetch.calls[0].body, undefined);
});

test('upload intents and their status', async () => {
  const intent = { uploadId: 'u1', url: 'https://bucket/x', method: 'PUT', headers: { 'content-type': 'application/pdf' }, expiresAt: 'x' };
  const fetch = fakeFetch({ status: 201, body: intent }, { body: { uploadId: 'u1', status: 'pending', rejectionReason: null, documentId: null } });
  const { client } = api(fetch);
  assert.deepEqual(await client.requestUpload('m-1', { fileName: 'a.pdf', contentType: 'application/pdf', size: 3 }), intent);
  assert.equal(fetch.calls[0].url, '/portal/matters/m-1/uploads');
  assert.deepEqual(fetch.calls[0].body, { fileName: 'a.pdf', contentType: 'application/pdf', size: 3 });
  assert.equal((await client.uploadStatus('m-1', 'u1')).status, 'pending');
  assert.equal(fetch.calls[1].url, '/portal/matters/m-1/uploads/u1');
});

test('tasks: mine, one marked done, and an upload naming the task it completes', async () => {
  const fetch = fakeFetch({ body: { items: [{ taskId: 't1' }], today: '2027-01-05' } }, { body: { taskId: 't1', status: 'done' } }, { status: 201, body: { uploadId: 'u1' } });
  const { client } = api(fetch);
  assert.deepEqual(await client.listTasks(), [{ taskId: 't1' }]);
  assert.equal(fetch.calls[0].url, '/portal/tasks');
  assert.equal((await client.markTaskDone('m 1', 't/1')).status, 'done');
  assert.equal(fetch.calls[1].url, '/portal/matters/m%201/tasks/t%2F1/done');
  assert.equal(fetch.calls[1].init.method, 'POST');
  await client.requestUpload('m-1', { fileName: 'a.pdf', contentType: 'application/pdf', size: 3, checksumSha256: 'x', taskId: 't1' });
  assert.deepEqual(fetch.calls[2].body, { fileName: 'a.pdf', contentType: 'application/pdf', size: 3, checksumSha256: 'x', taskId: 't1' });
});

test('413 and 415 keep their codes', async () => {
  const fetch = fakeFetch(
    { status: 413, body: errorBody('too_large', 'size 209715200 is above the upload limit of 104857600 bytes') },
    { status: 415, body: errorBody('unsupported_type', 'application/x-msdownload is not an allowed upload type') },
  );
  const { client } = api(fetch);
  await assert.rejects(client.requestUpload('m', { fileName: 'a', contentType: 'a/b', size: 1 }), { status: 413, code: 'too_large' });
  await assert.rejects(client.requestUpload('m', { fileName: 'a', contentType: 'a/b', size: 1 }), { status: 415, code: 'unsupported_type' });
});

test('network failures, throttling, server faults and odd bodies', async () => {
  const fetch = fakeFetch(
    new TypeError('Failed to fetch'),
    { status: 429, body: { message: 'Too Many Requests' } },
    { status: 500, body: errorBody('internal', 'internal error') },
    { status: 502, body: '<html>Bad gateway</html>' },
    { status: 200, body: 'not json' },
  );
  const { client } = api(fetch);
  await assert.rejects(client.listDocuments({}), { status: 0, code: 'network', message: MESSAGES.network });
  await assert.rejects(client.listDocuments({}), { status: 429, code: 'throttled', message: MESSAGES.throttled });
  await assert.rejects(client.listDocuments({}), { status: 500, code: 'internal', message: MESSAGES.server });
  await assert.rejects(client.listDocuments({}), { status: 502, code: 'server', message: MESSAGES.server });
  await assert.rejects(client.listDocuments({}), { status: 200, code: 'bad_response' });
});

test('an aborted request stays an abort', async () => {
  const abort = new DOMException('aborted', 'AbortError');
  const { client } = api(fakeFetch(abort));
  await assert.rejects(client.requestUpload('m', { fileName: 'a', contentType: 'a/b', size: 1 }), { name: 'AbortError' });
});

test('matters: every page, bounded', async () => {
  const fetch = fakeFetch(
    { body: { items: [{ matterId: 'm1' }], nextCursor: 'n' } },
    { body: { items: [{ matterId: 'm2' }], nextCursor: null } },
  );
  const items = await api(fetch).client.listMatters();
  assert.deepEqual(items.map((m) => m.matterId), ['m1', 'm2']);
  assert.equal(fetch.calls[1].url, '/portal/matters?cursor=n');
  const endless = fakeFetch(...Array.from({ length: 5 }, () => ({ body: { items: [{ matterId: 'x' }], nextCursor: 'again' } })));
  assert.equal((await api(endless).client.listMatters({ maxPages: 3 })).length, 3);
});

test('error mapping from status and body', () => {
  assert.equal(errorFromResponse(400, { error: { code: 'validation_failed', message: 'email must be an email address' } }).message, 'Email must be an email address.');
  assert.equal(errorFromResponse(404, null).code, 'not_found');
  assert.equal(errorFromResponse(404, null).message, MESSAGES.not_found);
  assert.equal(errorFromResponse(409, errorBody('conflict', 'x')).message, MESSAGES.conflict);
  assert.equal(errorFromResponse(418, null).code, 'unknown');
  assert.equal(sentence('done.'), 'Done.');
  assert.equal(sentence(''), '');
});

test('messages for a failed open or download', () => {
  const doc = { fileName: 'Lease.pdf' };
  assert.equal(
    linkErrorMessage(new ApiError({ status: 403, code: 'forbidden', message: 'x' }), doc, 'download'),
    'You can view “Lease.pdf” but not download it. Ask the firm if you need a copy.',
  );
  assert.match(linkErrorMessage(new ApiError({ status: 404, code: 'not_found', message: 'x' }), doc, 'view'), /no longer shared/);
  assert.match(linkErrorMessage(new ApiError({ status: 409, code: 'conflict', message: 'x' }), doc, 'view'), /not ready yet/);
  assert.equal(
    linkErrorMessage(new ApiError({ status: 0, code: 'network', message: MESSAGES.network }), doc, 'view'),
    `Couldn't open “Lease.pdf”: ${MESSAGES.network}`,
  );
});

test('a calendar file comes back as its text; a refusal is still the service’s JSON error', async () => {
  const ics = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';
  const fetch = fakeFetch({ body: ics }, { status: 404, body: { error: { code: 'not_found', message: 'event e1 not found' } } });
  const { client } = api(fetch);
  assert.equal(await client.appointmentIcs('m 1', 'a1'), ics);
  assert.equal(fetch.calls[0].url, '/portal/matters/m%201/appointments/a1/ics');
  assert.match(fetch.calls[0].init.headers.Accept, /^text\/calendar, application\/json$/);
  await assert.rejects(client.appointmentIcs('m1', 'a1'), (e) => e.status === 404);
});
