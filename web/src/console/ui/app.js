// The staff console: config, staff sign-in (a local token, or Cognito managed login with
// PKCE), the status region, hash routes, and the guard that keeps unsaved settings from
// being left behind by accident.
import { html, useState, useEffect, useRef, useMemo, useCallback } from '../../../vendor/preact-htm.js';
import { loadConsoleConfig, loadLocalToken } from '../staff-config.js';
import { createStaffApi } from '../staff-api.js';
import {
  beginSignIn,
  parseCallback,
  takePending,
  checkState,
  exchangeCode,
  redirectUriFor,
  loadToken,
  saveToken,
  clearToken,
  isTokenLive,
  msUntilTokenExpiry,
  staffFromToken,
  logoutUrl,
} from '../pkce.js';
import { parseRoute, routeHash, leavesSettings } from '../routes.js';
import { Notice } from '../../ui/notice.js';
import { useLeaveWarning } from '../../ui/leave-warning.js';
import { ConfirmDialog } from './confirm.js';
import { StaffSignIn } from './sign-in.js';
import { MattersView } from './matters.js';
import { MatterView } from './matter.js';
import { NewMatterView } from './new-matter.js';

const MAX_TIMEOUT_MS = 2 ** 31 - 1;
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

export function ConsoleApp() {
  const [config, setConfig] = useState(/** @type {any} */ (null));
  const [configError, setConfigError] = useState('');
  const [auth, setAuth] = useState(/** @type {StaffAuth} */ ({ status: 'loading' }));
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  const [notice, setNotice] = useState(/** @type {any} */ (null));
  const [leaving, setLeaving] = useState(/** @type {null | {hash: string}} */ (null));
  const noticeCount = useRef(0);
  const dirty = useRef(/** @type {string[]} */ ([]));
  const routeRef = useRef(route);
  routeRef.current = route;
  const tokenRef = useRef(/** @type {string | null} */ (null));
  tokenRef.current = auth.status === 'signed_in' ? auth.token : null;

  const announce = useCallback((text, tone = 'info') => {
    noticeCount.current += 1;
    setNotice(text ? { key: noticeCount.current, text, tone } : null);
  }, []);

  // Config, then who is signed in: the local token, a sign-in coming back, or a kept token.
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
      const pending = takePending(storage);
      const back = storage?.getItem(RETURN_KEY) ?? '';
      storage?.removeItem(RETURN_KEY);
      // The code leaves the address bar and history at once, whatever happens next.
      window.history.replaceState(null, '', `${window.location.pathname}${back.startsWith('#') ? back : ''}`);
      setRoute(parseRoute(window.location.hash));
      if ('error' in callback) {
        setAuth({ status: 'signed_out', message: `Sign-in did not complete (${callback.error}). Try again.` });
        return;
      }
      const verdict = checkState(pending, callback.state);
      if (verdict !== 'ok') {
        setAuth({
          status: 'signed_out',
          message:
            verdict === 'stale'
              ? 'That sign-in took too long. Sign in again.'
              : 'That sign-in was not started from this tab. Sign in again.',
        });
        return;
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
        setAuth({ status: 'signed_in', token, local: false });
      } catch (error) {
        setAuth({ status: 'signed_out', message: error.message });
      }
      return;
    }
    const local = await loadLocalToken(fetchFn);
    if (local && isTokenLive(local)) {
      setAuth({ status: 'signed_in', token: local, local: true });
      return;
    }
    const kept = loadToken(tabStorage());
    if (kept) {
      setAuth({ status: 'signed_in', token: kept, local: false });
      return;
    }
    setAuth({
      status: 'signed_out',
      message: cfg.staffAuth ? '' : 'Staff sign-in is not set up for this site (config.json has no staffAuth).',
    });
  }, []);
  useEffect(() => {
    start();
  }, [start]);

  const signedOut = useCallback((message) => {
    clearToken(tabStorage());
    dirty.current = [];
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
              if (token === null || token === tokenRef.current) {
                signedOut('Your sign-in has ended or was refused. Sign in again to continue.');
              }
            },
          })
        : null,
    [config, signedOut],
  );

  // Signed out when the token runs out, even if nothing is clicked.
  useEffect(() => {
    if (auth.status !== 'signed_in') return undefined;
    const timer = setTimeout(
      () => signedOut('Your sign-in has expired. Sign in again to continue.'),
      Math.min(msUntilTokenExpiry(auth.token), MAX_TIMEOUT_MS),
    );
    return () => clearTimeout(timer);
  }, [auth, signedOut]);

  useEffect(() => {
    document.title = config?.firmName ? `Staff console — ${config.firmName}` : 'Staff console';
  }, [config]);

  // Hash routes, guarded: leaving settings with unsaved changes asks first.
  useEffect(() => {
    const onHash = () => {
      const next = parseRoute(window.location.hash);
      const current = routeRef.current;
      if (dirty.current.length && leavesSettings(current, next)) {
        const target = window.location.hash || '#/';
        window.history.replaceState(null, '', routeHash(current));
        setLeaving({ hash: target });
        return;
      }
      setRoute(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // Leaving the page (reload, close, another address) with unsaved settings: the browser asks.
  const [hasDirty, setHasDirty] = useState(false);
  useLeaveWarning(hasDirty);
  const setDirty = useCallback((fields) => {
    dirty.current = fields;
    setHasDirty(fields.length > 0);
  }, []);

  // A new view: its heading takes focus (not on first load).
  const firstRoute = useRef(true);
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    document.getElementById('main-heading')?.focus();
  }, [route.view, route.view === 'matter' ? route.matterId : '']);

  const navigate = useCallback((hash) => {
    if (window.location.hash === hash) setRoute(parseRoute(hash));
    else window.location.hash = hash;
  }, []);

  const leaveAnyway = useCallback(() => {
    const target = leaving?.hash ?? '#/';
    setLeaving(null);
    dirty.current = [];
    setHasDirty(false);
    window.location.hash = target;
  }, [leaving]);

  const signIn = useCallback(async () => {
    if (!config) return;
    if (!config.staffAuth) {
      start();
      return;
    }
    try {
      const storage = tabStorage();
      storage?.setItem(RETURN_KEY, window.location.hash);
      const { url } = await beginSignIn(config.staffAuth, {
        crypto: window.crypto,
        storage,
        redirectUri: redirectUriFor(window.location),
      });
      window.location.assign(url);
    } catch (error) {
      setAuth({ status: 'signed_out', message: `Sign-in could not start: ${error.message}` });
    }
  }, [config, start]);

  const signOut = useCallback(() => {
    const wasLocal = auth.status === 'signed_in' && auth.local;
    signedOut('You have signed out.');
    if (!wasLocal && config?.staffAuth) {
      const url = logoutUrl({ ...config.staffAuth, redirectUri: redirectUriFor(window.location) });
      if (url) window.location.assign(url);
    }
  }, [auth, config, signedOut]);

  const me = auth.status === 'signed_in' ? staffFromToken(auth.token) : null;

  let body;
  if (configError) {
    body = html`<section class="panel" aria-labelledby="main-heading">
      <h1 id="main-heading" tabindex="-1">The console is not available</h1>
      <p class="message error">${configError}</p>
      <button type="button" class="button" onClick=${start}>Try again</button>
    </section>`;
  } else if (auth.status === 'loading' || !config || !api) {
    body = html`<p class="loading" aria-busy="true">Loading…</p>`;
  } else if (auth.status === 'signing_in') {
    body = html`<section class="panel" aria-busy="true" aria-labelledby="main-heading">
      <h1 id="main-heading" tabindex="-1">Signing you in…</h1>
    </section>`;
  } else if (auth.status === 'signed_out') {
    body = html`<${StaffSignIn} firmName=${config.firmName} message=${auth.message} configured=${!!config.staffAuth} onSignIn=${signIn} />`;
  } else if (route.view === 'new') {
    body = html`<${NewMatterView}
      key=${`new-${route.matterId}`}
      api=${api}
      me=${me}
      initialId=${route.matterId}
      announce=${announce}
      navigate=${navigate}
      setDirty=${setDirty}
    />`;
  } else if (route.view === 'matter') {
    body = html`<${MatterView}
      key=${route.matterId}
      api=${api}
      config=${config}
      me=${me}
      matterId=${route.matterId}
      section=${route.section}
      announce=${announce}
      navigate=${navigate}
      setDirty=${setDirty}
    />`;
  } else {
    body = html`<${MattersView} api=${api} announce=${announce} />`;
  }

  return html`
    <a class="skip-link" href="#main">Skip to main content</a>
    <header class="site-header">
      <div class="brand">
        ${config?.firmName ? html`<p class="firm-name" id="firm-name">${config.firmName}</p>` : null}
        <p class="product-name">Client portal · Staff console</p>
      </div>
      ${auth.status === 'signed_in'
        ? html`<nav class="console-nav" aria-label="Console">
              <a href="#/" id="nav-matters" aria-current=${route.view === 'matters' ? 'page' : undefined}>Matters</a>
              <a href="#/new" id="nav-new" aria-current=${route.view === 'new' ? 'page' : undefined}>Set up a matter</a>
            </nav>
            <div class="account">
              <p class="who" id="staff-who">
                <span class="visually-hidden">Signed in as </span>
                <span class="who-name">${me?.name || me?.email || 'Staff'}</span>
                ${me?.email && me?.name !== me?.email ? html`<span class="who-email">${me.email}</span>` : null}
              </p>
              <button type="button" id="sign-out" class="button secondary" onClick=${signOut}>Sign out</button>
            </div>`
        : null}
    </header>
    <${Notice} notice=${notice} onDismiss=${() => setNotice(null)} />
    <main id="main" tabindex="-1" class="console-main">${body}</main>
    <${ConfirmDialog}
      id="leave-dialog"
      open=${!!leaving}
      title="Leave without saving?"
      text=${`This matter’s settings have unsaved changes (${dirty.current.join(', ')}). They are not saved until you press Save.`}
      confirmLabel="Leave without saving"
      cancelLabel="Stay on this page"
      tone="danger"
      onConfirm=${leaveAnyway}
      onCancel=${() => setLeaving(null)}
    />
  `;
}
