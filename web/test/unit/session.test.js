import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  takeInviteFromHash,
  stripInviteFromAddress,
  loadSession,
  saveSession,
  clearSession,
  isExpired,
  msUntilExpiry,
  STORAGE_KEY,
} from '../../src/portal/session.js';

const TOKEN = 'q9Yb0xv3Jr2QmF6HkT8sW1nZc5aLpE7uVdG4iXoKjRt';

test('the token is read from #invite=…', () => {
  assert.deepEqual(takeInviteFromHash(`#invite=${TOKEN}`), { token: TOKEN, rest: '', hadInvite: true });
  assert.deepEqual(takeInviteFromHash(`invite=${TOKEN}`), { token: TOKEN, rest: '', hadInvite: true });
});

test('other fragment parts are kept', () => {
  assert.deepEqual(takeInviteFromHash(`#a=1&invite=${TOKEN}&b=2`), { token: TOKEN, rest: '#a=1&b=2', hadInvite: true });
  assert.deepEqual(takeInviteFromHash(`#/documents?invite=${TOKEN}`), { token: TOKEN, rest: '#/documents', hadInvite: true });
  assert.deepEqual(takeInviteFromHash(`#/documents?x=1&invite=${TOKEN}`), {
    token: TOKEN,
    rest: '#/documents?x=1',
    hadInvite: true,
  });
});

test('no invite: nothing taken, hash untouched', () => {
  assert.deepEqual(takeInviteFromHash(''), { token: null, rest: '', hadInvite: false });
  assert.deepEqual(takeInviteFromHash('#'), { token: null, rest: '', hadInvite: false });
  assert.deepEqual(takeInviteFromHash('#main'), { token: null, rest: '#main', hadInvite: false });
  assert.deepEqual(takeInviteFromHash('#a=1'), { token: null, rest: '#a=1', hadInvite: false });
  assert.deepEqual(takeInviteFromHash('#invitee=abc'), { token: null, rest: '#invitee=abc', hadInvite: false });
});

test('a malformed invite is removed but gives no token', () => {
  assert.deepEqual(takeInviteFromHash('#invite='), { token: null, rest: '', hadInvite: true });
  assert.deepEqual(takeInviteFromHash('#invite=short'), { token: null, rest: '', hadInvite: true });
  assert.deepEqual(takeInviteFromHash('#invite=%E0%A4%A'), { token: null, rest: '', hadInvite: true });
  assert.deepEqual(takeInviteFromHash('#invite=<script>alert(1)</script>'), { token: null, rest: '', hadInvite: true });
  // Mail clients sometimes percent-encode or pad the link.
  assert.equal(takeInviteFromHash(`#invite=${encodeURIComponent(TOKEN)}%20`).token, TOKEN);
  // The first good one of two wins.
  assert.equal(takeInviteFromHash(`#invite=${TOKEN}&invite=other-token-value-123`).token, TOKEN);
});

function fakeWindow(hash, { pathname = '/', search = '' } = {}) {
  const calls = [];
  return {
    calls,
    location: { hash, pathname, search },
    history: {
      state: { kept: true },
      replaceState(state, title, url) {
        calls.push({ state, title, url });
      },
    },
  };
}

test('the address bar and the history entry lose the token at once', () => {
  const win = fakeWindow(`#invite=${TOKEN}`, { pathname: '/', search: '?utm=mail' });
  assert.deepEqual(stripInviteFromAddress(win), { token: TOKEN, hadInvite: true });
  assert.equal(win.calls.length, 1);
  assert.equal(win.calls[0].url, '/?utm=mail');
  assert.ok(!win.calls[0].url.includes(TOKEN));
  assert.deepEqual(win.calls[0].state, { kept: true });
});

test('an address without an invite is left alone', () => {
  const win = fakeWindow('#main');
  assert.deepEqual(stripInviteFromAddress(win), { token: null, hadInvite: false });
  assert.equal(win.calls.length, 0);
});

function memoryStorage() {
  const map = new Map();
  return {
    map,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => map.set(k, String(v)),
    removeItem: (k) => map.delete(k),
  };
}

const session = {
  session: 'sess-token',
  expiresAt: '2026-11-22T22:00:00.000000Z',
  contact: { id: 'c-1', email: 'jane@example.com', name: 'Jane Client' },
};
const before = Date.parse('2026-11-22T10:00:00Z');
const after = Date.parse('2026-11-22T22:00:01Z');

test('a session is kept and read back until it expires', () => {
  const storage = memoryStorage();
  saveSession(storage, session);
  assert.deepEqual(loadSession(storage, before), { session, expired: false });
  assert.deepEqual(loadSession(storage, after), { session: null, expired: true });
  assert.equal(storage.map.has(STORAGE_KEY), false, 'an expired session is dropped');
});

test('bad stored values are dropped', () => {
  const storage = memoryStorage();
  storage.setItem(STORAGE_KEY, '{not json');
  assert.deepEqual(loadSession(storage, before), { session: null, expired: false });
  assert.equal(storage.map.size, 0);
  storage.setItem(STORAGE_KEY, JSON.stringify({ session: '', expiresAt: 'x', contact: {} }));
  assert.deepEqual(loadSession(storage, before), { session: null, expired: false });
  assert.deepEqual(loadSession(null, before), { session: null, expired: false });
});

test('storage that throws does not break the page', () => {
  const broken = {
    getItem() {
      throw new Error('SecurityError');
    },
    setItem() {
      throw new Error('QuotaExceeded');
    },
    removeItem() {
      throw new Error('SecurityError');
    },
  };
  assert.deepEqual(loadSession(broken), { session: null, expired: false });
  saveSession(broken, session);
  clearSession(broken);
});

test('expiry', () => {
  assert.equal(isExpired(session, before), false);
  assert.equal(isExpired(session, after), true);
  assert.equal(isExpired({ expiresAt: 'garbage' }, before), true);
  assert.equal(msUntilExpiry(session, before), 12 * 3600 * 1000);
  assert.equal(msUntilExpiry(session, after), 0);
});
