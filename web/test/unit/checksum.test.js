// A file's SHA-256 as the service signs it into the presigned PUT (base64), and its short form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256Base64, shortChecksum, toBase64 } from '../../src/common/checksum.js';

test('the SHA-256 of a file, base64, as S3 writes x-amz-checksum-sha256', async () => {
  // FIPS 180-2 appendix B.1: SHA-256("abc").
  const abc = new Blob(['abc']);
  assert.equal(await sha256Base64(abc), 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
  assert.equal(await sha256Base64(new Blob([])), '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
});

test('without SubtleCrypto the page says so instead of uploading unchecked bytes', async () => {
  await assert.rejects(sha256Base64(new Blob(['abc']), null), /cannot compute checksums/);
});

test('base64 of raw bytes, and the short form people compare', () => {
  assert.equal(toBase64(new Uint8Array([0, 255, 16]).buffer), 'AP8Q');
  assert.equal(shortChecksum('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='), 'ungWv48Bz+pB…');
  assert.equal(shortChecksum('short'), 'short');
  assert.equal(shortChecksum(undefined), '');
});
