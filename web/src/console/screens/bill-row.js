// One bill in the matter's Bills table: amounts, status (Past Due in red), whom it was sent
// to, and its edit: balance, due date, status and PDF. An edit shows in the portal at once.
import { t } from '../texts.js';
import { html, useState } from '../../../vendor/preact-htm.js';
import { formatMoney, parseMoney, decimalText, statusLabel, dueText } from '../../common/bills.js';

/** @param {{bill: any, pdfs: any[], chosen: boolean, onChoose: (on: boolean) => void, onEdit: (edit: any) => Promise<boolean>}} props */
export function BillRow({ bill: b, pdfs, chosen, onChoose, onEdit }) {
  const [editing, setEditing] = useState(/** @type {any} */ (null));
  const [error, setError] = useState('');
  const open = () => setEditing({ balance: decimalText(b.balanceMinor, b.currency), dueOn: b.dueOn, state: b.state, pdf: b.pdf?.documentId ?? '' });
  const set = (key) => (e) => setEditing({ ...editing, [key]: e.currentTarget.value });

  async function save(event) {
    event.preventDefault();
    const balance = parseMoney(editing.balance, b.currency);
    if (balance === null || balance > b.totalMinor) return setError(t('balance-range', { max: decimalText(b.totalMinor, b.currency) }));
    setError('');
    const edit = { revision: b.revision, balanceMinor: balance, dueOn: editing.dueOn, state: editing.state, pdfDocumentId: editing.pdf || null };
    if (await onEdit(edit)) setEditing(null);
  }

  const settled = statusLabel(b.kind === 'bill' ? 'paid' : 'received');
  return html`<tr data-bill-id=${b.billId}>
    <td data-label=${t('col-bill')}><input type="checkbox" id=${`choose-${b.billId}`} checked=${chosen} disabled=${b.status === 'void'} onChange=${(e) => onChoose(e.currentTarget.checked)} />
      <label for=${`choose-${b.billId}`}>${b.label}</label></td>
    <td data-label=${t('col-total')} class="num">${formatMoney(b.totalMinor, b.currency)}</td>
    <td data-label=${t('col-balance')} class="num bill-balance">${formatMoney(b.balanceMinor, b.currency)}</td>
    <td data-label=${t('col-status')}><span class=${`status bill-status status-${b.status}`}>${statusLabel(b.status)}</span><br /><span class="subtle">${dueText(b)}</span></td>
    <td data-label=${t('col-pdf')}>${b.pdf ? b.pdf.fileName : html`<span class="subtle">${t('none')}</span>`}</td>
    <td data-label=${t('col-sent-to')}>${b.sentTo.length ? b.sentTo.map((s) => s.contactName).join(', ') : html`<span class="subtle">${t('not-sent')}</span>`}</td>
    <td data-label="">
      ${editing
        ? html`<form class="bill-edit" onSubmit=${save} aria-label=${t('edit-label', { label: b.label })}>
            <label>${t('balance')} <input id=${`balance-${b.billId}`} value=${editing.balance} inputmode="decimal" size="10" onInput=${set('balance')} /></label>
            <label>${t('due')} <input type="date" value=${editing.dueOn} onInput=${set('dueOn')} /></label>
            <label>${t('status')} <select id=${`state-${b.billId}`} value=${editing.state} onChange=${set('state')}>
              <option value="open">${t('open-status')}</option><option value="settled">${settled}</option><option value="void">${t('void')}</option></select></label>
            <label>${t('pdf')} <select value=${editing.pdf} onChange=${set('pdf')}><option value="">${t('no-pdf')}</option>
              ${pdfs.map((d) => html`<option key=${d.documentId} value=${d.documentId}>${d.fileName}</option>`)}</select></label>
            ${error ? html`<p class="field-error" role="alert">${error}</p>` : null}
            <button type="submit" class="button secondary">${t('save')}</button>
            <button type="button" class="button quiet" onClick=${() => setEditing(null)}>${t('cancel')}</button>
          </form>`
        : html`<button type="button" class="button quiet" onClick=${open}>${t('edit')}<span class="visually-hidden"> ${b.label}</span></button>`}
    </td>
  </tr>`;
}
