// Who is signed in to the console: the config first, then the local token, a managed-login
// sign-in coming back (code + PKCE: the code leaves the address at once, the state must
// match, the code is exchanged for the ID token), or a token kept in this tab; its end
// (even if nothing is clicked), a 401 from any call, signing in and out.
import { useState, useEffect, useRef, useMemo, useCallback } from '../../../vendor/preact-htm.js';
import { loadConsoleConfig, loadLocalToken } from '../staff-config.js';
import { createStaffApi } from '../staff-api.js';
import {
  beginSignIn,
  parseCallback,
  takePending,
  checkState,
  exchangeCode,
  redirectUriFor,
  logoutUrl,
} from '../pkce.js';
import { loadToken, saveToken, clearToken, isTokenLive, msUntilTokenExpiry, staffFromToken } from '../staff-token.js';
import { t } from '../texts.js';

const MAX_TIMEOUT_MS = 2 ** 31 - 1;
/** Where the console was when sign-in left for the managed login. */
const RETURN_KEY = 'console.return';

function tabStorage() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * @typedef {{status: 'loading'} | {status: 'signing_in'}
 *   | {status: 'signed_in', token: string, local: boolean}
 *   | {status: 'signed_out', message: string}} StaffAuth
 */

/** What a sign-in coming back from the managed login gives: a token, or why not. */
async function finishSignIn(cfg, callback, fetchFn) {
  const storage = tabStorage();
  const pending = takePending(storage);
  if ('error' in callback) return { status: 'signed_out', message: t('signin-error', { error: callback.error }) };
  const verdict = checkState(pending, callback.state);
  if (verdict !== 'ok') {
    const message = verdict === 'stale' ? t('signin-stale') : t('signin-other-tab');
    return { status: 'signed_out', message };
  }
  try {
    const token = await exchangeCode(fetchFn, {
      domain: cfg.staffAuth.domain,
      clientId: cfg.staffAuth.clientId,
      code: callback.code,
      redirectUri: redirectUriFor(window.location),
      verifier: /** @type {any} */ (pending).verifier,
    });
    saveToken(storage, token);
    return { status: 'signed_in', token, local: false };
  } catch (error) {
    return { status: 'signed_out', message: error.message };
  }
}

/**
 * @param {{onSignedOut: () => void, onRouteReset: () => void}} options what else a sign-out
 *   drops (unsaved edits), and a route to read again after the code left the address
 */
export function useStaffSession({ onSignedOut, onRouteReset }) {
  const [config, setConfig] = useState(/** @type {any} */ (null));
  const [configError, setConfigError] = useState('');
  const [auth, setAuth] = useState(/** @type {StaffAuth} */ ({ status: 'loading' }));
  const tokenRef = useRef(/** @type {string | null} */ (null));
  tokenRef.current = auth.status === 'signed_in' ? auth.token : null;

  // Config, then who is signed in: a sign-in coming back, the local token, or a kept token.
  const start = useCallback(async () => {
    setConfigError('');
    setAuth({ status: 'loading' });
    const fetchFn = (...args) => window.fetch(...args);
    let cfg;
    try {
      cfg = await loadConsoleConfig(fetchFn, window.location);
    } catch (error) {
      setConfigError(error.message);
      return;
    }
    setConfig(cfg);
    const callback = parseCallback(window.location.search);
    if (callback && cfg.staffAuth) {
      setAuth({ status: 'signing_in' });
      const storage = tabStorage();
      const back = storage?.getItem(RETURN_KEY) ?? '';
      storage?.removeItem(RETURN_KEY);
      // The code leaves the address bar and history at once, whatever happens next.
      window.history.replaceState(null, '', `${window.location.pathname}${back.startsWith('#') ? back : ''}`);
      onRouteReset();
      setAuth(/** @type {StaffAuth} */ (await finishSignIn(cfg, callback, fetchFn)));
      return;
    }
    const local = await loadLocalToken(fetchFn);
    const kept = loadToken(tabStorage());
    if (local && isTokenLive(local)) setAuth({ status: 'signed_in', token: local, local: true });
    else if (kept) setAuth({ status: 'signed_in', token: kept, local: false });
    else setAuth({ status: 'signed_out', message: cfg.staffAuth ? '' : t('signin-not-set-up') });
  }, []);
  useEffect(() => {
    start();
  }, [start]);

  const signedOut = useCallback((message) => {
    clearToken(tabStorage());
    onSignedOut();
    setAuth({ status: 'signed_out', message });
  }, []);

  const api = useMemo(
    () =>
      config
        ? createStaffApi({
            base: config.apiBase,
            fetch: (...args) => window.fetch(...args),
            getToken: () => tokenRef.current,
            onUnauthorized: (_error, token) => {
              if (token === null || token === tokenRef.current) signedOut(t('signin-refused'));
            },
          })
        : null,
    [config, signedOut],
  );

  // Signed out when the token runs out, even if nothing is clicked.
  useEffect(() => {
    if (auth.status !== 'signed_in') return undefined;
    const timer = setTimeout(() => signedOut(t('signin-expired')), Math.min(msUntilTokenExpiry(auth.token), MAX_TIMEOUT_MS));
    return () => clearTimeout(timer);
  }, [auth, signedOut]);

  const signIn = useCallback(async () => {
    if (!config) return;
    if (!config.staffAuth) return start();
    try {
      const storage = tabStorage();
      storage?.setItem(RETURN_KEY, window.location.hash);
      const { url } = await beginSignIn(config.staffAuth, { crypto: window.crypto, storage, redirectUri: redirectUriFor(window.location) });
      window.location.assign(url);
    } catch (error) {
      setAuth({ status: 'signed_out', message: t('signin-could-not-start', { reason: error.message }) });
    }
    return undefined;
  }, [config, start]);

  const signOut = useCallback(() => {
    const wasLocal = auth.status === 'signed_in' && auth.local;
    signedOut(t('signed-out'));
    if (!wasLocal && config?.staffAuth) {
      const url = logoutUrl({ ...config.staffAuth, redirectUri: redirectUriFor(window.location) });
      if (url) window.location.assign(url);
    }
  }, [auth, config, signedOut]);

  const me = auth.status === 'signed_in' ? staffFromToken(auth.token) : null;
  return { config, configError, auth, api, me, start, signIn, signOut };
}
