// The staff console's entry point (web/console/index.html).
import { html, render } from '../../vendor/preact-htm.js';
import { ConsoleApp } from './screens/app.js';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(html`<${ConsoleApp} />`, root);
}
