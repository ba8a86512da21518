// When the view changes, its main heading takes focus, so a screen reader and the keyboard
// start there (not on the first view, where the browser's own start is right).
import { useEffect, useRef } from '../../../vendor/preact-htm.js';

/**
 * @param {unknown} view what names the view shown now
 * @param {boolean} [focus] false for a passing view that should not take focus
 */
export function useHeadingFocus(view, focus = true) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (focus) document.getElementById('main-heading')?.focus();
  }, [view]);
}
