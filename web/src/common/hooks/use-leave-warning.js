// Asking before the page is left (reload, close, another address) while something would be lost.
import { useEffect } from '../../../vendor/preact-htm.js';

/** While `active`, the browser asks before the page is left. */
export function useLeaveWarning(active) {
  useEffect(() => {
    if (!active) return undefined;
    const warn = (event) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
}
