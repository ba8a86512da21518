// Who is signed in to the portal: the emailed link's token exchanged for a session (once per
// token), the session kept in this tab's storage, a link pasted into an open page, the
// session's end (even if nothing is clicked), a 401 from any call, and signing out. One
// reducer (auth-state.js) says which; the API client sends the current session.
import { useEffect, useReducer, useRef, useMemo, useCallback } from '../../../vendor/preact-htm.js';
import { createApi } from '../api.js';
import { authReducer, initialAuth } from '../auth-state.js';
import { loadSession, saveSession, clearSession, isSession, msUntilExpiry, stripInviteFromAddress } from '../session.js';
import { t } from '../texts.js';

/** The longest delay setTimeout takes. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

function tabStorage() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * @param {any} config the page's config (null while it loads)
 * @param {{token: string | null, hadInvite: boolean}} invite what the address carried
 */
export function usePortalSession(config, invite) {
  const [auth, dispatch] = useReducer(authReducer, undefined, () => initialAuth(loadSession(tabStorage()), invite));

  // The token every request sends, current as of this render (children's effects run before
  // this component's, so it can't wait for an effect).
  const sessionRef = useRef(/** @type {import('../session.js').Session | null} */ (null));
  sessionRef.current = auth.status === 'signed_in' ? auth.session : null;

  const api = useMemo(
    () =>
      config
        ? createApi({
            base: config.apiBase,
            fetch: (...args) => window.fetch(...args),
            getToken: () => sessionRef.current?.session ?? null,
            onUnauthorized: (_error, token) => {
              if (token === null || token === sessionRef.current?.session) dispatch({ type: 'unauthorized' });
            },
          })
        : null,
    [config],
  );

  // Keep the session in this tab's storage while signed in, and nowhere otherwise.
  useEffect(() => {
    if (auth.status === 'signed_in') saveSession(tabStorage(), auth.session);
    else clearSession(tabStorage());
  }, [auth]);

  // Exchange an emailed link's token for a session, once per token.
  const exchanging = useRef('');
  useEffect(() => {
    if (auth.status !== 'signing_in' || !api || exchanging.current === auth.token) return;
    const token = auth.token;
    exchanging.current = token;
    api
      .openSession(token)
      .then((body) => {
        if (!isSession(body)) throw Object.assign(new Error(t('sign-in-incomplete')), { status: 502 });
        dispatch({ type: 'signed_in', session: body });
      })
      .catch((error) => dispatch({ type: 'invite_failed', error, token }))
      .finally(() => {
        if (exchanging.current === token) exchanging.current = '';
      });
  }, [auth, api]);

  // A link opened while the page is already open (pasted into this tab).
  useEffect(() => {
    const onHash = () => {
      const next = stripInviteFromAddress(window);
      if (next.token) dispatch({ type: 'invite', token: next.token });
      else if (next.hadInvite) dispatch({ type: 'invite_invalid' });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // Signed out when the session runs out, even if nothing is clicked.
  useEffect(() => {
    if (auth.status !== 'signed_in') return undefined;
    const timer = setTimeout(() => dispatch({ type: 'expired' }), Math.min(msUntilExpiry(auth.session), MAX_TIMEOUT_MS));
    return () => clearTimeout(timer);
  }, [auth]);

  /** Ends the session here whatever the server says (it dies with its TTL anyway). */
  const signOut = useCallback(async () => {
    if (!api) return;
    try {
      await api.closeSession();
    } catch {
      // Signed out here regardless.
    }
    dispatch({ type: 'signed_out' });
  }, [api]);

  const retrySignIn = useCallback((token) => dispatch({ type: 'invite', token }), []);

  return { auth, api, signOut, retrySignIn };
}
