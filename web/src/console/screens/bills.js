// The Bills section: the matter's bills and trust requests with today's status (from the
// firm's time zone), a new one, edits, and sending chosen ones to chosen contacts with an
// optional note. Contacts see an edit at once; no re-send.
import { t } from '../texts.js';
import { html, useState, useEffect } from '../../../vendor/preact-htm.js';
import { runChange } from '../run-change.js';
import { shareableContacts, shareableDocuments } from '../sections.js';
import { BillForm } from './bill-form.js';
import { BillRow } from './bill-row.js';

/** @param {{api: any, matter: any, contacts: any[] | null, documents: any[] | null, announce: Function}} props */
export function BillsSection({ api, matter, contacts, documents, announce }) {
  const [list, setList] = useState(/** @type {{items: any[], today: string} | null} */ (null));
  const [error, setError] = useState('');
  const [chosen, setChosen] = useState(/** @type {string[]} */ ([]));
  const [to, setTo] = useState(/** @type {string[]} */ ([]));
  const [note, setNote] = useState('');
  const m = matter.matterId;
  const pdfs = shareableDocuments(documents ?? []).filter((d) => d.contentType === 'application/pdf');
  const reachable = shareableContacts(contacts ?? []);

  async function load() {
    try {
      setList(await api.listBills(m));
      setError('');
    } catch (e) {
      if (e?.status !== 401) setError(t('bills-failed', { reason: e?.message ?? '' }).trim());
    }
  }
  useEffect(() => {
    load();
  }, [m]);

  const act = (change, success) => runChange(change, success, { announce, reload: load });

  const toggle = (set, id, on) => set((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));
  async function send(event) {
    event.preventDefault();
    if (!chosen.length || !to.length) return announce(t('choose-bill-and-contact'), 'error');
    const sent = await act(
      () => api.sendBills(m, { billIds: chosen, contactIds: to, message: note }),
      (a) => (a.sent ? t('bills-sent', { count: a.sent, contacts: t('contacts-count', { count: to.length }) }) : t('bills-nothing-new')),
    );
    if (sent) {
      setChosen([]);
      setNote('');
    }
  }

  const items = list?.items ?? [];
  return html`<div class="bills-console"><section class="panel bills" aria-labelledby="bills-heading">
    <h2 id="bills-heading">${t('bills-heading')}</h2>
    ${error ? html`<p class="message error" role="alert">${error} <button type="button" class="button quiet" onClick=${load}>${t('try-again')}</button></p>` : null}
    ${list === null && !error ? html`<p class="loading" aria-busy="true">${t('loading-bills')}</p>` : null}
    ${list && !items.length ? html`<p class="subtle">${t('no-bills')}</p>` : null}
    ${items.length
      ? html`<p class="list-summary">${t('bills-summary', { count: items.length, today: list.today })}</p>
        <table class="data-table bills-table" id="bills-table" aria-label=${t('bills-heading')}>
          <thead><tr><th scope="col">${t('col-bill')}</th><th scope="col">${t('col-total')}</th><th scope="col">${t('col-balance')}</th><th scope="col">${t('col-status')}</th><th scope="col">${t('col-pdf')}</th><th scope="col">${t('col-sent-to')}</th><th scope="col"><span class="visually-hidden">${t('edit')}</span></th></tr></thead>
          <tbody>${items.map((b) => html`<${BillRow} key=${`${b.billId}-${b.revision}`} bill=${b} pdfs=${pdfs} chosen=${chosen.includes(b.billId)}
            onChoose=${(on) => toggle(setChosen, b.billId, on)}
            onEdit=${(edit) => act(() => api.editBill(m, b.billId, edit), t('bill-saved', { label: b.label }))} />`)}</tbody>
        </table>
        <form class="bill-send" id="bill-send" onSubmit=${send}>
          <h3>${t('send-chosen-bills')}</h3>
          <fieldset><legend>${t('to')}</legend>
            ${reachable.length
              ? reachable.map((c) => html`<label key=${c.contactId}><input type="checkbox" id=${`bill-to-${c.contactId}`} checked=${to.includes(c.contactId)}
                  onChange=${(e) => toggle(setTo, c.contactId, e.currentTarget.checked)} /> ${c.name}</label>`)
              : html`<p class="subtle">${t('give-access-first')}</p>`}
          </fieldset>
          <label for="bill-note">${t('note-optional')}</label>
          <textarea id="bill-note" rows="2" maxlength="2000" value=${note} onInput=${(e) => setNote(e.currentTarget.value)}></textarea>
          <button type="submit" class="button primary" disabled=${!chosen.length || !to.length}>${chosen.length ? t('send-bills', { count: chosen.length }) : t('send-bills-none')}</button>
        </form>`
      : null}
    </section>
    <section class="panel" aria-labelledby="new-bill-heading">
      <h2 id="new-bill-heading">${t('new-bill-heading')}</h2>
      <${BillForm} pdfs=${pdfs} onCreate=${(body) => act(() => api.createBill(m, body), (b) => t('bill-created', { label: b.label }))} />
    </section>
  </div>`;
}
