// A new bill or trust request of the matter: number, dates, currency, total, balance and an
// optional PDF from the matter's documents. Amounts are typed as decimals and sent as integer
// minor units (common/bills.js checks them first).
import { t } from '../texts.js';
import { html, useState } from '../../../vendor/preact-htm.js';
import { checkBillForm } from '../../common/bills.js';

const EMPTY = { kind: 'bill', number: '', issuedOn: '', dueOn: '', currency: 'USD', total: '', balance: '', pdf: '' };

/** @param {{pdfs: any[], onCreate: (body: any) => Promise<boolean>}} props */
export function BillForm({ pdfs, onCreate }) {
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState(/** @type {Record<string, string>} */ ({}));
  const [busy, setBusy] = useState(false);
  const set = (key) => (e) => setForm({ ...form, [key]: e.currentTarget.value });

  async function submit(event) {
    event.preventDefault();
    const checked = checkBillForm(form);
    setErrors(checked.errors);
    if (!checked.body) return;
    const body = { ...checked.body, kind: form.kind };
    if (form.pdf) body.pdfDocumentId = form.pdf;
    setBusy(true);
    if (await onCreate(body)) setForm({ ...EMPTY, currency: form.currency });
    setBusy(false);
  }

  const field = (key, label, type, extra = {}) => html`<div class="field">
    <label for=${`bill-${key}`}>${label}</label>
    <input ...${extra} id=${`bill-${key}`} type=${type} value=${form[key]} onInput=${set(key)}
      aria-invalid=${errors[key] ? 'true' : 'false'} aria-describedby=${errors[key] ? `bill-${key}-error` : undefined} />
    ${errors[key] ? html`<p class="field-error" id=${`bill-${key}-error`}>${errors[key]}</p>` : null}
  </div>`;

  return html`<form class="bill-form" id="bill-form" onSubmit=${submit} noValidate>
    <fieldset class="form-body" disabled=${busy}>
      <fieldset class="bill-kind">
        <legend>${t('what-to-ask')}</legend>
        <label><input type="radio" name="bill-kind" value="bill" checked=${form.kind === 'bill'} onChange=${set('kind')} /> ${t('a-bill')}</label>
        <label><input type="radio" name="bill-kind" value="trustRequest" checked=${form.kind === 'trustRequest'} onChange=${set('kind')} /> ${t('funds-into-trust')}</label>
      </fieldset>
      <div class="field-row">
        ${field('number', form.kind === 'bill' ? t('bill-number-label') : t('request-reference'), 'text', { maxlength: 40 })}
        ${field('issuedOn', t('issued-on'), 'date')}
        ${field('dueOn', t('due-on-label'), 'date')}
      </div>
      <div class="field-row">
        ${field('currency', t('currency'), 'text', { maxlength: 3, size: 4, autocapitalize: 'characters' })}
        ${field('total', t('total'), 'text', { inputmode: 'decimal', placeholder: '1250.00' })}
        ${field('balance', t('balance-due'), 'text', { inputmode: 'decimal' })}
        <div class="field">
          <label for="bill-pdf">${t('pdf-optional')}</label>
          <select id="bill-pdf" value=${form.pdf} onChange=${set('pdf')}>
            <option value="">${t('no-pdf')}</option>
            ${pdfs.map((d) => html`<option key=${d.documentId} value=${d.documentId}>${d.fileName}</option>`)}
          </select>
        </div>
      </div>
      <p class="hint">${t('bill-only-matter')}</p>
      <button type="submit" class="button primary" disabled=${busy}>${form.kind === 'bill' ? t('create-bill') : t('create-trust')}</button>
    </fieldset>
  </form>`;
}
