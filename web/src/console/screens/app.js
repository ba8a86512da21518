// The staff console: who is signed in, the status region, the view the route names, and
// the dialog that keeps unsaved settings from being left behind by accident.
import { t } from '../texts.js';
import { html, useEffect } from '../../../vendor/preact-htm.js';
import { Notice } from '../../common/screens/notice.js';
import { useAnnouncer } from '../../common/hooks/use-announcer.js';
import { useHeadingFocus } from '../../common/hooks/use-heading-focus.js';
import { useBrand } from '../../common/hooks/use-brand.js';
import { useStaffSession } from '../hooks/use-staff-session.js';
import { useConsoleRoute } from '../hooks/use-console-route.js';
import { useConsoleLanguage } from '../hooks/use-console-language.js';
import { ConfirmDialog } from './confirm.js';
import { ConsoleHeader } from './header.js';
import { StaffSignIn } from './sign-in.js';
import { MattersView } from './matters.js';
import { MatterView } from './matter.js';
import { NewMatterView } from './new-matter.js';

export function ConsoleApp() {
  const languages = useConsoleLanguage();
  const { notice, announce, dismiss } = useAnnouncer();
  const routing = useConsoleRoute();
  const session = useStaffSession({ onSignedOut: () => routing.setDirty([]), onRouteReset: routing.reread });
  const { route } = routing;
  const { config, auth, api, me } = session;
  useBrand(config?.accent);
  useEffect(() => {
    document.title = config?.firmName ? t('console-title-firm', { firm: config.firmName }) : t('console-title');
  }, [config, languages.language]);
  useHeadingFocus(`${route.view}:${route.view === 'matter' ? route.matterId : ''}`);

  let body;
  if (session.configError) {
    body = html`<section class="panel" aria-labelledby="main-heading">
      <h1 id="main-heading" tabindex="-1">${t('console-unavailable')}</h1>
      <p class="message error">${session.configError}</p>
      <button type="button" class="button" onClick=${session.start}>${t('try-again')}</button>
    </section>`;
  } else if (auth.status === 'loading' || !config || !api) {
    body = html`<p class="loading" aria-busy="true">${t('loading')}</p>`;
  } else if (auth.status === 'signing_in') {
    body = html`<section class="panel" aria-busy="true" aria-labelledby="main-heading">
      <h1 id="main-heading" tabindex="-1">${t('signing-in')}</h1>
    </section>`;
  } else if (auth.status === 'signed_out') {
    body = html`<${StaffSignIn} firmName=${config.firmName} message=${auth.message} configured=${!!config.staffAuth} onSignIn=${session.signIn} />`;
  } else if (route.view === 'new') {
    body = html`<${NewMatterView}
      key=${`new-${route.matterId}`}
      api=${api}
      me=${me}
      initialId=${route.matterId}
      announce=${announce}
      navigate=${routing.navigate}
      setDirty=${routing.setDirty}
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
      setDirty=${routing.setDirty}
    />`;
  } else {
    body = html`<${MattersView} api=${api} announce=${announce} />`;
  }

  return html`
    <a class="skip-link" href="#main">${t('skip-to-main')}</a>
    <${ConsoleHeader} languages=${languages} firmName=${config?.firmName ?? ''} logo=${config?.logo ?? ''} signedIn=${auth.status === 'signed_in'} view=${route.view} me=${me} onSignOut=${session.signOut} />
    <${Notice} notice=${notice} onDismiss=${dismiss} />
    <main id="main" tabindex="-1" class="console-main">${body}</main>
    <${ConfirmDialog}
      id="leave-dialog"
      open=${routing.leaving}
      title=${t('leave-title')}
      text=${t('leave-text', { fields: routing.dirtyFields.join(', ') })}
      confirmLabel=${t('leave-confirm')}
      cancelLabel=${t('leave-stay')}
      tone="danger"
      onConfirm=${routing.leaveAnyway}
      onCancel=${routing.stay}
    />
  `;
}
