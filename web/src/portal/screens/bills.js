// Bills and trust requests the firm sent me, as they stand now (an edit shows at once): what
// I owe first, Past Due in red, the amount formatted for my language, the firm's note, the
// PDF (opened through the document link's checks) and Pay when the firm has a payment page.
import { html, useState, useEffect } from '../../../vendor/preact-htm.js';
import { formatMoney, statusLabel, dueText, sortForClient, OWED } from '../../common/bills.js';
import { useDocumentLinks } from '../hooks/use-document-links.js';
import { isFollowableUrl } from '../../common/browser-actions.js';
import { t } from '../texts.js';

/** @param {{api: any, announce: Function, refreshKey?: number}} props */
export function BillList({ api, announce, refreshKey = 0 }) {
  const [bills, setBills] = useState(/** @type {any[] | null} */ (null));
  const [error, setError] = useState('');
  const load = () =>
    api.listBills().then(
      (answer) => {
        setBills(sortForClient(answer.items));
        setError('');
      },
      (e) => {
        if (e?.status !== 401) setError(t('bills-failed', { reason: e?.message ?? '' }).trim());
      },
    );
  useEffect(() => {
    load();
  }, [refreshKey]);
  const links = useDocumentLinks({ api, announce, setItems: () => {}, reload: load });

  if (error) return html`<section class="bills-panel" aria-labelledby="bills-heading"><h2 id="bills-heading">${t('bills')}</h2><p class="message error" role="alert">${error}</p></section>`;
  if (!bills?.length) return null;
  const owed = bills.filter((b) => OWED.includes(b.status)).length;
  return html`<section class="bills-panel" aria-labelledby="bills-heading">
    <h2 id="bills-heading">${t('bills-heading')}</h2>
    <p class="subtle">${owed ? t('bills-waiting', { count: owed }) : t('bills-none-waiting')}</p>
    <ul class="bill-list" id="bill-list">
      ${bills.map((b) => html`<li key=${b.billId} class=${`bill-item bill-${b.status}`} data-bill-id=${b.billId}>
        <div class="bill-head">
          <span class="bill-label">${b.label}</span>
          <span class=${`badge bill-status status-${b.status}`}>${statusLabel(b.status)}</span>
        </div>
        <p class="bill-amount"><strong>${formatMoney(b.balanceMinor, b.currency)}</strong>
          ${b.balanceMinor !== b.totalMinor ? html` <span class="subtle">${t('of-total', { total: formatMoney(b.totalMinor, b.currency) })}</span>` : null}</p>
        <p class="subtle">${b.matterTitle}${OWED.includes(b.status) ? html` · <span class="bill-due">${dueText(b)}</span>` : null}</p>
        ${b.message ? html`<p class="bill-note">${b.message}</p>` : null}
        <p class="bill-actions">
          ${b.pdf ? html`<button type="button" class="link-button" disabled=${links.pending === `${b.pdf.documentId}:view`}
            onClick=${() => links.open(b.pdf)}>${t('open-pdf')}<span class="visually-hidden">${t('of-label', { label: b.label })}</span></button>` : null}
          ${isFollowableUrl(b.payUrl) ? html`<a class="button primary" href=${b.payUrl} target="_blank" rel="noopener noreferrer">${t('pay')}<span class="visually-hidden"> ${b.label}</span></a>` : null}
        </p>
      </li>`)}
    </ul>
  </section>`;
}
