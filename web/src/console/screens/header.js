// The console's header: the firm, the console's two places, who is signed in, Sign out.
import { html } from '../../../vendor/preact-htm.js';
import { BrandMark } from '../../common/screens/brand-mark.js';

/**
 * @param {{firmName: string, logo: string, signedIn: boolean, view: string, me: any, onSignOut: () => void}} props
 */
export function ConsoleHeader({ firmName, logo, signedIn, view, me, onSignOut }) {
  return html`
    <header class="site-header">
      <${BrandMark} firmName=${firmName} logo=${logo} product="Client portal · Staff console" />
      ${signedIn
        ? html`<nav class="console-nav" aria-label="Console">
              <a href="#/" id="nav-matters" aria-current=${view === 'matters' ? 'page' : undefined}>Matters</a>
              <a href="#/new" id="nav-new" aria-current=${view === 'new' ? 'page' : undefined}>Set up a matter</a>
            </nav>
            <div class="account">
              <p class="who" id="staff-who">
                <span class="visually-hidden">Signed in as </span>
                <span class="who-name">${me?.name || me?.email || 'Staff'}</span>
                ${me?.email && me?.name !== me?.email ? html`<span class="who-email">${me.email}</span>` : null}
              </p>
              <button type="button" id="sign-out" class="button secondary" onClick=${onSignOut}>Sign out</button>
            </div>`
        : null}
    </header>
  `;
}
