import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialAuth, authReducer, signedOut, SIGNED_OUT_MESSAGES } from '../../src/portal/auth-state.js';
import { t, setLanguage } from '../../src/portal/texts.js';
import { looksLikeEmail } from '../../src/common/validate.js';

const session = { session: 's', expiresAt: '2099-01-01T00:00:00Z', contact: { id: 'c', email: 'a@b.co', name: 'A' } };

test('the first state: an invite wins over a stored session', () => {
  assert.deepEqual(initialAuth({ session, expired: false }, { token: 'tok', hadInvite: true }), {
    status: 'signing_in',
    token: 'tok',
  });
  assert.deepEqual(initialAuth({ session, expired: false }, { token: null, hadInvite: false }), {
    status: 'signed_in',
    session,
  });
  assert.equal(initialAuth({ session: null, expired: false }, { token: null, hadInvite: true }).reason, 'link_invalid');
  assert.equal(initialAuth({ session: null, expired: true }, { token: null, hadInvite: false }).reason, 'session_ended');
  assert.deepEqual(initialAuth({ session: null, expired: false }, { token: null, hadInvite: false }), signedOut('fresh'));
});

test('a used, expired or revoked link says so', () => {
  const s = authReducer({ status: 'signing_in', token: 't' }, { type: 'invite_failed', error: { status: 401 }, token: 't' });
  assert.equal(s.status, 'signed_out');
  assert.equal(s.message, 'This link has expired or was already used — ask for a new one.');
  assert.equal(s.retryToken, undefined);
});

test('a failure that is not about the link offers a retry', () => {
  const s = authReducer(
    { status: 'signing_in', token: 't' },
    { type: 'invite_failed', error: { status: 0, message: "Can't reach the portal right now." }, token: 't' },
  );
  assert.equal(s.status, 'signed_out');
  assert.equal(s.retryToken, 't');
  assert.match(s.message, /couldn't sign you in just now/);
});

test('a 401 later ends the session; signing out says so', () => {
  const signedIn = authReducer(signedOut('fresh'), { type: 'signed_in', session });
  assert.equal(signedIn.status, 'signed_in');
  const ended = authReducer(signedIn, { type: 'unauthorized' });
  assert.equal(ended.reason, 'session_ended');
  assert.equal(ended.message, SIGNED_OUT_MESSAGES.session_ended);
  assert.equal(authReducer(signedIn, { type: 'expired' }).reason, 'session_ended');
  assert.equal(authReducer(signedIn, { type: 'signed_out' }).message, 'You have signed out.');
  // A stale 401 while signing in with a new link changes nothing.
  const signingIn = { status: 'signing_in', token: 't' };
  assert.equal(authReducer(signingIn, { type: 'unauthorized' }), signingIn);
});

test('a link pasted later starts signing in', () => {
  assert.deepEqual(authReducer(signedOut('signed_out'), { type: 'invite', token: 'x' }), { status: 'signing_in', token: 'x' });
  assert.equal(authReducer({ status: 'signed_in', session }, { type: 'invite_invalid' }).reason, 'link_invalid');
});

test('email check before asking for a link', () => {
  assert.ok(looksLikeEmail('jane.client@example.com'));
  assert.ok(looksLikeEmail('  Jane@Example.co.uk '));
  for (const bad of ['', 'jane', 'jane@', '@example.com', 'jane@example', 'jane@@example.com', 'ja ne@example.com', 'jane@example..com', 'jane@.example.com']) {
    assert.ok(!looksLikeEmail(bad), bad);
  }
  // The same answer for every address, in either language.
  assert.equal(t('link-sent'), 'If this address has access, a link is on its way.');
  setLanguage('es');
  assert.equal(t('link-sent'), 'Si esta dirección tiene acceso, le llegará un enlace.');
  assert.equal(SIGNED_OUT_MESSAGES.signed_out, 'Ha cerrado la sesión.', 'read when said, in the language of that moment');
  setLanguage('en');
});
