import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offersZip, zipErrorMessage, zipStartedMessage } from '../../src/common/zips.js';

test('a zip is offered only where the contact may download something', () => {
  const row = (left) => ({ canDownload: true, downloadsLeft: left });
  assert.equal(offersZip({ canDownload: true }, [row(null)]), true);
  assert.equal(offersZip({ canDownload: true }, [row(0), row(2)]), true);
  assert.equal(offersZip({ canDownload: true }, [row(0)]), false, 'every download used up');
  assert.equal(offersZip({ canDownload: false }, [row(null)]), false, 'view only');
  assert.equal(offersZip(undefined, [row(null)]), false, 'no such matter');
  assert.equal(offersZip({ canDownload: true }, []), false, 'nothing listed');
});

test('the started message names the file, the count and the size', () => {
  assert.equal(
    zipStartedMessage({ fileName: 'Estate.zip', entries: 1, size: 2048 }),
    'Downloading “Estate.zip”: 1 document, 2 KB.',
  );
  assert.match(zipStartedMessage({ fileName: 'Court.zip', entries: 3, size: 10 }), /3 documents/);
});

test('a refused zip is explained with what to do', () => {
  const what = 'the folder Pleadings';
  const limit = { status: 403, serverMessage: 'the download limit is reached for Will.pdf; download the others one by one' };
  assert.match(zipErrorMessage(limit, what), /Will\.pdf; download the others one by one/);
  assert.match(zipErrorMessage({ status: 403, serverMessage: 'you may view' }, what), /can view the folder Pleadings but not download/);
  assert.match(zipErrorMessage({ status: 413, serverMessage: 'these documents come to 300 MB' }, what), /^The folder Pleadings are too large for one zip: these documents come to 300 MB/);
  assert.match(zipErrorMessage({ status: 404 }, what), /nothing of the folder Pleadings/);
  assert.match(zipErrorMessage({ status: 502, message: 'The service is unavailable.' }, what), /Couldn't download the folder Pleadings: The service is unavailable/);
});
