// Staff sign-in with Cognito managed login: OAuth 2.0 authorization code with PKCE (RFC 7636,
// S256), the ID token kept for this tab and sent as Bearer. No DOM: crypto, fetch, storage and
// the clock are passed in. What the token says and where it is kept: staff-token.js. Tested in
// test/unit/pkce.test.js.

import { isTokenLive } from './staff-token.js';
import { t } from './texts.js';

/** Where the verifier and state wait while the browser is at the sign-in page. */
export const PENDING_KEY = 'console.signin';
/** A sign-in started longer ago than this is not finished (ms). */
export const PENDING_MAX_AGE_MS = 10 * 60 * 1000;
export const DEFAULT_SCOPE = 'openid email profile';

/** @param {Uint8Array} bytes */
export function base64url(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * A random base64url string of `byteCount` random bytes (32 bytes: 43 characters, inside the
 * 43–128 characters RFC 7636 asks of a verifier).
 * @param {{getRandomValues: (a: Uint8Array) => Uint8Array}} crypto
 */
export function randomToken(crypto, byteCount = 32) {
  const bytes = new Uint8Array(byteCount);
  crypto.getRandomValues(bytes);
  return base64url(bytes);
}

/**
 * The S256 challenge of a verifier: base64url(SHA-256(ASCII verifier)).
 * @param {string} verifier
 * @param {{digest: (alg: string, data: Uint8Array) => Promise<ArrayBuffer>}} subtle
 */
export async function challengeFor(verifier, subtle) {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) throw new Error('a PKCE verifier is 43 to 128 unreserved characters');
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/**
 * The hosted sign-in's origin from what config names: "auth.firm.example",
 * "https://x.auth.eu-west-1.amazoncognito.com/" -> "https://…" (https only, except a loopback host).
 * @param {unknown} domain
 * @returns {string} "" when it is not a usable https origin
 */
export function authOrigin(domain) {
  if (typeof domain !== 'string' || !domain.trim()) return '';
  const raw = domain.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  try {
    const url = new URL(withScheme);
    if (url.username || url.password) return '';
    // http only for a sign-in server on this machine (a local stand-in in the browser tests).
    const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return '';
    return url.origin;
  } catch {
    return '';
  }
}

/**
 * The console's own address, the redirect URI registered with the user pool client:
 * "/console/" on the page's origin.
 * @param {{origin: string}} location
 */
export function redirectUriFor(location) {
  return `${location.origin}/console/`;
}

/**
 * The managed login's authorize URL.
 * @param {{domain: string, clientId: string, redirectUri: string, state: string, challenge: string, scope?: string}} p
 */
export function authorizeUrl({ domain, clientId, redirectUri, state, challenge, scope = DEFAULT_SCOPE }) {
  const origin = authOrigin(domain);
  if (!origin || !clientId) throw new Error('staff sign-in is not configured');
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${origin}/oauth2/authorize?${params.toString()}`;
}

/**
 * The managed login's sign-out URL (it returns to the console).
 * @param {{domain: string, clientId: string, redirectUri: string}} p
 */
export function logoutUrl({ domain, clientId, redirectUri }) {
  const origin = authOrigin(domain);
  if (!origin || !clientId) return '';
  return `${origin}/logout?${new URLSearchParams({ client_id: clientId, logout_uri: redirectUri }).toString()}`;
}

/**
 * Starts a sign-in: a fresh verifier and state, kept in the tab's storage, and the URL to go to.
 * @param {{domain: string, clientId: string, scope?: string}} auth
 * @param {{crypto: {getRandomValues: Function, subtle: any}, storage: Pick<Storage, 'setItem'> | null, redirectUri: string, now?: number}} env
 */
export async function beginSignIn(auth, { crypto, storage, redirectUri, now = Date.now() }) {
  const verifier = randomToken(crypto, 32);
  const state = randomToken(crypto, 16);
  const challenge = await challengeFor(verifier, crypto.subtle);
  const pending = { verifier, state, createdAt: now };
  storage?.setItem(PENDING_KEY, JSON.stringify(pending));
  return {
    url: authorizeUrl({ domain: auth.domain, clientId: auth.clientId, redirectUri, state, challenge, scope: auth.scope }),
    pending,
  };
}

/**
 * What the managed login sent back in the query string: a code and the state, or an error.
 * @param {string} search location.search
 * @returns {null | {code: string, state: string} | {error: string, description: string, state: string}}
 */
export function parseCallback(search) {
  const params = new URLSearchParams(String(search ?? '').replace(/^\?/, ''));
  const state = params.get('state') ?? '';
  const error = params.get('error');
  if (error) return { error, description: params.get('error_description') ?? '', state };
  const code = params.get('code');
  if (code) return { code, state };
  return null;
}

/**
 * Takes the pending sign-in out of storage (it is single use, whatever happens next).
 * @param {Pick<Storage, 'getItem' | 'removeItem'> | null} storage
 * @returns {{verifier: string, state: string, createdAt: number} | null}
 */
export function takePending(storage) {
  let raw = null;
  try {
    raw = storage?.getItem(PENDING_KEY) ?? null;
    storage?.removeItem(PENDING_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const value = JSON.parse(raw);
    if (typeof value?.verifier === 'string' && typeof value?.state === 'string' && typeof value?.createdAt === 'number') {
      return value;
    }
  } catch {
    // unreadable: no sign-in pending
  }
  return null;
}

/**
 * Whether a callback belongs to the sign-in this tab started: same state, not too old.
 * @param {{state: string, createdAt: number} | null} pending
 * @param {string} returnedState
 * @param {number} [now]
 * @returns {'ok' | 'none' | 'mismatch' | 'stale'}
 */
export function checkState(pending, returnedState, now = Date.now()) {
  if (!pending) return 'none';
  if (!returnedState || !constantTimeEqual(pending.state, returnedState)) return 'mismatch';
  if (now - pending.createdAt > PENDING_MAX_AGE_MS || now < pending.createdAt) return 'stale';
  return 'ok';
}

function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * The token request for a code (a public client: no secret; the verifier proves the caller).
 * @param {{domain: string, clientId: string, code: string, redirectUri: string, verifier: string}} p
 * @returns {{url: string, init: RequestInit}}
 */
export function tokenRequest({ domain, clientId, code, redirectUri, verifier }) {
  const origin = authOrigin(domain);
  if (!origin) throw new Error('staff sign-in is not configured');
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: clientId,
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
  return {
    url: `${origin}/oauth2/token`,
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: body.toString(),
      credentials: 'omit',
      cache: 'no-store',
    },
  };
}

/**
 * Exchanges the code for tokens and returns the ID token (the API's JWT authorizer takes it:
 * it carries email and name), checked to be a live JWT.
 * @param {typeof fetch} fetchFn
 * @param {{domain: string, clientId: string, code: string, redirectUri: string, verifier: string}} p
 * @param {number} [now]
 * @returns {Promise<string>}
 */
export async function exchangeCode(fetchFn, p, now = Date.now()) {
  const { url, init } = tokenRequest(p);
  let response;
  try {
    response = await fetchFn(url, init);
  } catch {
    throw new Error(t('signin-unreachable'));
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const reason = typeof body?.error === 'string' ? ` (${body.error})` : '';
    throw new Error(t('signin-incomplete', { reason }));
  }
  const idToken = body?.id_token;
  if (typeof idToken !== 'string' || !isTokenLive(idToken, now)) {
    throw new Error(t('signin-no-token'));
  }
  return idToken;
}
