// A search box that searches as the person types, a moment after they stop, and at once on
// Enter.
import { useState, useEffect } from '../../../vendor/preact-htm.js';

export const SEARCH_DELAY_MS = 350;

/**
 * @param {string} current the search the list shows now
 * @param {(q: string) => void} apply shows the list for another search (or reads it again)
 * @param {(text: string) => string} clean the search as it would be sent (trimmed, cut)
 */
export function useSearchText(current, apply, clean) {
  const [text, setText] = useState(current);
  useEffect(() => {
    const q = clean(text);
    if (q === current) return undefined;
    const timer = setTimeout(() => apply(q), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, current]);
  /** The form's submit: search now. */
  const submit = (event) => {
    event.preventDefault();
    apply(clean(text));
  };
  return { text, setText, submit };
}
