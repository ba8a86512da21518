// /config.json: what the deployment tells the page. No DOM; tested in test/unit/config.test.js.

import { essence } from './upload-rules.js';
import { languageOf } from './languages.js';
import { readableAccent, logoPath, DEFAULT_ACCENT } from './brand.js';
import { t } from './texts.js';

/** The service's defaults (shared/src/content.rs, MAX_UPLOAD_BYTES), used for missing fields. */
export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
export const DEFAULT_ALLOWED_CONTENT_TYPES = [
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/rtf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/tiff',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/zip',
];

/**
 * @typedef {{firmName: string, firmLanguage: string, accent: string, logo: string, apiBase: string, maxUploadBytes: number, allowedContentTypes: string[]}} PortalConfig
 */

/**
 * Reads config.json's body, keeping what is well-formed and defaulting the rest.
 * @param {unknown} raw
 * @returns {PortalConfig}
 */
export function parseConfig(raw) {
  const c = raw && typeof raw === 'object' ? /** @type {any} */ (raw) : {};
  const firmName = typeof c.firmName === 'string' && c.firmName.trim() ? c.firmName.trim() : '';
  const apiBase = typeof c.apiBase === 'string' ? c.apiBase.trim().replace(/\/+$/, '') : '';
  const maxUploadBytes =
    typeof c.maxUploadBytes === 'number' && Number.isFinite(c.maxUploadBytes) && c.maxUploadBytes > 0
      ? Math.floor(c.maxUploadBytes)
      : DEFAULT_MAX_UPLOAD_BYTES;
  const listed = Array.isArray(c.allowedContentTypes)
    ? [...new Set(c.allowedContentTypes.filter((type) => typeof type === 'string').map(essence).filter(Boolean))]
    : [];
  return {
    firmName,
    // The language contacts are written to unless they or staff chose another.
    firmLanguage: languageOf(c.firmLanguage),
    // The firm's colour (an unreadable one is refused: the page's own stays) and logo.
    accent: readableAccent(c.accent) ?? DEFAULT_ACCENT,
    logo: logoPath(c.logo),
    apiBase,
    maxUploadBytes,
    allowedContentTypes: listed.length ? listed : DEFAULT_ALLOWED_CONTENT_TYPES.slice(),
  };
}

/**
 * Fetches and parses the config; throws an Error with a message for people on failure.
 * @param {typeof fetch} fetchFn
 * @param {string} [url]
 */
export async function loadConfig(fetchFn, url = '/config.json') {
  let response;
  try {
    response = await fetchFn(url, { cache: 'no-store', credentials: 'omit', headers: { Accept: 'application/json' } });
  } catch {
    throw new Error(t('config-unreachable'));
  }
  if (!response.ok) throw new Error(t('config-unavailable', { status: String(response.status) }));
  try {
    return parseConfig(await response.json());
  } catch {
    throw new Error(t('config-broken'));
  }
}

/** The page title: "Client portal — Smith & Jones LLP". */
export function pageTitle(config) {
  return config?.firmName ? t('page-title-firm', { firm: config.firmName }) : t('page-title');
}
