// A moment as people read it: the viewer's local time with its zone ("Dec 3, 2026, 9:06 AM
// GMT+3"), or how long ago where a list is about recency ("3 minutes ago"); the exact UTC
// time on hover, and the machine-readable time in `datetime`.
import { html } from '../../../vendor/preact-htm.js';
import { formatDateTime, momentTitle, relativeTime, utcText } from '../format.js';

/**
 * @param {{at: string | null | undefined, relative?: boolean, empty?: any}} props
 *   empty: what shows when there is no time
 */
export function When({ at, relative = false, empty = '' }) {
  const absolute = formatDateTime(at);
  if (!absolute) return empty;
  const shown = relative ? relativeTime(at) : absolute;
  const title = relative ? momentTitle(at) : utcText(at);
  return html`<time datetime=${at} title=${title}>${shown}</time>`;
}
