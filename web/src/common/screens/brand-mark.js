// The firm in a page's header: its logo (decorative: the name beside it says who), its name
// and the product's.
import { html } from '../../../vendor/preact-htm.js';

/** @param {{firmName: string, logo: string, product: string}} props */
export function BrandMark({ firmName, logo, product }) {
  return html`
    <div class="brand">
      ${logo ? html`<img class="firm-logo" id="firm-logo" src=${logo} alt="" width="40" height="40" />` : null}
      <div>
        ${firmName ? html`<p class="firm-name" id="firm-name">${firmName}</p>` : null}
        <p class="product-name">${product}</p>
      </div>
    </div>
  `;
}
