// The console's hash routes (any static host serves them; the managed login's answer comes
// back in the query string, never the hash). No DOM; tested in test/unit/routes.test.js.
//
//   #/                               the matters list
//   #/new                            set up a matter
//   #/matters/<id>/<section>         a matter: settings, access, documents, sharing, messages, bills, calendar, tasks or activity

import { ID_PATTERN } from './staff-query.js';

export const SECTIONS = /** @type {const} */ (['settings', 'access', 'documents', 'sharing', 'messages', 'bills', 'calendar', 'tasks', 'activity']);
// Catalog keys: read with t() where shown.
export const SECTION_LABELS = {
  settings: 'section-settings',
  access: 'section-access',
  documents: 'section-documents',
  sharing: 'section-sharing',
  messages: 'section-messages',
  bills: 'section-bills',
  calendar: 'section-calendar',
  tasks: 'section-tasks',
  activity: 'section-activity',
};

/**
 * @typedef {{view: 'matters'} | {view: 'new', matterId: string}
 *   | {view: 'matter', matterId: string, section: 'settings' | 'access' | 'documents' | 'sharing' | 'messages' | 'bills' | 'calendar' | 'tasks' | 'activity'}} Route
 */

/**
 * @param {string} hash location.hash
 * @returns {Route}
 */
export function parseRoute(hash) {
  const path = String(hash ?? '').replace(/^#/, '').replace(/^\/+/, '');
  const [head, rawId, rawSection] = path.split('/');
  if (head === 'new') {
    let matterId = '';
    try {
      matterId = rawId ? decodeURIComponent(rawId) : '';
    } catch {
      matterId = '';
    }
    return { view: 'new', matterId: ID_PATTERN.test(matterId) ? matterId : '' };
  }
  if (head === 'matters' && rawId) {
    let matterId = '';
    try {
      matterId = decodeURIComponent(rawId);
    } catch {
      return { view: 'matters' };
    }
    if (!ID_PATTERN.test(matterId)) return { view: 'matters' };
    const section = SECTIONS.includes(/** @type {any} */ (rawSection)) ? rawSection : 'access';
    return { view: 'matter', matterId, section: /** @type {any} */ (section) };
  }
  return { view: 'matters' };
}

/** @param {Route} route */
export function routeHash(route) {
  if (route.view === 'new') return route.matterId ? `#/new/${encodeURIComponent(route.matterId)}` : '#/new';
  if (route.view === 'matter') return `#/matters/${encodeURIComponent(route.matterId)}/${route.section}`;
  return '#/';
}

/** Whether going from one route to another leaves the settings being edited. */
export function leavesSettings(from, to) {
  const editing = (r) => r.view === 'new' || (r.view === 'matter' && r.section === 'settings');
  if (!editing(from)) return false;
  if (from.view === 'matter' && to.view === 'matter') {
    return from.matterId !== to.matterId || to.section !== 'settings';
  }
  return routeHash(from) !== routeHash(to);
}
