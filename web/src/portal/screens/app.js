// The portal page: config, who is signed in, the status region, and which view shows.
import { html, useState, useEffect } from '../../../vendor/preact-htm.js';
import { loadConfig, pageTitle } from '../../common/config.js';
import { useAnnouncer } from '../../common/hooks/use-announcer.js';
import { useHeadingFocus } from '../../common/hooks/use-heading-focus.js';
import { usePageConfig } from '../../common/hooks/use-page-config.js';
import { Notice } from '../../common/screens/notice.js';
import { usePortalSession } from '../hooks/use-portal-session.js';
import { SignIn } from './sign-in.js';
import { Portal } from './portal.js';
import { PortalHeader } from './header.js';
import { t } from '../texts.js';
import { usePageLanguage } from '../../common/hooks/use-page-language.js';
import { usePreference } from '../hooks/use-preference.js';

/**
 * @param {{invite: {token: string | null, hadInvite: boolean}}} props
 */
export function App({ invite }) {
  const page = usePageConfig(loadConfig, pageTitle);
  const { auth, api, signOut, retrySignIn } = usePortalSession(page.config, invite);
  const { notice, announce, dismiss } = useAnnouncer();
  const [signingOut, setSigningOut] = useState(false);
  const signedIn = auth.status === 'signed_in';
  const languageChoice = usePreference({ api, signedIn, field: 'language' });
  const chosen = signedIn ? languageChoice.value : '';
  const language = usePageLanguage('portal.language', chosen);
  useEffect(() => {
    document.title = pageTitle(page.config);
  }, [language, page.config]);

  useHeadingFocus(auth.status, auth.status !== 'signing_in');
  useEffect(() => {
    if (auth.status === 'signed_out') dismiss();
  }, [auth.status]);

  async function leave() {
    setSigningOut(true);
    await signOut();
    setSigningOut(false);
  }

  const firmName = page.config?.firmName ?? '';
  let body;
  if (page.error) {
    body = html`
      <section class="panel" aria-labelledby="main-heading">
        <h1 id="main-heading" tabindex="-1">${t('portal-unavailable')}</h1>
        <p class="message error">${page.error}</p>
        <button type="button" class="button" onClick=${page.reload}>${t('try-again')}</button>
      </section>
    `;
  } else if (!page.config || !api) {
    body = html`<p class="loading" aria-busy="true">${t('loading')}</p>`;
  } else if (auth.status === 'signing_in') {
    body = html`
      <section class="panel" aria-labelledby="main-heading" aria-busy="true">
        <h1 id="main-heading" tabindex="-1">${t('signing-in')}</h1>
        <p>${t('signing-in-wait')}</p>
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
    body = html`<${Portal} key=${auth.session.session} api=${api} config=${page.config} contact=${auth.session.contact} announce=${announce} />`;
  }

  return html`
    <a class="skip-link" href="#main">${t('skip-to-main')}</a>
    <${PortalHeader}
      api=${api}
      languageChoice=${languageChoice}
      firmName=${firmName}
      logo=${page.config?.logo ?? ''}
      contact=${auth.status === 'signed_in' ? auth.session.contact : null}
      signingOut=${signingOut}
      onSignOut=${leave}
    />
    <${Notice} notice=${notice} onDismiss=${dismiss} />
    <main id="main" tabindex="-1">${body}</main>
    <footer class="site-footer">
      <p>${firmName ? `${t('footer-firm-shares', { firm: firmName })} ` : ''}${t('footer-links')}</p>
      <p id="view-only-meaning"><strong>${t('footer-view-only-term')}</strong> ${t('footer-view-only')}</p>
    </footer>
  `;
}
