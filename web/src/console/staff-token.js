// The staff ID token once signed in: what it says (who, until when; its signature is the
// API's to check) and where it is kept for this tab. No DOM: storage and the clock are passed
// in. Tested in test/unit/pkce.test.js.

/** Where the ID token is kept for this tab. */
export const TOKEN_KEY = 'console.token';
/** A token this close to its expiry counts as expired (ms), so no request leaves with it. */
export const EXPIRY_SKEW_MS = 30 * 1000;

/** @param {string} text base64url, padding optional */
export function fromBase64url(text) {
  const b64 = String(text).replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The claims of a JWT, without checking its signature (the API checks it; the page only reads
 * who is signed in and until when). null when it is not a JWT.
 * @param {unknown} token
 */
export function decodeJwtPayload(token) {
  if (typeof token !== 'string') return null;
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const json = new TextDecoder().decode(fromBase64url(parts[1]));
    const claims = JSON.parse(json);
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? claims : null;
  } catch {
    return null;
  }
}

/** The token's expiry in ms since the epoch, or null when it has none. */
export function tokenExpiry(token) {
  const exp = decodeJwtPayload(token)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
}

/** A JWT that has not expired (with a margin). A token without `exp` is not live. */
export function isTokenLive(token, now = Date.now()) {
  const at = tokenExpiry(token);
  return at !== null && at - EXPIRY_SKEW_MS > now;
}

/** Milliseconds until the token counts as expired (0 when it already does). */
export function msUntilTokenExpiry(token, now = Date.now()) {
  const at = tokenExpiry(token);
  return at === null ? 0 : Math.max(0, at - EXPIRY_SKEW_MS - now);
}

/**
 * Who the token says is signed in: {id, email, name} (the same claims the API reads).
 * @param {unknown} token
 * @returns {{id: string, email: string, name: string} | null}
 */
export function staffFromToken(token) {
  const c = decodeJwtPayload(token);
  if (!c || typeof c.sub !== 'string' || !c.sub) return null;
  const email = typeof c.email === 'string' ? c.email : '';
  const name = typeof c.name === 'string' && c.name.trim() ? c.name.trim() : email;
  return { id: c.sub, email, name };
}

/** @param {Pick<Storage, 'getItem' | 'removeItem'> | null} storage @param {number} [now] */
export function loadToken(storage, now = Date.now()) {
  let token = null;
  try {
    token = storage?.getItem(TOKEN_KEY) ?? null;
  } catch {
    return null;
  }
  if (token && isTokenLive(token, now)) return token;
  clearToken(storage);
  return null;
}

/** @param {Pick<Storage, 'setItem'> | null} storage @param {string} token */
export function saveToken(storage, token) {
  try {
    storage?.setItem(TOKEN_KEY, token);
  } catch {
    // the token then lives as long as the page
  }
}

/** @param {Pick<Storage, 'removeItem'> | null} storage */
export function clearToken(storage) {
  try {
    storage?.removeItem(TOKEN_KEY);
  } catch {
    // nothing to do
  }
}
