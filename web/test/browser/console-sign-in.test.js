// Staff sign-in. Deployed, the console signs in with Cognito managed login (authorization code
// + PKCE S256): here a stand-in for the managed login answers on the page's own origin (routed
// in the browser), checks what the console sends and hands back the local staff token as the
// ID token. And a token the API refuses (401) returns the console to sign-in.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { consoleTest } from './console-harness.js';
import { PORTAL_URL } from './stack.js';

const STAFF_TOKEN = process.env.STAFF_TOKEN ?? '';

consoleTest('the console signs in with the managed login: code + PKCE (S256), state checked, ID token as Bearer', async (staff) => {
  const { page } = staff;
  const clientId = 'console-test-client';
  const seen = { authorize: /** @type {URL | null} */ (null), token: /** @type {URLSearchParams | null} */ (null), bearer: new Set() };

  // config.json names a sign-in domain; no local token (as deployed).
  await page.route(`${PORTAL_URL}/config.json`, async (route) => {
    const real = await (await route.fetch()).json();
    await route.fulfill({ json: { ...real, staffAuth: { domain: PORTAL_URL, clientId } } });
  });
  await page.route(`${PORTAL_URL}/console/config.local.json`, (route) => route.fulfill({ status: 404, body: 'not found' }));
  staff.checks.allowFailedResource(404, /\/console\/config\.local\.json$/, 'no local token, as deployed');
  // The stand-in managed login.
  await page.route((url) => url.pathname === '/oauth2/authorize', async (route) => {
    const url = new URL(route.request().url());
    seen.authorize = url;
    await route.fulfill({
      status: 302,
      headers: { location: `${PORTAL_URL}/console/?code=code-123&state=${encodeURIComponent(url.searchParams.get('state') ?? '')}` },
    });
  });
  await page.route((url) => url.pathname === '/oauth2/token', async (route) => {
    seen.token = new URLSearchParams(route.request().postData() ?? '');
    await route.fulfill({ json: { id_token: STAFF_TOKEN, access_token: 'not-used', token_type: 'Bearer', expires_in: 3600 } });
  });
  await page.route((url) => url.pathname === '/logout', (route) =>
    route.fulfill({ status: 302, headers: { location: `${PORTAL_URL}/console/` } }),
  );
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/matters')) seen.bearer.add(request.headers().authorization ?? '');
  });

  await staff.goto('#/');
  await page.getByRole('heading', { level: 1, name: /^Staff sign-in/ }).waitFor();
  await staff.screenshot('console-desktop-sign-in');
  await page.locator('#sign-in').click();
  await page.getByRole('heading', { level: 1, name: 'Matters' }).waitFor();

  // What the console asked for and sent.
  const a = /** @type {URL} */ (seen.authorize);
  assert.equal(a.searchParams.get('response_type'), 'code');
  assert.equal(a.searchParams.get('client_id'), clientId);
  assert.equal(a.searchParams.get('redirect_uri'), `${PORTAL_URL}/console/`);
  assert.equal(a.searchParams.get('code_challenge_method'), 'S256');
  assert.match(a.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{22}$/);
  const t = /** @type {URLSearchParams} */ (seen.token);
  assert.equal(t.get('grant_type'), 'authorization_code');
  assert.equal(t.get('code'), 'code-123');
  assert.equal(t.get('client_id'), clientId);
  assert.equal(t.get('redirect_uri'), `${PORTAL_URL}/console/`);
  const verifier = t.get('code_verifier') ?? '';
  assert.match(verifier, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(createHash('sha256').update(verifier).digest('base64url'), a.searchParams.get('code_challenge'), 'the verifier matches the challenge');
  assert.ok(!a.href.includes(verifier), 'the verifier never went to the authorize URL');

  // Signed in as the token says; the code is gone from the address; the ID token is the Bearer.
  assert.match(await page.locator('#staff-who').textContent(), /Local Staff/);
  assert.ok(!page.url().includes('code='), `no code in the address: ${page.url()}`);
  assert.deepEqual([...seen.bearer], [`Bearer ${STAFF_TOKEN}`]);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('console.signin')), null, 'the verifier is spent');

  // A callback this tab did not start is refused, and no code is exchanged.
  seen.token = null;
  await page.evaluate(() => sessionStorage.removeItem('console.token'));
  await page.goto(`${PORTAL_URL}/console/?code=stolen&state=forged`);
  await page.locator('#signed-out-message').waitFor();
  assert.match(await page.locator('#signed-out-message').textContent(), /not started from this tab/);
  assert.equal(seen.token, null);
  assert.ok(!page.url().includes('stolen'));

  // Sign in again, then sign out through the managed login's logout.
  await page.locator('#sign-in').click();
  await page.getByRole('heading', { level: 1, name: 'Matters' }).waitFor();
  await page.locator('#sign-out').click();
  await page.getByRole('heading', { level: 1, name: /^Staff sign-in/ }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('console.token')), null);
});

consoleTest('a token the API refuses (401) returns the console to sign-in with a message', async (staff) => {
  const { page } = staff;
  // A token that looks live but whose signature the API refuses.
  const [head, claims] = STAFF_TOKEN.split('.');
  const forged = `${head}.${claims}.${'A'.repeat(43)}`;
  await page.route(`${PORTAL_URL}/console/config.local.json`, (route) => route.fulfill({ json: { staffToken: forged } }));
  staff.checks.allowFailedResource(401, /\/matters(\?|$)/, 'the forged token is refused');
  await staff.goto('#/');
  await page.getByRole('heading', { level: 1, name: /^Staff sign-in/ }).waitFor();
  assert.match(await page.locator('#signed-out-message').textContent(), /Your sign-in has ended or was refused\. Sign in again to continue\./);
  assert.equal(await page.locator('#matters-table').count(), 0, 'nothing of the list stays on screen');

  // The real local token again: "Try again" signs in.
  await page.unroute(`${PORTAL_URL}/console/config.local.json`);
  await page.locator('#sign-in').click();
  await page.getByRole('heading', { level: 1, name: 'Matters' }).waitFor();
});
