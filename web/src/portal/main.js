// The portal page's entry point. The invitation token leaves the address bar and history
// before anything else runs, then the app renders.
import { html, render } from '../../vendor/preact-htm.js';
import { stripInviteFromAddress } from './session.js';
import { App } from './screens/app.js';

const invite = stripInviteFromAddress(window);
const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(html`<${App} invite=${invite} />`, root);
}
