// The firm's colour on the page's header, buttons and links, once its config says it (CSSOM
// custom properties, which the strict CSP allows where a style attribute is refused).
import { useEffect } from '../../../vendor/preact-htm.js';
import { brandProperties } from '../brand.js';

/** @param {string | undefined} accent the config's accent (an unreadable one keeps the page's) */
export function useBrand(accent) {
  useEffect(() => {
    if (!accent) return;
    for (const [name, value] of Object.entries(brandProperties(accent))) {
      document.documentElement.style.setProperty(name, value);
    }
  }, [accent]);
}
