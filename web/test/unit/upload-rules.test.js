import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkFile,
  contentTypeFor,
  extensionOf,
  essence,
  acceptAttribute,
  uploadRefusalMessage,
} from '../../src/common/upload-rules.js';
import { DEFAULT_ALLOWED_CONTENT_TYPES } from '../../src/common/config.js';

const config = { maxUploadBytes: 100 * 1024 * 1024, allowedContentTypes: DEFAULT_ALLOWED_CONTENT_TYPES };
const file = (name, size, type = '') => ({ name, size, type });

test('extensions and essences', () => {
  assert.equal(extensionOf('Report.Final.PDF'), 'pdf');
  assert.equal(extensionOf('noext'), '');
  assert.equal(extensionOf('.bashrc'), '');
  assert.equal(extensionOf('trailing.'), '');
  assert.equal(essence(' Text/Plain; charset=UTF-8 '), 'text/plain');
  assert.equal(essence(undefined), '');
});

test('a file within the rules passes with its type', () => {
  assert.deepEqual(checkFile(file('contract.pdf', 1000, 'application/pdf'), config), {
    ok: true,
    contentType: 'application/pdf',
  });
  // Exactly the limit is fine.
  assert.equal(checkFile(file('big.pdf', config.maxUploadBytes, 'application/pdf'), config).ok, true);
});

test('an empty File.type is filled in from the extension', () => {
  assert.equal(contentTypeFor(file('scan.TIFF', 1), config.allowedContentTypes), 'image/tiff');
  assert.equal(
    contentTypeFor(file('letter.docx', 1), config.allowedContentTypes),
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  );
  assert.deepEqual(checkFile(file('notes.txt', 5), config), { ok: true, contentType: 'text/plain' });
  assert.deepEqual(checkFile(file('photo.jpeg', 5), config), { ok: true, contentType: 'image/jpeg' });
});

test('a known extension wins over a system type the service would refuse', () => {
  // Windows with Excel installed calls a .csv "application/vnd.ms-excel".
  assert.equal(contentTypeFor(file('table.csv', 1, 'application/vnd.ms-excel'), config.allowedContentTypes), 'text/csv');
  // Aliases of allowed types map to the allowed name.
  assert.equal(contentTypeFor(file('archive', 1, 'application/x-zip-compressed'), config.allowedContentTypes), 'application/zip');
  assert.equal(contentTypeFor(file('doc', 1, 'text/rtf'), config.allowedContentTypes), 'application/rtf');
  assert.equal(contentTypeFor(file('pic', 1, 'image/jpg'), config.allowedContentTypes), 'image/jpeg');
  // An unknown extension keeps the browser's type, normalised.
  assert.equal(contentTypeFor(file('x.weird', 1, 'Application/PDF'), config.allowedContentTypes), 'application/pdf');
  // An extension whose type the firm doesn't allow: the browser's type is used.
  assert.equal(contentTypeFor(file('a.csv', 1, 'text/plain'), ['text/plain']), 'text/plain');
});

test('too large, empty, unsupported and badly named files are refused with a message', () => {
  const big = checkFile(file('video.pdf', 150 * 1024 * 1024, 'application/pdf'), config);
  assert.equal(big.ok, false);
  assert.equal(big.reason, 'too_large');
  assert.equal(big.message, '“video.pdf” is 150 MB; files can be at most 100 MB.');

  const empty = checkFile(file('blank.txt', 0, 'text/plain'), config);
  assert.equal(empty.reason, 'empty');
  assert.match(empty.message, /empty/);

  const exe = checkFile(file('setup.exe', 10, 'application/x-msdownload'), config);
  assert.equal(exe.reason, 'unsupported_type');
  assert.match(exe.message, /^“setup\.exe” is not a type of file you can upload here\. Allowed: PDF, Word, Excel/);

  const unknown = checkFile(file('mystery', 10, ''), config);
  assert.equal(unknown.reason, 'unsupported_type');

  const long = checkFile(file(`${'a'.repeat(252)}.pdf`, 10, 'application/pdf'), config);
  assert.equal(long.reason, 'bad_name');
  assert.equal(checkFile(file(`${'a'.repeat(251)}.pdf`, 10, 'application/pdf'), config).ok, true);
  assert.equal(checkFile(file('bad\u0007name.pdf', 10, 'application/pdf'), config).reason, 'bad_name');
});

test('the firm config decides: a narrower allow-list and a smaller limit', () => {
  const narrow = { maxUploadBytes: 1024, allowedContentTypes: ['application/pdf'] };
  assert.equal(checkFile(file('a.png', 10, 'image/png'), narrow).reason, 'unsupported_type');
  assert.match(checkFile(file('a.png', 10, 'image/png'), narrow).message, /Allowed: PDF\.$/);
  assert.equal(checkFile(file('a.pdf', 1025, 'application/pdf'), narrow).message, '“a.pdf” is 1 KB; files can be at most 1 KB.');
  assert.equal(checkFile(file('a.pdf', 1024, 'application/pdf'), narrow).ok, true);
});

test('the picker accepts the allowed types and their extensions', () => {
  const accept = acceptAttribute(['application/pdf', 'text/csv']).split(',');
  assert.deepEqual(accept, ['application/pdf', 'text/csv', '.pdf', '.csv']);
});

test("the service's 413 and 415 in the page's words", () => {
  const f = file('huge.pdf', 200 * 1024 * 1024);
  assert.equal(
    uploadRefusalMessage({ status: 413, code: 'too_large', message: 'Size 209715200 is above…' }, f, config),
    '“huge.pdf” is 200 MB; files can be at most 100 MB.',
  );
  assert.match(
    uploadRefusalMessage({ status: 415, code: 'unsupported_type', message: 'x' }, file('a.exe', 1), config),
    /^“a\.exe” is not a type of file you can upload here\. Allowed: PDF/,
  );
  assert.match(uploadRefusalMessage({ status: 404, code: 'not_found', message: 'matter m not found' }, f, config), /no longer upload to this matter/);
  assert.equal(
    uploadRefusalMessage({ status: 0, code: 'network', message: "Can't reach the portal." }, f, config),
    "“huge.pdf” was not uploaded: Can't reach the portal.",
  );
});
