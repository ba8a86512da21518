// The staff console's words in Spanish (the catalog test is texts.test.js): event sentences,
// summaries, grant and share outcomes, checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setLanguage } from '../../src/console/texts.js';
import { eventSentence, detailText } from '../../src/console/event-words.js';
import { eventsSummary } from '../../src/console/events.js';
import { accessSummary, grantMessage, shareMessage, accessStatusLabel } from '../../src/console/sections.js';
import { readersSummary, downloadsText, parseDownloadLimit } from '../../src/console/receipts.js';
import { validateDraft } from '../../src/console/settings.js';
import { checkBillForm } from '../../src/common/bills.js';
import { countsText } from '../../src/common/tasks.js';

function inSpanish(body) {
  setLanguage('es');
  try {
    body();
  } finally {
    setLanguage('en');
  }
}

test('the activity feed in Spanish: who did what, passive when the portal did it', () => {
  inSpanish(() => {
    const by = { actor: { kind: 'staff', name: 'Ana Letrada' } };
    assert.equal(eventSentence({ ...by, type: 'documentShared', fileName: 'Acta.pdf', contactName: 'Elena' }), 'Ana Letrada compartió Acta.pdf con Elena');
    assert.equal(eventSentence({ type: 'documentShared', actor: { kind: 'system' }, fileName: 'Acta.pdf', contactName: 'Elena' }), 'Se compartió Acta.pdf con Elena');
    assert.equal(eventSentence({ type: 'signedIn', actor: { kind: 'contact', name: 'Elena' } }), 'Elena inició sesión');
    assert.equal(eventSentence({ ...by, type: 'documentVersionAdded', version: 2, fileName: 'Acta.pdf' }), 'Ana Letrada añadió la versión 2 de Acta.pdf');
    assert.equal(eventSentence({ type: 'appointmentMoved', actor: { kind: 'system' }, contactId: 'c1', contactName: 'Elena' }), 'Se avisó a Elena de que un evento cambió de fecha');
    assert.equal(eventSentence({ type: 'messagePosted', actor: { kind: 'system' }, contactName: 'Elena' }), 'El despacho envió un mensaje a Elena');
    assert.equal(detailText({ type: 'uploadRejected', detail: 'failed a malware scan' }), 'Motivo: failed a malware scan');
    assert.equal(eventsSummary({ count: 1, hasMore: true, showAll: false, contactName: 'Elena' }), '1 evento del despacho de Elena, el más reciente primero; hay más');
  });
  assert.equal(eventSentence({ type: 'signedIn', actor: { kind: 'contact', name: 'Elena' } }), 'Elena signed in', 'English again');
});

test('the console’s summaries, outcomes and checks in Spanish', () => {
  inSpanish(() => {
    assert.equal(accessSummary([{ status: 'active' }, { status: 'invited' }]), '2 contactos: 1 activo, 1 invitado');
    assert.equal(accessStatusLabel('revoked'), 'Revocado');
    assert.equal(grantMessage({ name: 'Elena', email: 'e@x.example', created: true }, null), 'Elena tiene acceso; una invitación va de camino a e@x.example.');
    const told = shareMessage({ created: 1, contacts: [{ contactId: 'c1', newlyShared: 1 }] }, new Map([['c1', { name: 'Elena' }]]));
    assert.equal(told, 'Compartido: 1 elemento nuevo. Elena recibirá un correo sobre ello en unos minutos.');
    assert.equal(readersSummary({ opened: [{}], notOpened: [{}, {}] }), 'Abierto por 1 de 3 contactos');
    assert.equal(downloadsText({ downloadLimit: 3, downloadCount: 1 }), '1 de 3 descargas');
    assert.equal(parseDownloadLimit('0').error, 'El límite de descargas es un número entero de 1 a 1000; déjelo vacío para no poner límite.');
    assert.equal(validateDraft({ title: '', owner: null, notify: [] }).title, 'Escriba el título del asunto.');
    assert.equal(checkBillForm({ currency: 'US', number: '', issuedOn: '', dueOn: '', total: '' }).errors.currency, 'Use un código de moneda de tres letras, como USD.');
    assert.equal(countsText({ open: 2, overdue: 1, done: 0 }), '2 pendientes · 1 vencida');
  });
});
