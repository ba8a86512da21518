import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { t, setLanguage } from '../../src/portal/texts.js';
import { currentLocale, fill, placeholdersOf, pluralForm } from '../../src/common/texts.js';
import commonEn from '../../src/common/texts/en.js';
import commonEs from '../../src/common/texts/es.js';
import portalEn from '../../src/portal/texts/en.js';
import portalEs from '../../src/portal/texts/es.js';
import consoleEn from '../../src/console/texts/en.js';
import consoleEs from '../../src/console/texts/es.js';
import { listSummary, emptyListText } from '../../src/common/query.js';
import { needsLines } from '../../src/common/home.js';
import { rejectionText } from '../../src/common/upload-rules.js';
import { errorFromResponse } from '../../src/common/request.js';
import { formatMoney, statusLabel } from '../../src/common/bills.js';
import { formatDate } from '../../src/common/format.js';

const SRC = new URL('../../src/', import.meta.url).pathname;

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'texts' ? [] : sources(path);
    return name.endsWith('.js') ? [readFileSync(path, 'utf8')] : [];
  });
}

// The service's detail of a refusal is English only: a translation may leave it out.
const ENGLISH_ONLY = new Set(['serverDetail']);

for (const [face, en, es, dirs] of [
  ['common', commonEn, commonEs, ['common', 'portal', 'console']],
  ['portal', portalEn, portalEs, ['portal']],
  ['console', consoleEn, consoleEs, ['console']],
]) {
  test(`${face}: every key in both languages, with the same names to fill and plural forms`, () => {
    assert.deepEqual(Object.keys(es).sort(), Object.keys(en).sort());
    for (const [key, entry] of Object.entries(en)) {
      const wanted = placeholdersOf(entry).filter((name) => !ENGLISH_ONLY.has(name));
      const given = placeholdersOf(es[key]).filter((name) => !ENGLISH_ONLY.has(name));
      assert.deepEqual(given, wanted, key);
      assert.equal(typeof es[key], typeof entry, `${key}: plural in both or neither`);
      if (typeof entry === 'object') {
        for (const forms of [entry, es[key]]) assert.ok(forms.one && forms.other, `${key}: one and other`);
      }
      for (const text of [entry, es[key]].flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)))) {
        assert.ok(text.trim(), `${key}: no empty text`);
      }
    }
  });

  test(`${face}: every key is used by the pages`, () => {
    const code = dirs.flatMap((dir) => sources(join(SRC, dir))).join('\n');
    const unused = Object.keys(en).filter((key) => !code.includes(`'${key}'`));
    assert.deepEqual(unused, []);
  });
}

test('no face repeats a common key (a face’s text would replace the common one)', () => {
  for (const face of [portalEn, consoleEn]) assert.deepEqual(Object.keys(face).filter((key) => key in commonEn), []);
});

test('a face never loads the other face’s texts (their keys may say different things)', () => {
  for (const [face, other] of [['portal', 'console'], ['console', 'portal']]) {
    const code = sources(join(SRC, face)).join('\n');
    assert.ok(!code.includes(`/${other}/`), `${face} imports nothing of ${other}`);
  }
});

test('fill, plural forms and the locale', () => {
  assert.equal(fill('{a} and {b}', { a: 1200, b: 'x' }, 'en'), '1,200 and x');
  assert.equal(fill('{a} y {missing}', { a: 12000 }, 'es'), '12.000 y {missing}');
  assert.deepEqual(placeholdersOf({ one: '{count} x', other: '{count} {y}' }), ['count', 'y']);
  assert.equal(pluralForm({ one: 'one', other: 'other' }, 1, 'es'), 'one');
  assert.equal(pluralForm({ one: 'one', other: 'other' }, 1000000, 'es'), 'other', 'Spanish "many" falls back to other');
  setLanguage('es');
  assert.equal(currentLocale('es-MX'), 'es-MX', 'the browser keeps its region in its own language');
  assert.equal(currentLocale('en-GB'), 'es', 'a Spanish page under an English browser writes Spanish');
  setLanguage('fr');
  assert.equal(t('list-none-in-matter'), 'Nothing has been shared with you in this matter yet.', 'an unspoken language is English');
  assert.equal(t('no-such-key'), 'no-such-key');
});

test('the portal in Spanish: plurals, lists, needs, reasons, errors, money and dates', () => {
  setLanguage('es');
  try {
    assert.equal(listSummary({ count: 1, hasMore: false, q: 'acta' }), '1 documento que coincide con «acta»');
    assert.equal(listSummary({ count: 3, hasMore: true, matterTitle: 'Herencia' }), '3 documentos en Herencia por ahora; hay más');
    assert.equal(emptyListText({ hasMore: false, q: 'x' }), 'Ningún documento coincide con «x».');
    assert.equal(t('downloads-left', { count: 1 }), 'Queda 1 descarga');
    assert.equal(t('downloads-left', { count: 2 }), 'Quedan 2 descargas');
    const lines = needsLines({ tasks: [{ status: 'overdue' }, { status: 'open' }], bills: [{ status: 'unpaid' }], conversations: [{ matterId: 'm', matterTitle: 'Herencia', unread: 1 }] });
    assert.deepEqual(lines.map((l) => l.text), ['2 tareas pendientes, 1 vencida', '1 factura o solicitud por pagar', '1 mensaje sin leer en Herencia']);
    assert.equal(rejectionText('failed a malware scan'), 'No superó el análisis de malware.');
    assert.equal(rejectionText('size 10 differs from the declared 12'), 'Su tamaño no coincide con el declarado.');
    assert.equal(rejectionText('something new'), 'El portal lo rechazó.', 'an unknown English reason is not shown in Spanish');
    const refused = errorFromResponse(400, { error: { code: 'validation_failed', message: 'name is too long' } });
    assert.equal(refused.message, 'El portal no pudo aceptar lo enviado. Revíselo e inténtelo de nuevo.');
    assert.equal(refused.serverMessage, 'name is too long', 'the detail is kept for the checks that read it');
    assert.equal(errorFromResponse(503, null).message, 'El portal tuvo un problema. Inténtelo de nuevo en un momento.');
    assert.equal(statusLabel('pastDue'), 'Vencida');
    assert.equal(formatMoney(1250000, 'EUR', currentLocale('es-ES')), '12.500,00\u00a0€');
    assert.match(formatDate('2027-01-31T12:00:00Z', { locale: currentLocale('en-US'), timeZone: 'UTC' }), /31 ene 2027/);
  } finally {
    setLanguage('en');
  }
  assert.equal(rejectionText('something new'), 'Something new.', 'English keeps the service’s own words');
  assert.equal(errorFromResponse(400, { error: { code: 'validation_failed', message: 'name is too long' } }).message, 'Name is too long.');
});
