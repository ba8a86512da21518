// The words of the pages: one catalog per language and face (common/texts/ for what both
// faces show, portal/texts/ for the portal's own), the page's language, and t(key, values)
// with {name} filled in and plural forms chosen by Intl.PluralRules. A module-wide language
// because every text of a page is in one language; the app sets it before it renders.
// No DOM; tested in test/unit/texts.test.js.
import { languageOf } from './languages.js';
import en from './texts/en.js';
import es from './texts/es.js';

/** @typedef {string | {[form: string]: string}} Entry */

/** @type {{[lang: string]: {[key: string]: Entry}}} */
const catalogs = { en: { ...en }, es: { ...es } };
let language = 'en';

/** A face adds its own catalogs to the common ones (portal/texts, console/texts). */
export function addTexts(byLanguage) {
  for (const [lang, texts] of Object.entries(byLanguage)) catalogs[lang] = { ...catalogs[lang], ...texts };
}

/** The page's language from now on (a code the pages speak; English otherwise). */
export function setLanguage(code) {
  language = languageOf(code);
}

export function currentLanguage() {
  return language;
}

/**
 * The locale dates and numbers are formatted in: the browser's own when it is in the page's
 * language (so en-GB keeps its day-month order), else the page's language.
 * @param {string | undefined} [browser]
 */
export function currentLocale(browser = globalThis.navigator?.language) {
  return browser && languageOf(browser, '') === language ? browser : language;
}

/**
 * The text of `key` in the page's language, its {names} filled from `values`; an entry with
 * plural forms is chosen by `values.count`. A key no catalog has is shown as itself (the
 * catalog test keeps that from shipping).
 * @param {string} key
 * @param {{[name: string]: unknown}} [values]
 */
export function t(key, values = {}) {
  const entry = catalogs[language]?.[key] ?? catalogs.en[key];
  if (entry === undefined) return key;
  const text = typeof entry === 'string' ? entry : pluralForm(entry, Number(values.count), language);
  return fill(text, values, language);
}

/** The form of a plural entry for `count` ('one', 'many', …), 'other' when it has none. */
export function pluralForm(entry, count, lang) {
  const form = formatters(lang).plurals.select(Number.isFinite(count) ? count : 0);
  return entry[form] ?? entry.other ?? '';
}

/** `text` with each {name} replaced; numbers written for the language (1,000 / 1000). */
export function fill(text, values = {}, lang = 'en') {
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in values)) return whole;
    const value = values[name];
    return typeof value === 'number' ? formatters(lang).numbers.format(value) : String(value ?? '');
  });
}

// Every text of a render goes through t(): its Intl objects are made once per language.
/** @type {Map<string, {plurals: Intl.PluralRules, numbers: Intl.NumberFormat}>} */
const FORMATTERS = new Map();

/** @param {string} lang */
function formatters(lang) {
  let made = FORMATTERS.get(lang);
  if (!made) {
    made = { plurals: new Intl.PluralRules(lang), numbers: new Intl.NumberFormat(lang) };
    FORMATTERS.set(lang, made);
  }
  return made;
}

/** The {names} a text expects, sorted: a translation must expect the same ones. */
export function placeholdersOf(entry) {
  const texts = typeof entry === 'string' ? [entry] : Object.values(entry);
  return [...new Set(texts.flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();
}

/** Every catalog, for the completeness test. */
export function allCatalogs() {
  return catalogs;
}
