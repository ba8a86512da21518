// A page's language, for both faces: the one chosen (the contact's, once signed in; staff's in
// the console), else the one kept on this browser, else the browser's own. It is set before
// the screens render, so that every text of a render is in it; a choice is kept on this
// browser, so that the next page opened before anyone is signed in speaks it too.
import { useState, useEffect } from '../../../vendor/preact-htm.js';
import { pageLanguage, keptLanguage, keepLanguage } from '../languages.js';
import { setLanguage } from '../texts.js';

/**
 * @param {string} key where this face keeps the choice in localStorage
 * @param {string} chosen the choice, or '' while there is none
 * @returns {string} the page's language
 */
export function usePageLanguage(key, chosen) {
  const [kept, setKept] = useState(() => keptLanguage(window.localStorage, key));
  const language = pageLanguage({ chosen, kept, browser: navigator.languages });
  // Set with the texts, before the screens render, so that the page never says it is in one
  // language while showing another (an effect ran after the new texts were on screen).
  setLanguage(language);
  document.documentElement.lang = language;
  useEffect(() => {
    if (chosen && chosen !== kept) {
      keepLanguage(window.localStorage, key, chosen);
      setKept(chosen);
    }
  }, [language, chosen]);
  return language;
}
