// A matter's sections as tabs, with the live contacts and documents counted on theirs and
// the unread messages on Messages.
import { t } from '../texts.js';
import { html } from '../../../vendor/preact-htm.js';
import { routeHash, SECTION_LABELS } from '../routes.js';
import { hasNoAccess } from '../sections.js';

const TAB_ORDER = ['access', 'documents', 'sharing', 'messages', 'bills', 'calendar', 'tasks', 'activity', 'settings'];

/** @param {{matterId: string, section: string, contacts: any[] | null, documents: any[] | null, unread: number}} props */
export function MatterTabs({ matterId, section, contacts, documents, unread }) {
  const count = (s) => {
    if (s === 'messages') return unread > 0 ? unread : null;
    if (s === 'access' && contacts) return contacts.filter((c) => !hasNoAccess(c.status)).length;
    if (s === 'documents' && documents) return documents.length;
    return null;
  };
  return html`<nav class="tabs" aria-label=${t('sections-label')}>
    ${TAB_ORDER.map((s) => {
      const n = count(s);
      return html`<a
        key=${s}
        id=${`tab-${s}`}
        class=${`tab${s === section ? ' current' : ''}`}
        href=${routeHash({ view: 'matter', matterId, section: /** @type {any} */ (s) })}
        aria-current=${s === section ? 'page' : undefined}
      >${t(SECTION_LABELS[s])}${n === null ? null : html` <span class="tab-count">${n}</span>`}</a>`;
    })}
  </nav>`;
}
