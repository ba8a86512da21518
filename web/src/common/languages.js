// The languages the portal writes to contacts in (shared/src/locale.rs), each named in
// itself, as a language switch shows them. No DOM; tested in test/unit/languages.test.js.

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
];

/**
 * A code the portal speaks, from a setting or the browser (`es-MX` is Spanish); `fallback`
 * when it speaks none of it.
 * @param {unknown} code
 * @param {string} [fallback]
 * @returns {string}
 */
export function languageOf(code, fallback = 'en') {
  const primary = typeof code === 'string' ? code.split(/[-_]/)[0].toLowerCase() : '';
  return LANGUAGES.some((l) => l.code === primary) ? primary : fallback;
}

/** A language's own name, for its code. */
export function languageName(code) {
  return LANGUAGES.find((l) => l.code === code)?.name ?? code;
}

/**
 * The language a page is shown in: the contact's own choice once it is known (signed in),
 * else the last one this browser kept, else the browser's first language the pages speak.
 * @param {{chosen?: string, kept?: string | null, browser?: readonly string[]}} sources
 * @returns {string}
 */
export function pageLanguage({ chosen = '', kept = null, browser = [] }) {
  for (const code of [chosen, kept, ...browser]) {
    const spoken = languageOf(code, '');
    if (spoken) return spoken;
  }
  return 'en';
}

// A language chosen on this browser (the portal's contact, a console user), kept so that the
// page speaks it before anyone is signed in. Storage is passed in; none or a refusal: nothing kept.

/** @param {Storage | null | undefined} storage @param {string} key */
export function keptLanguage(storage, key) {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** @param {Storage | null | undefined} storage @param {string} key @param {string} code */
export function keepLanguage(storage, key, code) {
  try {
    storage?.setItem(key, code);
  } catch {
    // Without storage the next page follows the browser's language.
  }
}
