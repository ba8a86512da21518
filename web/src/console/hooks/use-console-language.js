// The console's language: the one chosen on this browser, else the browser's own first one the
// console speaks; the header's switch changes it at once and keeps it here (staff have no
// grant to keep it on). Set before the screens render, so that every text of a render is in it.
import { useState, useEffect } from '../../../vendor/preact-htm.js';
import { languageOf, pageLanguage, keptLanguage, keepLanguage } from '../../common/languages.js';
import { setLanguage } from '../texts.js';

const LANGUAGE_KEY = 'console.language';

/** @returns {{language: string, choose: (code: string) => void}} */
export function useConsoleLanguage() {
  const [language, setChosen] = useState(() => pageLanguage({ kept: keptLanguage(window.localStorage, LANGUAGE_KEY), browser: navigator.languages }));
  setLanguage(language);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  function choose(code) {
    const spoken = languageOf(code);
    keepLanguage(window.localStorage, LANGUAGE_KEY, spoken);
    setChosen(spoken);
  }
  return { language, choose };
}
