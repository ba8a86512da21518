// The page's one status region: what just happened, shown and read out (see screens/notice.js).
import { useState, useRef, useCallback } from '../../../vendor/preact-htm.js';

/**
 * @typedef {{key: number, text: string, tone: 'info' | 'success' | 'error', link?: {href: string, label: string} | null}} Notice
 */

/** The current notice, `announce(text, tone, link)` to replace it, and `dismiss()`. */
export function useAnnouncer() {
  const [notice, setNotice] = useState(/** @type {Notice | null} */ (null));
  const count = useRef(0);
  const announce = useCallback((text, tone = 'info', link = null) => {
    count.current += 1;
    setNotice(text ? { key: count.current, text, tone, link } : null);
  }, []);
  const dismiss = useCallback(() => setNotice(null), []);
  return { notice, announce, dismiss };
}
