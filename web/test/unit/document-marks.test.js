// The portal's marks: "New" until first opened, downloads left, the list after a link was
// taken or the limit refused a download, the limit's message, and which documents open as a
// stamped copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isNewDocument,
  isUpdatedDocument,
  downloadsLeftOf,
  downloadsLeftText,
  afterLinkTaken,
  afterLimitReached,
  isDownloadLimitError,
  countNew,
  opensStamped,
  isStampedCopyRequired,
} from '../../src/portal/document-marks.js';
import { ApiError } from '../../src/common/request.js';
import { linkErrorMessage } from '../../src/portal/api.js';

test('"New": shared with me and never opened; never my own upload', () => {
  assert.equal(isNewDocument({ isNew: true }), true);
  assert.equal(isNewDocument({ isNew: false }), false);
  assert.equal(isNewDocument({}), false, 'an older service: no marks');
  assert.equal(isNewDocument({ isNew: true, uploadedByMe: true }), false);
  assert.equal(countNew([{ isNew: true }, { isNew: false }, { isNew: true }]), 2);
});

test('"Updated": a newer version since I opened it; a never-opened document is "New" instead', () => {
  assert.equal(isUpdatedDocument({ isUpdated: true }), true);
  assert.equal(isUpdatedDocument({ isUpdated: false }), false);
  assert.equal(isUpdatedDocument({}), false);
  assert.equal(isUpdatedDocument({ isUpdated: true, isNew: true }), false);
  const [opened] = afterLinkTaken([{ documentId: 'd1', isUpdated: true }], 'd1', 'view');
  assert.equal(isUpdatedDocument(opened), false, 'opening it shows it is seen');
});

test('downloads left', () => {
  assert.equal(downloadsLeftOf({ downloadsLeft: null }), null);
  assert.equal(downloadsLeftOf({}), null);
  assert.equal(downloadsLeftOf({ downloadsLeft: 3 }), 3);
  assert.equal(downloadsLeftOf({ downloadsLeft: -1 }), 0);
  assert.equal(downloadsLeftText({ downloadsLeft: 3 }), '3 downloads left');
  assert.equal(downloadsLeftText({ downloadsLeft: 1 }), '1 download left');
  assert.equal(downloadsLeftText({ downloadsLeft: 0 }), 'No downloads left');
  assert.equal(downloadsLeftText({ downloadsLeft: null }), '');
});

test('after a link: no longer new; a download uses one of those left; others untouched', () => {
  const items = [
    { documentId: 'd1', isNew: true, downloadsLeft: 2 },
    { documentId: 'd2', isNew: true, downloadsLeft: null },
  ];
  const viewed = afterLinkTaken(items, 'd1', 'view');
  assert.deepEqual(viewed[0], { documentId: 'd1', isNew: false, isUpdated: false, downloadsLeft: 2 }, 'views are not limited');
  assert.equal(viewed[1], items[1], 'the other document is the same object');
  const downloaded = afterLinkTaken(viewed, 'd1', 'download');
  assert.equal(downloaded[0].downloadsLeft, 1);
  assert.equal(afterLinkTaken(afterLinkTaken(downloaded, 'd1', 'download'), 'd1', 'download')[0].downloadsLeft, 0, 'never below 0');
  assert.deepEqual(afterLinkTaken(items, 'd2', 'download')[1], { documentId: 'd2', isNew: false, isUpdated: false, downloadsLeft: null }, 'no limit stays none');
  assert.equal(items[0].isNew, true, 'the list given is not changed');
  assert.deepEqual(afterLimitReached(items, 'd1')[0], { documentId: 'd1', isNew: true, downloadsLeft: 0 });
});

test('the 403 of a used-up limit is told apart from view-only, with its own message', () => {
  const limit = new ApiError({ status: 403, code: 'forbidden', message: 'x', serverMessage: 'the download limit for this document has been reached' });
  const viewOnly = new ApiError({ status: 403, code: 'forbidden', message: 'x', serverMessage: 'you may view this document but not download it' });
  assert.equal(isDownloadLimitError(limit), true);
  assert.equal(isDownloadLimitError(viewOnly), false);
  assert.equal(isDownloadLimitError(null), false);
  assert.equal(
    linkErrorMessage(limit, { fileName: 'Will.pdf' }, 'download'),
    'You have used every download of “Will.pdf” the firm allowed. You can still open it to view; ask the firm if you need another copy.',
  );
  assert.match(linkErrorMessage(viewOnly, { fileName: 'Will.pdf' }, 'download'), /You can view “Will\.pdf” but not download it/);
});

test('a PDF the contact may only view opens as its stamped copy; anything else as it is', () => {
  assert.equal(opensStamped({ canDownload: false, contentType: 'application/pdf' }), true);
  assert.equal(opensStamped({ canDownload: false, contentType: 'Application/PDF' }), true);
  assert.equal(opensStamped({ contentType: 'application/pdf' }), false, 'permission not known: the plain link says');
  assert.equal(opensStamped({ canDownload: true, contentType: 'application/pdf' }), false);
  assert.equal(opensStamped({ canDownload: false, uploadedByMe: true, contentType: 'application/pdf' }), false, 'my own upload');
  assert.equal(opensStamped({ canDownload: false, contentType: 'image/png' }), false);
  assert.equal(opensStamped(null), false);
});

test('a PDF that could not be stamped is said so, never as a failure to retry', () => {
  const doc = { fileName: 'Secret.pdf' };
  for (const status of [413, 415]) {
    const e = new ApiError({ status, code: 'x', message: 'x', serverMessage: 'this PDF cannot be stamped because it is password-protected' });
    assert.equal(
      linkErrorMessage(e, doc, 'view'),
      '“Secret.pdf” could not be stamped with your name, so it cannot be opened here. Ask the firm for a copy.',
    );
  }
});

test('the refusal that sends a view-only PDF to its stamped copy is told from other refusals', () => {
  const stamped = new ApiError({ status: 403, code: 'forbidden', message: 'x', serverMessage: 'this PDF opens view-only as a copy stamped with your name: ask for its stamped link' });
  const viewOnly = new ApiError({ status: 403, code: 'forbidden', message: 'x', serverMessage: 'you may view this document but not download it' });
  assert.equal(isStampedCopyRequired(stamped), true);
  assert.equal(isStampedCopyRequired(viewOnly), false);
  assert.equal(isStampedCopyRequired(new ApiError({ status: 404, code: 'not_found', message: 'x', serverMessage: 'stamped link' })), false);
  assert.equal(isStampedCopyRequired(null), false);
});
