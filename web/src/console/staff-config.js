// The console's configuration: the portal's /config.json (firm, API base, upload limits) plus
// `staffAuth` (the managed login) and `portalUrl` (the link to give clients); and, on a local
// stack only, /console/config.local.json with a staff token. No DOM; tested in
// test/unit/staff-config.test.js.

import { parseConfig, loadConfig } from '../common/config.js';
import { authOrigin, DEFAULT_SCOPE } from './pkce.js';

/**
 * @typedef {import('../common/config.js').PortalConfig & {
 *   staffAuth: {domain: string, clientId: string, scope: string} | null,
 *   portalUrl: string,
 *   inviteResendSeconds: number,
 * }} ConsoleConfig
 */

/**
 * @param {unknown} raw config.json's body
 * @param {{origin: string}} location the console's own location (the portal is at its root)
 * @returns {ConsoleConfig}
 */
export function parseConsoleConfig(raw, location) {
  const base = parseConfig(raw);
  const c = raw && typeof raw === 'object' ? /** @type {any} */ (raw) : {};
  const a = c.staffAuth && typeof c.staffAuth === 'object' ? c.staffAuth : null;
  const domain = authOrigin(a?.domain);
  const clientId = typeof a?.clientId === 'string' ? a.clientId.trim() : '';
  const scope = typeof a?.scope === 'string' && a.scope.trim() ? a.scope.trim() : DEFAULT_SCOPE;
  return {
    ...base,
    staffAuth: domain && clientId ? { domain, clientId, scope } : null,
    portalUrl: portalUrlOf(c.portalUrl, location),
    inviteResendSeconds: resendSecondsOf(c.inviteResendSeconds),
  };
}

/** The functions' INVITE_RESEND_INTERVAL default, for a config.json that does not say. */
export const DEFAULT_INVITE_RESEND_SECONDS = 600;

/** How long after an invitation another can be sent: a whole number of seconds, 0 or more. */
export function resendSecondsOf(value) {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : DEFAULT_INVITE_RESEND_SECONDS;
}

/** The portal's address: config's `portalUrl` when it is http(s), else this origin's root. */
export function portalUrlOf(value, location) {
  if (typeof value === 'string' && value.trim()) {
    try {
      const url = new URL(value.trim());
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
    } catch {
      // fall through
    }
  }
  return `${location.origin}/`;
}

/**
 * @param {typeof fetch} fetchFn
 * @param {{origin: string}} location
 * @returns {Promise<ConsoleConfig>}
 */
export async function loadConsoleConfig(fetchFn, location) {
  // loadConfig parses through parseConfig; read the body once more for the console's fields.
  let raw = null;
  const capture = async (url, init) => {
    const response = await fetchFn(url, init);
    if (!response.ok) return response;
    const text = await response.text();
    try {
      raw = JSON.parse(text);
    } catch {
      raw = null;
    }
    return new Response(text, { status: response.status, headers: { 'content-type': 'application/json' } });
  };
  await loadConfig(capture);
  return parseConsoleConfig(raw, location);
}

/**
 * The local stack's staff token (`make run` writes it; the dev server serves it). Absent on a
 * deployed site (404): null.
 * @param {typeof fetch} fetchFn
 * @returns {Promise<string | null>}
 */
export async function loadLocalToken(fetchFn, url = '/console/config.local.json') {
  try {
    const response = await fetchFn(url, { cache: 'no-store', credentials: 'omit', headers: { Accept: 'application/json' } });
    if (!response.ok) return null;
    const body = await response.json();
    return typeof body?.staffToken === 'string' && body.staffToken ? body.staffToken : null;
  } catch {
    return null;
  }
}
