import { test } from 'node:test';
import assert from 'node:assert/strict';
import { putFile, headersToSend, errorForStatus, s3ErrorCode, UploadError } from '../../src/common/upload.js';
import { xhrFactory } from './fake-xhr.js';

const file = { name: 'a.pdf', size: 1000, type: 'application/pdf' };
const signed = { 'content-type': 'application/pdf', 'content-length': '1000' };

test('only the signed headers a page may set are sent: never content-length', () => {
  assert.deepEqual(headersToSend(signed), [['content-type', 'application/pdf']]);
  assert.deepEqual(headersToSend({ 'Content-Length': '1', Host: 'x', 'x-amz-meta-a': 'b', 'if-none-match': '*' }), [
    ['x-amz-meta-a', 'b'],
    ['if-none-match', '*'],
  ]);
  assert.deepEqual(headersToSend(undefined), []);
});

test('a PUT of the File itself with the signed content type, progress, then success', async () => {
  const create = xhrFactory();
  const progress = [];
  const { promise } = putFile({ url: 'https://bucket/k?X-Amz-Signature=s', headers: signed, body: file, createXhr: create, onProgress: (p) => progress.push(p) });
  const xhr = create.made[0];
  assert.equal(xhr.method, 'PUT');
  assert.equal(xhr.url, 'https://bucket/k?X-Amz-Signature=s');
  assert.equal(xhr.async, true);
  assert.deepEqual(xhr.headers, { 'content-type': 'application/pdf' });
  assert.equal(xhr.sent, file, 'the File itself, not a copy or FormData');
  xhr.progress(250, 1000);
  xhr.progress(600, 1000);
  xhr.respond(200);
  assert.deepEqual(await promise, { status: 200 });
  assert.deepEqual(progress, [
    { loaded: 250, total: 1000, fraction: 0.25 },
    { loaded: 600, total: 1000, fraction: 0.6 },
    { loaded: 1000, total: 1000, fraction: 1 },
  ]);
});

test('progress without a computable length uses the file size', async () => {
  const create = xhrFactory();
  const progress = [];
  const { promise } = putFile({ url: 'u', headers: signed, body: file, createXhr: create, onProgress: (p) => progress.push(p) });
  create.made[0].progress(500, 0, false);
  create.made[0].respond(204);
  await promise;
  assert.deepEqual(progress[0], { loaded: 500, total: 1000, fraction: 0.5 });
});

test('cancel aborts the request and rejects as cancelled', async () => {
  const create = xhrFactory();
  const progress = [];
  const put = putFile({ url: 'u', headers: signed, body: file, createXhr: create, onProgress: (p) => progress.push(p) });
  create.made[0].progress(100, 1000);
  put.abort();
  assert.equal(create.made[0].aborted, true);
  await assert.rejects(put.promise, (e) => e instanceof UploadError && e.code === 'cancelled');
  // Events after the abort change nothing.
  create.made[0].progress(900, 1000);
  create.made[0].respond(200);
  assert.equal(progress.length, 1);
  put.abort();
});

test('an XHR that fires no abort event still settles on cancel', async () => {
  const create = () => {
    const x = xhrFactory()();
    x.abort = () => {}; // no event
    return x;
  };
  const put = putFile({ url: 'u', headers: signed, body: file, createXhr: create });
  put.abort();
  await assert.rejects(put.promise, { code: 'cancelled' });
});

test('statuses: expired link, other refusals, server faults', async () => {
  const expiredXml = '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
  const cases = [
    [403, expiredXml, 'expired'],
    [403, '<Error><Code>SignatureDoesNotMatch</Code></Error>', 'refused'],
    [400, '<Error><Code>EntityTooLarge</Code></Error>', 'refused'],
    [412, '<Error><Code>PreconditionFailed</Code></Error>', 'refused'],
    [503, '', 'refused'],
  ];
  for (const [status, body, code] of cases) {
    const create = xhrFactory();
    const { promise } = putFile({ url: 'u', headers: signed, body: file, createXhr: create });
    create.made[0].respond(status, body);
    await assert.rejects(promise, (e) => {
      assert.equal(e.code, code, `${status}`);
      assert.equal(e.status, status);
      return true;
    });
  }
  assert.match(errorForStatus(403, '<Error><Code>SignatureDoesNotMatch</Code></Error>').message, /403 SignatureDoesNotMatch/);
  assert.equal(s3ErrorCode('<Error><Code>AccessDenied</Code></Error>'), 'AccessDenied');
  assert.equal(s3ErrorCode(''), '');
});

test('network errors and time-outs', async () => {
  let create = xhrFactory();
  let put = putFile({ url: 'u', headers: signed, body: file, createXhr: create });
  create.made[0].fail();
  await assert.rejects(put.promise, { code: 'network' });

  create = xhrFactory();
  put = putFile({ url: 'u', headers: signed, body: file, createXhr: create, timeoutMs: 5000 });
  assert.equal(create.made[0].timeout, 5000);
  create.made[0].timeOut();
  await assert.rejects(put.promise, { code: 'timeout' });
});

test('a browser refusing a header is a failure, not a crash', async () => {
  const create = xhrFactory();
  const put = putFile({ url: 'u', headers: { 'content-type': 'a/b' }, body: file, createXhr: () => {
    const x = create();
    x.setRequestHeader = () => {
      throw new Error('refused');
    };
    return x;
  } });
  await assert.rejects(put.promise, { code: 'network' });
});
