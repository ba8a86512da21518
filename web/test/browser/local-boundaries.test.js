// The local stack answers only this machine's page: the dev server refuses other Host names
// (DNS rebinding) and other origins, survives a malformed path, and nobody behind it answers
// with CORS; the emulator refuses other hosts and origins too. No browser needed: raw requests
// with the headers a hostile page's browser would send.

import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { PORTAL_URL, BUCKET_ORIGIN } from './stack.js';

const LOCAL_API_URL = process.env.LOCAL_API_URL ?? '';
const HOSTILE = 'http://evil.example';

/** One raw request: {status, headers, body}. `headers` may set Host and Origin freely. */
function send(base, method, path, headers = {}) {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const corsHeaders = (headers) => Object.keys(headers).filter((name) => name.startsWith('access-control-'));

test('the dev server answers only its own Host names and origin, and a malformed path is a 400', async () => {
  const own = new URL(PORTAL_URL).host;
  const rebound = `evil.example:${new URL(PORTAL_URL).port}`;
  for (const path of ['/console/config.local.json', '/config.json', '/_dev/mail', '/portal/preferences']) {
    const answer = await send(PORTAL_URL, 'GET', path, { host: rebound });
    assert.equal(answer.status, 421, `${path} under another Host`);
    assert.doesNotMatch(answer.body, /staffToken/);
  }
  assert.equal((await send(PORTAL_URL, 'GET', '/console/config.local.json', { host: own })).status, 200);

  const malformed = await send(PORTAL_URL, 'GET', '/%E0%A4%A.js', { host: own });
  assert.equal(malformed.status, 400, 'a bad %-escape');
  assert.equal((await send(PORTAL_URL, 'GET', '/', { host: own })).status, 200, 'still serving');

  const foreign = await send(PORTAL_URL, 'POST', '/portal/sign-in-links', { host: own, origin: HOSTILE });
  assert.equal(foreign.status, 403, 'another origin may not call the API');
  assert.deepEqual(corsHeaders(foreign.headers), []);
  const mine = await send(PORTAL_URL, 'GET', '/portal/preferences', { host: own, origin: new URL(PORTAL_URL).origin });
  assert.equal(mine.status, 401, 'the page itself reaches the API (signed out)');
  assert.deepEqual(corsHeaders(mine.headers), [], 'one origin: no CORS answer');
});

test('neither the functions nor the emulator answer another origin', async () => {
  assert.ok(LOCAL_API_URL, 'LOCAL_API_URL is set by scripts/browser-test.sh');
  for (const method of ['GET', 'OPTIONS']) {
    const answer = await send(LOCAL_API_URL, method, '/portal/preferences', {
      origin: HOSTILE,
      'access-control-request-method': 'GET',
    });
    assert.deepEqual(corsHeaders(answer.headers), [], `${method}: cargo lambda watch runs without CORS`);
  }

  const emulatorHost = new URL(BUCKET_ORIGIN).host;
  assert.equal((await send(BUCKET_ORIGIN, 'GET', '/_local/mail?limit=1', { host: emulatorHost })).status, 200);
  const fromElsewhere = await send(BUCKET_ORIGIN, 'GET', '/_local/mail?limit=1', { host: emulatorHost, origin: HOSTILE });
  assert.equal(fromElsewhere.status, 403);
  assert.doesNotMatch(fromElsewhere.body, /subject/);
  const rebound = await send(BUCKET_ORIGIN, 'POST', '/', {
    host: `evil.example:${new URL(BUCKET_ORIGIN).port}`,
    'x-amz-target': 'DynamoDB_20120810.ListTables',
    'content-type': 'application/x-amz-json-1.0',
  });
  assert.equal(rebound.status, 421, 'the tables under another Host');
  const pagePreflight = await send(BUCKET_ORIGIN, 'OPTIONS', '/client-portal-local-documents/x', {
    host: emulatorHost,
    origin: new URL(PORTAL_URL).origin,
    'access-control-request-method': 'PUT',
  });
  assert.notEqual(pagePreflight.status, 403, "the page's own uploads still pass");
});
