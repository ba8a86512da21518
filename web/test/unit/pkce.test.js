import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, webcrypto } from 'node:crypto';
import {
  base64url,
  randomToken,
  challengeFor,
  authOrigin,
  authorizeUrl,
  logoutUrl,
  redirectUriFor,
  beginSignIn,
  parseCallback,
  takePending,
  checkState,
  tokenRequest,
  exchangeCode,
  PENDING_KEY,
  PENDING_MAX_AGE_MS,
} from '../../src/console/pkce.js';
import { decodeJwtPayload, tokenExpiry, isTokenLive, msUntilTokenExpiry, staffFromToken, loadToken, saveToken, EXPIRY_SKEW_MS } from '../../src/console/staff-token.js';

function memoryStorage() {
  const data = new Map();
  return {
    data,
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => data.set(k, String(v)),
    removeItem: (k) => data.delete(k),
  };
}

/** A JWT with these claims (unsigned: the page never checks signatures, the API does). */
function jwt(claims) {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.c2ln`;
}

const NOW = Date.UTC(2026, 10, 24, 5, 0, 0);
const AUTH = { domain: 'https://firm.auth.eu-west-1.amazoncognito.com', clientId: 'client123' };

test('base64url has no padding and the URL-safe alphabet', () => {
  assert.equal(base64url(new Uint8Array([0xfb, 0xff, 0xfe])), '-__-');
  assert.equal(base64url(new Uint8Array([1])), 'AQ');
});

test('a verifier is 43 characters of 32 random bytes; two are different', () => {
  const a = randomToken(webcrypto);
  const b = randomToken(webcrypto);
  assert.match(a, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a, b);
});

test('the S256 challenge is base64url(SHA-256(verifier)), computed with WebCrypto', async () => {
  const verifier = randomToken(webcrypto);
  const expected = createHash('sha256').update(verifier).digest('base64url');
  assert.equal(await challengeFor(verifier, webcrypto.subtle), expected);
  await assert.rejects(challengeFor('short', webcrypto.subtle), /43 to 128/);
});

test('the sign-in origin accepts a host or an https URL, nothing else', () => {
  assert.equal(authOrigin('firm.auth.eu-west-1.amazoncognito.com'), 'https://firm.auth.eu-west-1.amazoncognito.com');
  assert.equal(authOrigin('https://auth.firm.example/'), 'https://auth.firm.example');
  assert.equal(authOrigin('http://auth.firm.example'), '');
  assert.equal(authOrigin('http://localhost:3000'), 'http://localhost:3000', 'a local stand-in may be http');
  assert.equal(authOrigin('javascript:alert(1)'), '');
  assert.equal(authOrigin(''), '');
  assert.equal(authOrigin(undefined), '');
});

test('the authorize URL asks for a code with an S256 challenge, the state and the console as redirect', () => {
  const url = new URL(
    authorizeUrl({ ...AUTH, redirectUri: 'https://portal.firm.example/console/', state: 'st', challenge: 'ch' }),
  );
  assert.equal(url.origin + url.pathname, 'https://firm.auth.eu-west-1.amazoncognito.com/oauth2/authorize');
  assert.equal(url.searchParams.get('response_type'), 'code');
  assert.equal(url.searchParams.get('client_id'), 'client123');
  assert.equal(url.searchParams.get('redirect_uri'), 'https://portal.firm.example/console/');
  assert.equal(url.searchParams.get('code_challenge'), 'ch');
  assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(url.searchParams.get('state'), 'st');
  assert.equal(url.searchParams.get('scope'), 'openid email profile');
  assert.throws(() => authorizeUrl({ domain: '', clientId: 'x', redirectUri: 'r', state: 's', challenge: 'c' }), /not configured/);
  assert.equal(redirectUriFor({ origin: 'https://portal.firm.example' }), 'https://portal.firm.example/console/');
  assert.equal(
    logoutUrl({ ...AUTH, redirectUri: 'https://p.example/console/' }),
    'https://firm.auth.eu-west-1.amazoncognito.com/logout?client_id=client123&logout_uri=https%3A%2F%2Fp.example%2Fconsole%2F',
  );
});

test('beginning a sign-in keeps a verifier and state whose challenge is in the URL', async () => {
  const storage = memoryStorage();
  const { url, pending } = await beginSignIn(AUTH, { crypto: webcrypto, storage, redirectUri: 'https://p.example/console/', now: NOW });
  const kept = JSON.parse(storage.getItem(PENDING_KEY));
  assert.deepEqual(kept, pending);
  const params = new URL(url).searchParams;
  assert.equal(params.get('state'), pending.state);
  assert.equal(params.get('code_challenge'), createHash('sha256').update(pending.verifier).digest('base64url'));
  assert.ok(!url.includes(pending.verifier), 'the verifier itself never leaves the tab');
});

test('the callback: a code and state, an error, or nothing', () => {
  assert.deepEqual(parseCallback('?code=abc&state=xyz'), { code: 'abc', state: 'xyz' });
  assert.deepEqual(parseCallback('?error=access_denied&error_description=no&state=s'), {
    error: 'access_denied',
    description: 'no',
    state: 's',
  });
  assert.equal(parseCallback(''), null);
  assert.equal(parseCallback('?other=1'), null);
});

test('the pending sign-in is single use and its state must match and be fresh', () => {
  const storage = memoryStorage();
  storage.setItem(PENDING_KEY, JSON.stringify({ verifier: 'v', state: 'abc', createdAt: NOW }));
  const pending = takePending(storage);
  assert.deepEqual(pending, { verifier: 'v', state: 'abc', createdAt: NOW });
  assert.equal(takePending(storage), null, 'taken once');
  assert.equal(checkState(pending, 'abc', NOW + 1000), 'ok');
  assert.equal(checkState(pending, 'abd', NOW + 1000), 'mismatch');
  assert.equal(checkState(pending, '', NOW + 1000), 'mismatch');
  assert.equal(checkState(pending, 'abc', NOW + PENDING_MAX_AGE_MS + 1), 'stale');
  assert.equal(checkState(null, 'abc', NOW), 'none');
  storage.setItem(PENDING_KEY, '{not json');
  assert.equal(takePending(storage), null);
});

test('the token request is a form POST with the code, verifier and redirect, no secret', () => {
  const { url, init } = tokenRequest({ ...AUTH, code: 'c0de', redirectUri: 'https://p.example/console/', verifier: 'ver' });
  assert.equal(url, 'https://firm.auth.eu-west-1.amazoncognito.com/oauth2/token');
  assert.equal(init.method, 'POST');
  assert.equal(init.headers['Content-Type'], 'application/x-www-form-urlencoded');
  const body = new URLSearchParams(String(init.body));
  assert.deepEqual(Object.fromEntries(body), {
    grant_type: 'authorization_code',
    client_id: 'client123',
    code: 'c0de',
    redirect_uri: 'https://p.example/console/',
    code_verifier: 'ver',
  });
  assert.ok(!body.has('client_secret'));
});

test('exchanging the code returns a live ID token; failures are messages', async () => {
  const idToken = jwt({ sub: 'u1', email: 'ann@firm.example', name: 'Ann', exp: NOW / 1000 + 3600 });
  const ok = async () => new Response(JSON.stringify({ id_token: idToken, access_token: 'a', expires_in: 3600 }), { status: 200 });
  const p = { ...AUTH, code: 'c', redirectUri: 'r', verifier: 'v' };
  assert.equal(await exchangeCode(ok, p, NOW), idToken);
  await assert.rejects(exchangeCode(async () => new Response(JSON.stringify({ error: 'invalid_grant' }), { status: 400 }), p, NOW), /invalid_grant/);
  await assert.rejects(exchangeCode(async () => { throw new TypeError('offline'); }, p, NOW), /can't be reached/);
  const expired = jwt({ sub: 'u1', exp: NOW / 1000 - 10 });
  await assert.rejects(exchangeCode(async () => new Response(JSON.stringify({ id_token: expired })), p, NOW), /usable token/);
});

test('token claims: who, and until when (with a margin)', () => {
  const token = jwt({ sub: 'staff-1', email: 'ann@firm.example', name: ' Ann Lawyer ', exp: NOW / 1000 + 600 });
  assert.deepEqual(staffFromToken(token), { id: 'staff-1', email: 'ann@firm.example', name: 'Ann Lawyer' });
  assert.deepEqual(staffFromToken(jwt({ sub: 's', email: 'x@y.z' })), { id: 's', email: 'x@y.z', name: 'x@y.z' });
  assert.equal(staffFromToken('not a jwt'), null);
  assert.equal(staffFromToken(jwt({ email: 'no-sub@x.y' })), null);
  assert.equal(tokenExpiry(token), NOW + 600_000);
  assert.equal(isTokenLive(token, NOW), true);
  assert.equal(isTokenLive(token, NOW + 600_000 - EXPIRY_SKEW_MS + 1), false);
  assert.equal(isTokenLive(jwt({ sub: 's' }), NOW), false, 'no exp: not live');
  assert.equal(msUntilTokenExpiry(token, NOW), 600_000 - EXPIRY_SKEW_MS);
  assert.equal(decodeJwtPayload('a.b'), null);
  assert.equal(decodeJwtPayload('a.!!!.c'), null);
});

test('the kept token is dropped once it expires', () => {
  const storage = memoryStorage();
  const token = jwt({ sub: 's', exp: NOW / 1000 + 120 });
  saveToken(storage, token);
  assert.equal(loadToken(storage, NOW), token);
  assert.equal(loadToken(storage, NOW + 120_000), null);
  assert.equal(storage.data.size, 0);
});
