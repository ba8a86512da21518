import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGUAGES, languageOf, languageName, pageLanguage } from '../../src/common/languages.js';
import { parseConfig } from '../../src/common/config.js';

test('the languages the service speaks, each named in itself', () => {
  assert.deepEqual(LANGUAGES.map((l) => l.code), ['en', 'es'], 'as shared/src/locale.rs');
  assert.equal(languageName('es'), 'Español');
  assert.equal(languageName('fr'), 'fr');
});

test('a browser or setting code picks the language whatever its region', () => {
  assert.equal(languageOf('es-MX'), 'es');
  assert.equal(languageOf('EN_gb'), 'en');
  assert.equal(languageOf('fr-FR'), 'en', 'unspoken: the fallback');
  assert.equal(languageOf('fr', 'es'), 'es');
  assert.equal(languageOf(undefined), 'en');
});

test('config.json names the firm language, English when it does not', () => {
  assert.equal(parseConfig({ firmLanguage: 'es' }).firmLanguage, 'es');
  assert.equal(parseConfig({ firmLanguage: 'klingon' }).firmLanguage, 'en');
  assert.equal(parseConfig({}).firmLanguage, 'en');
});

test('the page speaks the contact’s choice, else the one kept, else the browser’s', () => {
  assert.equal(pageLanguage({ chosen: 'es', kept: 'en', browser: ['en-US'] }), 'es');
  assert.equal(pageLanguage({ chosen: '', kept: 'es', browser: ['en-US'] }), 'es', 'signed out after choosing Spanish');
  assert.equal(pageLanguage({ chosen: '', kept: null, browser: ['fr-FR', 'es-MX', 'en'] }), 'es', 'the first spoken of the browser’s');
  assert.equal(pageLanguage({ chosen: 'klingon', kept: 'tlh', browser: ['fr'] }), 'en');
  assert.equal(pageLanguage({}), 'en');
});
