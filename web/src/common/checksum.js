// A file's SHA-256 as S3 writes it (base64), computed in the page before the upload is
// declared: the service signs it into the presigned PUT, so S3 stores no other bytes.
// Tested in test/unit/checksum.test.js.

import { t } from './texts.js';

/**
 * @param {ArrayBuffer} digest
 * @returns {string}
 */
export function toBase64(digest) {
  const bytes = new Uint8Array(digest);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The SHA-256 of a file (or any Blob), base64.
 * @param {{arrayBuffer: () => Promise<ArrayBuffer>}} file
 * @param {SubtleCrypto} [subtle]
 * @returns {Promise<string>}
 */
export async function sha256Base64(file, subtle = globalThis.crypto?.subtle) {
  if (!subtle) throw new Error(t('checksum-unsupported'));
  return toBase64(await subtle.digest('SHA-256', await file.arrayBuffer()));
}

/** A checksum as a person compares it: the first 12 characters, the rest on demand. */
export function shortChecksum(sha256) {
  return typeof sha256 === 'string' && sha256.length > 12 ? `${sha256.slice(0, 12)}…` : (sha256 ?? '');
}
