// The portal page: config, who is signed in, the status region, and which view shows.
import {
  html,
  useState,
  useEffect,
  useReducer,
  useRef,
  useMemo,
  useCallback,
} from '../../vendor/preact-htm.js';
import { loadConfig, pageTitle } from '../config.js';
import { createApi } from '../api.js';
import { authReducer, initialAuth } from '../auth-state.js';
import {
  loadSession,
  saveSession,
  clearSession,
  isSession,
  msUntilExpiry,
  stripInviteFromAddress,
} from '../session.js';
import { SignIn } from './sign-in.js';
import { Portal } from './portal.js';
import { Notice } from './notice.js';

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
 * @param {{invite: {token: string | null, hadInvite: boolean}}} props
 */
export function App({ invite }) {
  const [config, setConfig] = useState(/** @type {import('../config.js').PortalConfig | null} */ (null));
  const [configError, setConfigError] = useState('');
  const [auth, dispatch] = useReducer(authReducer, undefined, () =>
    initialAuth(loadSession(tabStorage()), invite),
  );
  const [notice, setNotice] = useState(/** @type {any} */ (null));
  const [signingOut, setSigningOut] = useState(false);
  const noticeCount = useRef(0);

  // The token every request sends, current as of this render (children's effects run before
  // this component's, so it can't wait for an effect).
  const sessionRef = useRef(/** @type {import('../session.js').Session | null} */ (null));
  sessionRef.current = auth.status === 'signed_in' ? auth.session : null;

  const announce = useCallback((text, tone = 'info', link = null) => {
    noticeCount.current += 1;
    setNotice(text ? { key: noticeCount.current, text, tone, link } : null);
  }, []);

  const loadConfigNow = useCallback(() => {
    setConfigError('');
    loadConfig((...args) => window.fetch(...args))
      .then(setConfig)
      .catch((error) => setConfigError(error.message));
  }, []);
  useEffect(loadConfigNow, [loadConfigNow]);

  useEffect(() => {
    document.title = pageTitle(config);
  }, [config]);

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
        if (!isSession(body)) throw Object.assign(new Error('The sign-in answer was incomplete.'), { status: 502 });
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

  // Sign out when the session runs out, even if nothing is clicked.
  useEffect(() => {
    if (auth.status !== 'signed_in') return undefined;
    const timer = setTimeout(
      () => dispatch({ type: 'expired' }),
      Math.min(msUntilExpiry(auth.session), MAX_TIMEOUT_MS),
    );
    return () => clearTimeout(timer);
  }, [auth]);

  // Move focus to the new view's heading when the view changes (not on first load).
  const firstStatus = useRef(true);
  useEffect(() => {
    if (firstStatus.current) {
      firstStatus.current = false;
      return;
    }
    if (auth.status !== 'signing_in') document.getElementById('main-heading')?.focus();
    if (auth.status === 'signed_out') setNotice(null);
  }, [auth.status]);

  const signOut = useCallback(async () => {
    if (!api) return;
    setSigningOut(true);
    try {
      await api.closeSession();
    } catch {
      // Signed out here whatever the server said; the session dies with its TTL anyway.
    }
    setSigningOut(false);
    dispatch({ type: 'signed_out' });
  }, [api]);

  const retrySignIn = useCallback((token) => dispatch({ type: 'invite', token }), []);

  const firmName = config?.firmName ?? '';
  const contact = auth.status === 'signed_in' ? auth.session.contact : null;

  let body;
  if (configError) {
    body = html`
      <section class="panel" aria-labelledby="main-heading">
        <h1 id="main-heading" tabindex="-1">The portal is not available</h1>
        <p class="message error">${configError}</p>
        <button type="button" class="button" onClick=${loadConfigNow}>Try again</button>
      </section>
    `;
  } else if (!config || !api) {
    body = html`<p class="loading" aria-busy="true">Loading…</p>`;
  } else if (auth.status === 'signing_in') {
    body = html`
      <section class="panel" aria-labelledby="main-heading" aria-busy="true">
        <h1 id="main-heading" tabindex="-1">Signing you in…</h1>
        <p>One moment while we check your link.</p>
      </section>
    `;
  } else if (auth.status === 'signed_out') {
    body = html`<${SignIn}
      api=${api}
      firmName=${firmName}
      reason=${auth.reason}
      message=${auth.message}
      retryToken=${auth.retryToken ?? ''}
      onRetry=${retrySignIn}
    />`;
  } else {
    body = html`<${Portal}
      key=${auth.session.session}
      api=${api}
      config=${config}
      contact=${auth.session.contact}
      announce=${announce}
    />`;
  }

  return html`
    <a class="skip-link" href="#main">Skip to main content</a>
    <header class="site-header">
      <div class="brand">
        ${firmName ? html`<p class="firm-name" id="firm-name">${firmName}</p>` : null}
        <p class="product-name">Client portal</p>
      </div>
      ${contact
        ? html`
            <div class="account">
              <p class="who">
                <span class="visually-hidden">Signed in as </span>
                <span class="who-name">${contact.name || contact.email}</span>
                ${contact.name ? html` <span class="who-email">${contact.email}</span>` : null}
              </p>
              <button
                type="button"
                id="sign-out"
                class="button secondary"
                onClick=${signOut}
                disabled=${signingOut}
                aria-busy=${signingOut ? 'true' : 'false'}
              >
                Sign out
              </button>
            </div>
          `
        : null}
    </header>
    <${Notice} notice=${notice} onDismiss=${() => setNotice(null)} />
    <main id="main" tabindex="-1">${body}</main>
    <footer class="site-footer">
      <p>
        ${firmName ? `${firmName} shares these documents with you privately. ` : ''}Links you open
        work for a few minutes only. On a shared computer, sign out when you are done.
      </p>
    </footer>
  `;
}
