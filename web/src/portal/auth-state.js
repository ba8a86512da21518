// Signed in, signing in, or signed out and why: one reducer the page renders from. No DOM;
// tested in test/unit/auth-state.test.js.

import { t } from './texts.js';

export const SIGNED_OUT_MESSAGES = Object.freeze({
  fresh: '',
  get link_failed() { return t('signed-out-link-failed'); },
  get link_invalid() { return t('signed-out-link-invalid'); },
  get session_ended() { return t('signed-out-session-ended'); },
  get signed_out() { return t('signed-out'); },
});

/**
 * @typedef {import('./session.js').Session} Session
 * @typedef {{status: 'signed_in', session: Session}
 *   | {status: 'signing_in', token: string}
 *   | {status: 'signed_out', reason: keyof typeof SIGNED_OUT_MESSAGES, message: string, retryToken?: string}} AuthState
 */

/**
 * The state a page starts in.
 * @param {{session: Session | null, expired: boolean}} stored from session.loadSession
 * @param {{token: string | null, hadInvite: boolean}} invite from session.stripInviteFromAddress
 * @returns {AuthState}
 */
export function initialAuth(stored, invite) {
  if (invite?.token) return { status: 'signing_in', token: invite.token };
  if (invite?.hadInvite) return signedOut('link_invalid');
  if (stored?.session) return { status: 'signed_in', session: stored.session };
  if (stored?.expired) return signedOut('session_ended');
  return signedOut('fresh');
}

/**
 * @param {keyof typeof SIGNED_OUT_MESSAGES} reason
 * @param {string} [message] overrides the reason's message
 * @returns {AuthState}
 */
export function signedOut(reason, message) {
  return { status: 'signed_out', reason, message: message ?? SIGNED_OUT_MESSAGES[reason] ?? '' };
}

/**
 * @param {AuthState} state
 * @param {{type: 'invite', token: string}
 *   | {type: 'invite_invalid'}
 *   | {type: 'signed_in', session: Session}
 *   | {type: 'invite_failed', error: {status?: number, message?: string}, token?: string}
 *   | {type: 'unauthorized'}
 *   | {type: 'expired'}
 *   | {type: 'signed_out'}} action
 * @returns {AuthState}
 */
export function authReducer(state, action) {
  switch (action.type) {
    case 'invite':
      return { status: 'signing_in', token: action.token };
    case 'invite_invalid':
      return signedOut('link_invalid');
    case 'signed_in':
      return { status: 'signed_in', session: action.session };
    case 'invite_failed': {
      const status = action.error?.status;
      if (status === 401 || status === 404 || status === 400) return signedOut('link_failed');
      // No answer, throttled or a server fault: the link may still be good; offer a retry.
      return {
        ...signedOut('link_failed', t('sign-in-failed-now', { reason: action.error?.message ?? '' }).trim()),
        retryToken: action.token,
      };
    }
    case 'unauthorized':
    case 'expired':
      return state.status === 'signed_in' ? signedOut('session_ended') : state;
    case 'signed_out':
      return signedOut('signed_out');
    default:
      return state;
  }
}

/** What the sign-in form says after any request for a link, whatever the address. */

