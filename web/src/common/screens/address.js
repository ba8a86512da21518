// An email address that may wrap only after its @ and before its dots, never inside a word
// (a <wbr> marks each place).
import { html } from '../../../vendor/preact-htm.js';
import { addressParts } from '../format.js';

/** @param {{address: string, id?: string, className?: string}} props */
export function Address({ address, id, className = '' }) {
  const parts = addressParts(address);
  return html`<span id=${id} class=${className}>${parts.map((part, i) => (i ? html`<wbr />${part}` : part))}</span>`;
}
