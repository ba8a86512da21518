import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUploadJob, pollDelay, POLL_EVERY_MS } from '../../src/common/uploader.js';
import { createLimiter, uploadStatusText, uploadPercent, queueFiles, isFinished, isInFlight } from '../../src/common/upload-queue.js';
import { ApiError } from '../../src/common/request.js';
import { xhrFactory } from './fake-xhr.js';

const file = { name: 'Signed contract.pdf', size: 2048, type: 'application/pdf' };
const config = { maxUploadBytes: 100 * 1024 * 1024, allowedContentTypes: ['application/pdf'] };
const intent = {
  uploadId: 'up-1',
  url: 'https://bucket.example/matters/m-1/uploads/up-1?X-Amz-Signature=abc',
  method: 'PUT',
  headers: { 'content-type': 'application/pdf', 'content-length': '2048' },
  expiresAt: '2026-11-22T10:15:00.000000Z',
};

const CHECKSUM = 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=';

/** Lets pending promise callbacks run. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** An API double: requestUpload answers `intent` (or throws), uploadStatus answers from a list. */
function fakeApi({ upload = intent, statuses = [] } = {}) {
  const calls = { requestUpload: [], uploadStatus: [] };
  return {
    calls,
    async requestUpload(matterId, body, options) {
      calls.requestUpload.push({ matterId, body, options });
      if (upload instanceof Error) throw upload;
      if (typeof upload === 'function') return upload(options);
      return upload;
    },
    async uploadStatus(matterId, uploadId) {
      calls.uploadStatus.push({ matterId, uploadId });
      const next = statuses.length > 1 ? statuses.shift() : statuses[0];
      if (next instanceof Error) throw next;
      return next;
    },
  };
}

function job(api, extra = {}) {
  const create = xhrFactory();
  const states = [];
  const sleeps = [];
  let clock = 0;
  const j = createUploadJob({
    file,
    matterId: 'm-1',
    contentType: 'application/pdf',
    api,
    config,
    createXhr: create,
    onChange: (s) => states.push(s),
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    now: () => clock,
    digest: async () => CHECKSUM,
    ...extra,
  });
  return { j, create, states, sleeps, phases: () => states.map((s) => s.phase) };
}

test('request, PUT with progress, poll until attached', async () => {
  const api = fakeApi({
    statuses: [
      { uploadId: 'up-1', status: 'pending', rejectionReason: null, documentId: null },
      { uploadId: 'up-1', status: 'attached', rejectionReason: null, documentId: 'up-1' },
    ],
  });
  const { j, create, states, sleeps, phases } = job(api);
  const done = j.start();
  await tick();
  assert.deepEqual(api.calls.requestUpload[0].body, {
    fileName: 'Signed contract.pdf',
    contentType: 'application/pdf',
    size: 2048,
    checksumSha256: CHECKSUM,
  });
  assert.equal(api.calls.requestUpload[0].matterId, 'm-1');
  const xhr = create.made[0];
  assert.equal(xhr.url, intent.url);
  assert.deepEqual(xhr.headers, { 'content-type': 'application/pdf' });
  assert.equal(xhr.sent, file);
  xhr.progress(1024, 2048);
  assert.equal(j.state.phase, 'uploading');
  assert.equal(j.state.fraction, 0.5);
  xhr.respond(200);
  const final = await done;
  assert.equal(final.phase, 'attached');
  assert.equal(final.documentId, 'up-1');
  assert.match(final.message, /was uploaded and added to your documents/);
  assert.deepEqual(api.calls.uploadStatus, [
    { matterId: 'm-1', uploadId: 'up-1' },
    { matterId: 'm-1', uploadId: 'up-1' },
  ]);
  assert.deepEqual(sleeps, [pollDelay(0), pollDelay(1)]);
  assert.deepEqual([...new Set(phases())], ['requesting', 'uploading', 'processing', 'attached']);
  assert.equal(states.at(-1), final);
  // Once sent, too late to cancel.
  assert.equal(j.cancel(), false);
});

test('rejected: the reason is shown', async () => {
  const api = fakeApi({ statuses: [{ uploadId: 'up-1', status: 'rejected', rejectionReason: 'the file is not a PDF', documentId: null }] });
  const { j, create } = job(api);
  const done = j.start();
  await tick();
  create.made[0].respond(200);
  const final = await done;
  assert.equal(final.phase, 'rejected');
  assert.equal(final.message, '“Signed contract.pdf” was not accepted. The file is not a PDF.');
});

test('a refused request never sends bytes: 413 and 415 in words', async () => {
  for (const [status, code, pattern] of [
    [413, 'too_large', /files can be at most 100 MB/],
    [415, 'unsupported_type', /not a type of file you can upload here/],
    [404, 'not_found', /no longer upload to this matter/],
  ]) {
    const api = fakeApi({ upload: new ApiError({ status, code, message: 'x' }) });
    const { j, create } = job(api);
    const final = await j.start();
    assert.equal(final.phase, 'failed');
    assert.match(final.message, pattern);
    assert.equal(create.made.length, 0);
  }
});

test('cancel while uploading aborts the PUT and polls nothing', async () => {
  const api = fakeApi();
  const { j, create } = job(api);
  const done = j.start();
  await tick();
  create.made[0].progress(100, 2048);
  assert.equal(j.cancel(), true);
  const final = await done;
  assert.equal(final.phase, 'cancelled');
  assert.equal(create.made[0].aborted, true);
  assert.equal(api.calls.uploadStatus.length, 0);
});

test('cancel while the link is being requested: no PUT', async () => {
  let release;
  const api = fakeApi({
    upload: (options) =>
      new Promise((resolve) => {
        release = () => resolve(intent);
        options.signal?.addEventListener('abort', () => {});
      }),
  });
  const { j, create } = job(api);
  const done = j.start();
  await tick();
  assert.equal(j.state.phase, 'requesting');
  assert.ok(api.calls.requestUpload[0].options.signal, 'the request can be aborted');
  j.cancel();
  assert.equal(api.calls.requestUpload[0].options.signal.aborted, true);
  release();
  const final = await done;
  assert.equal(final.phase, 'cancelled');
  assert.equal(create.made.length, 0);
});

test('cancel before it starts', async () => {
  const api = fakeApi();
  const { j, create } = job(api);
  assert.equal(j.cancel(), true);
  assert.equal(j.state.phase, 'cancelled');
  const final = await j.start();
  assert.equal(final.phase, 'cancelled');
  assert.equal(api.calls.requestUpload.length, 0);
  assert.equal(create.made.length, 0);
});

test('a failed PUT fails the file with the reason', async () => {
  const { j, create } = job(fakeApi());
  const done = j.start();
  await tick();
  create.made[0].respond(403, '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
  const final = await done;
  assert.equal(final.phase, 'failed');
  assert.match(final.message, /link expired/);
});

test('poll errors are retried; the deadline ends in "unconfirmed"', async () => {
  const api = fakeApi({
    statuses: [new ApiError({ status: 0, code: 'network', message: 'x' }), { uploadId: 'up-1', status: 'pending' }],
  });
  const { j, create, sleeps } = job(api, { pollLimitMs: 20_000 });
  const done = j.start();
  await tick();
  create.made[0].respond(200);
  const final = await done;
  assert.equal(final.phase, 'unconfirmed');
  assert.match(final.message, /will appear in your documents once the portal has checked it/);
  assert.ok(sleeps.reduce((a, b) => a + b, 0) >= 20_000);
  assert.ok(sleeps.includes(POLL_EVERY_MS));
});

test('no status route (404) ends in "unconfirmed" at once; a 401 fails', async () => {
  let t = job(fakeApi({ statuses: [new ApiError({ status: 404, code: 'not_found', message: 'x' })] }));
  let done = t.j.start();
  await tick();
  t.create.made[0].respond(200);
  assert.equal((await done).phase, 'unconfirmed');

  t = job(fakeApi({ statuses: [new ApiError({ status: 401, code: 'unauthorized', message: 'x' })] }));
  done = t.j.start();
  await tick();
  t.create.made[0].respond(200);
  assert.equal((await done).phase, 'failed');
});

test('dispose stops polling and reporting', async () => {
  const api = fakeApi({ statuses: [{ uploadId: 'up-1', status: 'pending' }] });
  let t;
  let polls = 0;
  t = job(api, {
    sleep: async () => {
      polls += 1;
      if (polls === 3) t.j.dispose();
    },
  });
  const done = t.j.start();
  await tick();
  t.create.made[0].respond(200);
  const final = await done;
  assert.equal(final.phase, 'processing');
  const reported = t.states.length;
  await tick();
  assert.equal(t.states.length, reported);
});

test('poll delays start quick and settle at 5 s', () => {
  assert.equal(pollDelay(0), 500);
  assert.ok(pollDelay(3) > pollDelay(0));
  assert.equal(pollDelay(100), POLL_EVERY_MS);
});

test('the limiter runs at most n tasks at once, in order', async () => {
  const limiter = createLimiter(2);
  const started = [];
  const releases = [];
  const task = (name) => () =>
    new Promise((resolve) => {
      started.push(name);
      releases.push(() => resolve(name));
    });
  const results = ['a', 'b', 'c', 'd'].map((n) => limiter.run(task(n)));
  await tick();
  assert.deepEqual(started, ['a', 'b']);
  assert.equal(limiter.active, 2);
  assert.equal(limiter.waiting, 2);
  releases[0]();
  await tick();
  assert.deepEqual(started, ['a', 'b', 'c']);
  releases[1]();
  releases[2]();
  await tick();
  releases[3]();
  assert.deepEqual(await Promise.all(results), ['a', 'b', 'c', 'd']);
  assert.equal(limiter.active, 0);
  // A failing task frees its slot too.
  await assert.rejects(limiter.run(async () => { throw new Error('x'); }), /x/);
  assert.equal(await limiter.run(async () => 'after'), 'after');
});

test('status lines and percentages', () => {
  const size = (n) => `${n}B`;
  assert.equal(uploadStatusText({ phase: 'ready' }), 'Ready to upload.');
  assert.equal(uploadStatusText({ phase: 'ready' }, { started: true }), 'Waiting to start…');
  assert.equal(uploadStatusText({ phase: 'uploading', loaded: 5, total: 10 }, { formatSize: size }), 'Uploading: 5B of 10B.');
  assert.equal(uploadStatusText({ phase: 'rejected', message: 'Nope.' }), 'Nope.');
  assert.equal(uploadStatusText({ phase: 'invalid', message: 'Too big.' }), 'Too big.');
  assert.equal(uploadPercent({ phase: 'uploading', fraction: 0.456 }), 45);
  assert.equal(uploadPercent({ phase: 'processing' }), 100);
  assert.equal(uploadPercent({ phase: 'requesting' }), 0);
  assert.equal(uploadPercent({ phase: 'uploading', fraction: 7 }), 100);
});

test('picked files become checked queue entries, with one announcement for all', () => {
  let n = 0;
  const nextKey = () => `k${++n}`;
  const tooBig = { name: 'Scan.pdf', size: config.maxUploadBytes + 1, type: 'application/pdf' };
  const { entries, announcement } = queueFiles([file, tooBig, { ...file, name: 'Copy.pdf' }], config, nextKey);
  assert.deepEqual(
    entries.map((e) => [e.key, e.file.name, e.started, e.contentType, e.state.phase]),
    [
      ['k1', 'Signed contract.pdf', false, 'application/pdf', 'ready'],
      ['k2', 'Scan.pdf', false, '', 'invalid'],
      ['k3', 'Copy.pdf', false, 'application/pdf', 'ready'],
    ],
  );
  assert.equal(announcement.tone, 'error');
  assert.ok(announcement.text.startsWith('2 files ready to upload. '), announcement.text);
  assert.ok(announcement.text.endsWith(entries[1].state.message), announcement.text);

  const one = queueFiles([file], config, nextKey);
  assert.deepEqual(one.announcement, { text: '1 file ready to upload.', tone: 'info' });
  const none = queueFiles([tooBig], config, nextKey);
  assert.deepEqual(none.announcement, { text: none.entries[0].state.message, tone: 'error' });
});

test('a queued file is finished once refused or ended, and in flight while its job runs', () => {
  const entry = (phase, started = true) => ({ started, state: { phase } });
  assert.deepEqual(
    ['ready', 'invalid', 'requesting', 'uploading', 'processing', 'attached', 'rejected', 'unconfirmed', 'failed', 'cancelled'].map(
      (phase) => [phase, isFinished(entry(phase, phase !== 'invalid')), isInFlight(entry(phase, phase !== 'invalid'))],
    ),
    [
      ['ready', false, true],
      ['invalid', true, false],
      ['requesting', false, true],
      ['uploading', false, true],
      ['processing', false, true],
      ['attached', true, false],
      ['rejected', true, false],
      ['unconfirmed', true, false],
      ['failed', true, false],
      ['cancelled', true, false],
    ],
  );
  assert.equal(isInFlight(entry('ready', false)), false, 'not started: nothing to lose');
});

test('the checksum is computed before the upload is declared, and kept for the confirmation', async () => {
  const api = fakeApi({ statuses: [{ uploadId: 'up-1', status: 'attached', rejectionReason: null, documentId: 'up-1' }] });
  const { j, create } = job(api);
  const running = j.start();
  await tick();
  create.made[0].respond(200);
  const final = await running;
  assert.equal(final.phase, 'attached');
  assert.equal(final.sha256, CHECKSUM, 'the confirmation shows it');
});

test('a file that cannot be read is not declared at all', async () => {
  const api = fakeApi();
  const { j } = job(api, {
    digest: async () => {
      throw new Error('The file changed while it was read.');
    },
  });
  const final = await j.start();
  assert.equal(final.phase, 'failed');
  assert.match(final.message, /could not be read\. The file changed/);
  assert.equal(api.calls.requestUpload.length, 0, 'no URL asked for');
});
