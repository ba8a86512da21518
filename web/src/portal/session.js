// The invitation token in the address (#invite=<token>) and the session kept in the tab's
// sessionStorage. No DOM beyond what is passed in; tested in test/unit/session.test.js.

import { parseTimestamp } from '../common/format.js';

export const STORAGE_KEY = 'portal.session';

/** Invitation and sign-in tokens are base64url; anything else in the fragment is not one. */
const TOKEN = /^[A-Za-z0-9_-]{16,512}$/;

/**
 * Reads `invite=<token>` from a location hash ("#invite=abc", "#/x?invite=abc",
 * "#a=1&invite=abc") and returns the token with the hash that remains without it.
 * @param {string} hash location.hash, with or without its "#"
 * @returns {{token: string | null, rest: string, hadInvite: boolean}} rest is "" or starts with
 *   "#"; hadInvite tells an invite=… was there, even one that is not a token
 */
export function takeInviteFromHash(hash) {
  let body = String(hash ?? '');
  if (body.startsWith('#')) body = body.slice(1);
  if (!body) return { token: null, rest: '', hadInvite: false };
  const q = body.indexOf('?');
  const route = q >= 0 ? body.slice(0, q) : body.includes('=') ? '' : body;
  const query = q >= 0 ? body.slice(q + 1) : body.includes('=') ? body : '';
  if (!query) return { token: null, rest: `#${body}`, hadInvite: false };
  const kept = [];
  let found = null;
  let sawInvite = false;
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq >= 0 ? part.slice(0, eq) : part;
    if (key === 'invite') {
      sawInvite = true;
      let value = eq >= 0 ? part.slice(eq + 1) : '';
      try {
        value = decodeURIComponent(value.replace(/\+/g, ' '));
      } catch {
        value = '';
      }
      value = value.trim();
      if (found === null && TOKEN.test(value)) found = value;
    } else {
      kept.push(part);
    }
  }
  if (!sawInvite) return { token: null, rest: `#${body}`, hadInvite: false };
  const restQuery = kept.join('&');
  let rest = route;
  if (restQuery) rest = route ? `${route}?${restQuery}` : restQuery;
  return { token: found, rest: rest ? `#${rest}` : '', hadInvite: true };
}

/**
 * Takes the invitation out of the address bar and the current history entry, at once.
 * @param {{location: {hash: string, pathname: string, search: string}, history: {replaceState: Function, state?: any}}} win
 * @returns {{token: string | null, hadInvite: boolean}} hadInvite: the address had an
 *   invite=… (even a malformed one), which is now gone
 */
export function stripInviteFromAddress(win) {
  const { hash, pathname, search } = win.location;
  const { token, rest, hadInvite } = takeInviteFromHash(hash);
  if (hadInvite) {
    win.history.replaceState(win.history.state ?? null, '', `${pathname}${search}${rest}`);
  }
  return { token, hadInvite };
}

/**
 * @typedef {{session: string, expiresAt: string, contact: {id: string, email: string, name: string}}} Session
 */

/**
 * The session kept in storage, or null when there is none, it is unreadable, or it expired.
 * @param {Pick<Storage, 'getItem' | 'removeItem'> | null | undefined} storage
 * @param {number} [now] ms since the epoch
 * @returns {{session: Session | null, expired: boolean}}
 */
export function loadSession(storage, now = Date.now()) {
  let raw = null;
  try {
    raw = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return { session: null, expired: false };
  }
  if (!raw) return { session: null, expired: false };
  let value;
  try {
    value = JSON.parse(raw);
  } catch {
    clearSession(storage);
    return { session: null, expired: false };
  }
  if (!isSession(value)) {
    clearSession(storage);
    return { session: null, expired: false };
  }
  if (isExpired(value, now)) {
    clearSession(storage);
    return { session: null, expired: true };
  }
  return { session: value, expired: false };
}

/**
 * @param {Pick<Storage, 'setItem'> | null | undefined} storage
 * @param {Session} session
 */
export function saveSession(storage, session) {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // Storage may be full or disabled: the session then lives only as long as the page.
  }
}

/** @param {Pick<Storage, 'removeItem'> | null | undefined} storage */
export function clearSession(storage) {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    // nothing to do
  }
}

/** @returns {value is Session} */
export function isSession(value) {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof value.session === 'string' &&
    value.session.length > 0 &&
    typeof value.expiresAt === 'string' &&
    value.contact !== null &&
    typeof value.contact === 'object' &&
    typeof value.contact.email === 'string'
  );
}

/** A session whose expiresAt is unreadable counts as expired. */
export function isExpired(session, now = Date.now()) {
  const at = parseTimestamp(session?.expiresAt);
  return !at || at.getTime() <= now;
}

/** Milliseconds until the session expires (0 when it already has). */
export function msUntilExpiry(session, now = Date.now()) {
  const at = parseTimestamp(session?.expiresAt);
  return at ? Math.max(0, at.getTime() - now) : 0;
}
