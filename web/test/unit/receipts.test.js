// Read receipts and limits in words (staff side): opened / not opened yet, downloads against a
// limit, a document's readers, a contact's last opened document and access end date, and the
// checks of the download limit and the end date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  openedText,
  wasOpened,
  downloadsText,
  limitReached,
  parseDownloadLimit,
  readerText,
  readersSummary,
  lastOpenedText,
  accessEndText,
  emailChoiceText,
  expiresAtFromDateInput,
  dateInputFromExpiresAt,
  parseAccessEnd,
  todayInput,
} from '../../src/console/receipts.js';

const now = new Date('2026-11-24T12:00:00Z');
const gb = { locale: 'en-GB', timeZone: 'UTC', now };

test('a share opened or not yet, and downloads against its limit', () => {
  assert.equal(openedText({ openCount: 3, lastOpenedAt: '2026-11-24T10:02:00Z' }), 'Opened 3×', 'when is the screen’s, with its zone');
  assert.equal(openedText({ openCount: 0, lastOpenedAt: null }), 'Not opened yet');
  assert.equal(openedText({}), 'Not opened yet', 'fields missing (an older service): not opened');
  assert.equal(openedText({ openCount: 1 }), 'Opened 1×');
  assert.equal(wasOpened({ openCount: 2 }), true);
  assert.equal(wasOpened({ openCount: 0 }), false);
  assert.equal(downloadsText({ downloadCount: 2, downloadLimit: 5 }), '2 of 5 downloads');
  assert.equal(downloadsText({ downloadCount: 0, downloadLimit: 1 }), '0 of 1 download');
  assert.equal(downloadsText({ downloadCount: 4, downloadLimit: null }), '', 'no limit, nothing said');
  assert.equal(limitReached({ downloadCount: 5, downloadLimit: 5 }), true);
  assert.equal(limitReached({ downloadCount: 4, downloadLimit: 5 }), false);
  assert.equal(limitReached({ downloadCount: 9, downloadLimit: null }), false);
});

test('the Download limit field: empty is none, else 1 to 1000', () => {
  assert.deepEqual(parseDownloadLimit(''), { value: null, error: '' });
  assert.deepEqual(parseDownloadLimit('  '), { value: null, error: '' });
  assert.deepEqual(parseDownloadLimit('5'), { value: 5, error: '' });
  assert.deepEqual(parseDownloadLimit('1000'), { value: 1000, error: '' });
  for (const bad of ['0', '1001', '2.5', '-1', 'x', '1e3']) {
    const { value, error } = parseDownloadLimit(bad);
    assert.equal(value, null, bad);
    assert.match(error, /whole number from 1 to 1000/, bad);
  }
});

test('a document’s readers', () => {
  const opened = { contactId: 'c1', contactName: 'Ann Client', sharedAt: '2026-11-22T09:00:00Z', openCount: 3, lastOpenedAt: '2026-11-24T10:02:00Z', downloadCount: 1, downloadLimit: 2 };
  const notYet = { contactId: 'c2', contactName: 'Bob', sharedAt: '2026-11-22T09:00:00Z', openCount: 0, lastOpenedAt: null, downloadCount: 0, downloadLimit: null };
  assert.equal(readerText(opened, gb), 'opened 3× · last 2 hours ago · 1 of 2 downloads');
  assert.equal(readerText(notYet, gb), 'not opened yet · shared 2 days ago');
  assert.equal(readersSummary({ opened: [opened], notOpened: [notYet, notYet] }), 'Opened by 1 of 3 contacts');
  assert.equal(readersSummary({ opened: [], notOpened: [notYet] }), 'Not opened yet (shared with 1 contact)');
  assert.equal(readersSummary({ opened: [], notOpened: [] }), 'Not shared with anyone');
});

test('a contact’s last opened document and access end', () => {
  assert.equal(lastOpenedText({ lastOpened: { documentId: 'd1', fileName: 'Will.pdf', at: '2026-11-24T10:02:00Z' } }), 'Will.pdf', 'the column says Last opened');
  assert.equal(lastOpenedText({ lastOpened: null }), 'Nothing opened yet');
  assert.equal(lastOpenedText({}), 'Nothing opened yet');
  assert.equal(accessEndText({ expiresAt: '2026-12-01T23:59:59Z', status: 'active' }, gb), 'Access ends 1 Dec 2026');
  assert.equal(accessEndText({ expiresAt: '2026-11-20T23:59:59Z', status: 'expired' }, gb), 'Access ended 20 Nov 2026');
  assert.equal(accessEndText({ expiresAt: '2026-11-24T11:00:00Z', status: 'active' }, gb), 'Access ended 24 Nov 2026', 'passed, before the list says so');
  assert.equal(accessEndText({ expiresAt: null, status: 'active' }, gb), '');
});

test('the end date: a day in the date input <-> the end of that local day as RFC 3339 UTC', () => {
  const iso = expiresAtFromDateInput('2026-12-01');
  assert.match(iso, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'UTC, no fraction');
  assert.equal(new Date(iso).getTime(), new Date(2026, 11, 1, 23, 59, 59).getTime(), '23:59:59 where the staff member is');
  assert.equal(dateInputFromExpiresAt(iso), '2026-12-01', 'and back');
  assert.equal(expiresAtFromDateInput('2026-02-30'), null);
  assert.equal(expiresAtFromDateInput('1/12/2026'), null);
  assert.equal(dateInputFromExpiresAt(null), '');
  const today = new Date(2026, 10, 24, 15, 0, 0);
  assert.equal(todayInput(today), '2026-11-24');
  assert.deepEqual(parseAccessEnd('', today), { value: null, error: '' });
  assert.equal(parseAccessEnd('2026-11-24', today).error, '', 'today is allowed (ends tonight)');
  assert.match(parseAccessEnd('2026-11-23', today).error, /today or later/);
  assert.match(parseAccessEnd('soon', today).error, /as a date/);
});

test("a contact's own email choice is told to staff only when it is not the default", () => {
  assert.equal(emailChoiceText({ notifications: 'daily' }), 'Emails: one summary a day');
  assert.equal(emailChoiceText({ notifications: 'signInOnly' }), 'Emails: sign-in links only');
  assert.equal(emailChoiceText({ notifications: 'window' }), '');
  assert.equal(emailChoiceText({}), '');
  assert.equal(emailChoiceText(null), '');
});
