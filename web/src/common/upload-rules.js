// What may be uploaded, checked in the page before any request, and the messages people see
// when a file is refused (by the page or by the service). No DOM; tested in
// test/unit/upload-rules.test.js.

import { formatSize, describeKinds } from './format.js';
import { t, currentLanguage } from './texts.js';
import { sentence } from './request.js';

/** The longest file name the service takes. */
export const MAX_FILE_NAME_CHARS = 255;

/** File name extension -> content type, for the types the service knows how to check. */
export const EXTENSION_TYPES = new Map([
  ['pdf', 'application/pdf'],
  ['doc', 'application/msword'],
  ['dot', 'application/msword'],
  ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xls', 'application/vnd.ms-excel'],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt', 'application/vnd.ms-powerpoint'],
  ['pps', 'application/vnd.ms-powerpoint'],
  ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  ['rtf', 'application/rtf'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['jpe', 'image/jpeg'],
  ['png', 'image/png'],
  ['gif', 'image/gif'],
  ['tif', 'image/tiff'],
  ['tiff', 'image/tiff'],
  ['webp', 'image/webp'],
  ['txt', 'text/plain'],
  ['text', 'text/plain'],
  ['csv', 'text/csv'],
  ['zip', 'application/zip'],
]);

/** Other names browsers and systems give the same types. */
const ALIASES = new Map([
  ['application/x-pdf', 'application/pdf'],
  ['text/rtf', 'application/rtf'],
  ['image/jpg', 'image/jpeg'],
  ['image/pjpeg', 'image/jpeg'],
  ['application/x-zip-compressed', 'application/zip'],
  ['application/x-zip', 'application/zip'],
  ['application/csv', 'text/csv'],
  ['text/x-csv', 'text/csv'],
  ['text/comma-separated-values', 'text/csv'],
]);

/**
 * `type/subtype`, lower-cased, parameters dropped ("Text/Plain; charset=utf-8" -> "text/plain").
 * @param {string | null | undefined} value
 */
export function essence(value) {
  if (typeof value !== 'string') return '';
  return value.split(';')[0].trim().toLowerCase();
}

/** "Report.Final.PDF" -> "pdf"; "" when the name has none. */
export function extensionOf(fileName) {
  const name = String(fileName ?? '');
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '';
  return name.slice(dot + 1).toLowerCase();
}

/**
 * The content type to declare for a file. A browser's File.type comes from the name's
 * extension and the system's registry: it is empty for extensions the system doesn't know and
 * sometimes another type altogether (Windows with Excel calls a .csv
 * "application/vnd.ms-excel", which the service's check of the first bytes would refuse).
 * So an extension we know and the firm allows wins; then File.type (its common aliases
 * mapped); then the extension's type even if not allowed, so the message can name it.
 * @param {{name: string, type?: string}} file
 * @param {string[]} allowed lower-case types from config
 * @returns {string} "" when nothing is known
 */
export function contentTypeFor(file, allowed) {
  const allow = new Set((allowed ?? []).map(essence));
  const byExtension = EXTENSION_TYPES.get(extensionOf(file.name)) ?? '';
  if (byExtension && allow.has(byExtension)) return byExtension;
  const declared = essence(file.type);
  const canonical = ALIASES.get(declared) ?? declared;
  if (canonical) return canonical;
  return byExtension;
}

/**
 * The HTML accept attribute for the file picker: the allowed types and their extensions.
 * @param {string[]} allowed
 */
export function acceptAttribute(allowed) {
  const types = [...new Set((allowed ?? []).map(essence).filter(Boolean))];
  const extensions = [];
  for (const [ext, type] of EXTENSION_TYPES) {
    if (types.includes(type)) extensions.push(`.${ext}`);
  }
  return [...types, ...extensions].join(',');
}

/**
 * Checks one file against the portal's config before any request.
 * @param {{name: string, size: number, type?: string}} file
 * @param {{maxUploadBytes: number, allowedContentTypes: string[]}} config
 * @returns {{ok: true, contentType: string} | {ok: false, reason: 'empty'|'too_large'|'unsupported_type'|'bad_name', message: string}}
 */
export function checkFile(file, config) {
  const name = String(file.name ?? '');
  const allowed = (config.allowedContentTypes ?? []).map(essence);
  if (!name.trim() || [...name].length > MAX_FILE_NAME_CHARS || /[\u0000-\u001f\u007f]/.test(name)) {
    return {
      ok: false,
      reason: 'bad_name',
      message: t('file-bad-name', { name: shorten(name), max: MAX_FILE_NAME_CHARS }),
    };
  }
  if (!(file.size > 0)) {
    return { ok: false, reason: 'empty', message: t('file-empty', { name }) };
  }
  if (typeof config.maxUploadBytes === 'number' && file.size > config.maxUploadBytes) {
    return {
      ok: false,
      reason: 'too_large',
      message: tooLargeMessage(name, file.size, config.maxUploadBytes),
    };
  }
  const contentType = contentTypeFor(file, allowed);
  if (!contentType || !allowed.includes(contentType)) {
    return { ok: false, reason: 'unsupported_type', message: unsupportedMessage(name, allowed) };
  }
  return { ok: true, contentType };
}

function tooLargeMessage(name, size, max) {
  return t('file-too-large', { name, size: formatSize(size), max: formatSize(max) });
}

function unsupportedMessage(name, allowed) {
  const kinds = describeKinds(allowed);
  return kinds
    ? t('file-type-allowed', { name, kinds })
    : t('file-type', { name });
}

function shorten(name) {
  const chars = [...name];
  return chars.length > 60 ? `${chars.slice(0, 57).join('')}…` : name;
}

/**
 * The message for a refused POST /portal/matters/{id}/uploads: the service's 413 and 415 in
 * the page's own words (with the service's text as the detail), anything else as the API
 * client mapped it.
 * @param {{status?: number, code?: string, message?: string}} error
 * @param {{name: string, size: number}} file
 * @param {{maxUploadBytes?: number, allowedContentTypes?: string[]}} config
 */
export function uploadRefusalMessage(error, file, config) {
  const name = file?.name ?? t('file-this');
  if (error?.status === 413 || error?.code === 'too_large') {
    if (typeof config?.maxUploadBytes === 'number') return tooLargeMessage(name, file.size, config.maxUploadBytes);
    return t('file-too-large-plain', { name });
  }
  if (error?.status === 415 || error?.code === 'unsupported_type') {
    return unsupportedMessage(name, (config?.allowedContentTypes ?? []).map(essence));
  }
  if (error?.status === 404 || error?.code === 'not_found') {
    return t('upload-matter-gone');
  }
  return error?.message ? t('upload-not-uploaded-because', { name, reason: error.message }) : t('upload-not-uploaded', { name });
}

// The service words its refusals in English (shared/src/service/intake.rs, scan.rs): each
// known one is the catalog's; English keeps an unknown one's own words.
const REASONS = [
  [/^size \S+ differs/i, 'reason-size'],
  [/^type \S+ differs/i, 'reason-type'],
  [/content is not/i, 'reason-content'],
  [/SHA-256 differs/i, 'reason-checksum'],
  [/failed a malware scan/i, 'reason-malware'],
  [/could not be scanned/i, 'reason-unscannable'],
  [/no longer has access/i, 'reason-no-access'],
  [/no longer in the matter/i, 'reason-gone'],
  [/already refused/i, 'reason-refused'],
];

/**
 * Why the service refused an upload, in the page's language.
 * @param {string} reason the service's words
 */
export function rejectionText(reason) {
  const known = REASONS.find(([pattern]) => pattern.test(String(reason ?? '')));
  if (known) return t(known[1]);
  return currentLanguage() === 'en' && reason ? sentence(reason) : t('reason-other');
}
