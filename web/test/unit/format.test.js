import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatSize,
  parseTimestamp,
  formatDateTime,
  addressParts,
  relativeTime,
  utcText,
  momentTitle,
  formatDate,
  kindOf,
  describeKinds,
  listInWords,
  capitalised,
} from '../../src/common/format.js';

test('sizes read as people expect', () => {
  assert.equal(formatSize(0), '0 B');
  assert.equal(formatSize(1), '1 B');
  assert.equal(formatSize(1023), '1023 B');
  assert.equal(formatSize(1024), '1 KB');
  assert.equal(formatSize(1536), '1.5 KB');
  assert.equal(formatSize(10 * 1024), '10 KB');
  assert.equal(formatSize(1024 * 1024 - 1), '1 MB');
  assert.equal(formatSize(1_048_576), '1 MB');
  assert.equal(formatSize(2.25 * 1_048_576), '2.3 MB');
  assert.equal(formatSize(104_857_600), '100 MB');
  assert.equal(formatSize(3 * 1024 ** 3), '3 GB');
  assert.equal(formatSize(5 * 1024 ** 4), '5 TB');
});

test('sizes that are not sizes show nothing', () => {
  assert.equal(formatSize(-1), '');
  assert.equal(formatSize(Number.NaN), '');
  assert.equal(formatSize(/** @type {any} */ ('12')), '');
  assert.equal(formatSize(/** @type {any} */ (undefined)), '');
});

test('the service timestamps (microseconds) parse', () => {
  const d = parseTimestamp('2026-11-22T10:00:00.123456Z');
  assert.ok(d);
  assert.equal(d.toISOString(), '2026-11-22T10:00:00.123Z');
  assert.equal(parseTimestamp('2026-11-22T10:00:00Z')?.toISOString(), '2026-11-22T10:00:00.000Z');
  assert.equal(parseTimestamp('not a date'), null);
  assert.equal(parseTimestamp(''), null);
  assert.equal(parseTimestamp(null), null);
});

test('dates in a given locale and zone', () => {
  const opts = { locale: 'en-GB', timeZone: 'UTC' };
  assert.equal(formatDateTime('2026-11-22T10:05:00.000000Z', opts), '22 Nov 2026, 10:05 UTC');
  // The viewer's zone, named.
  const tokyo = formatDateTime('2026-11-22T10:05:00Z', { locale: 'en-GB', timeZone: 'Asia/Tokyo' });
  assert.equal(tokyo, '22 Nov 2026, 19:05 GMT+9');
  assert.equal(formatDate('2026-11-22T23:30:00.000000Z', opts), '22 Nov 2026');
  // The reader's zone moves the day.
  assert.equal(formatDate('2026-11-22T23:30:00.000000Z', { locale: 'en-GB', timeZone: 'Asia/Tokyo' }), '23 Nov 2026');
  // ICU versions differ in the space before AM (U+202F or U+0020): compare spaces as spaces.
  const us = formatDateTime('2026-11-22T10:05:00Z', { locale: 'en-US', timeZone: 'UTC' }).replace(/\s/g, ' ');
  assert.equal(us, 'Nov 22, 2026, 10:05 AM UTC');
  assert.equal(formatDateTime('garbage', opts), '');
  assert.equal(formatDateTime(undefined, opts), '');
});

test('the exact UTC time for a tooltip, and how long ago in words', () => {
  assert.equal(utcText('2026-12-03T06:06:12.345678Z'), '2026-12-03 06:06:12 UTC');
  assert.equal(utcText('nope'), '');
  const title = momentTitle('2026-12-03T06:06:12Z', { locale: 'en-GB', timeZone: 'Asia/Tokyo' });
  assert.match(title, /^3 Dec 2026, 15:06 GMT\+9 \(2026-12-03 06:06:12 UTC\)$/);
  assert.equal(momentTitle(null), '');
  const now = new Date('2026-12-03T12:00:00Z');
  const ago = (stamp) => relativeTime(stamp, { locale: 'en', now });
  assert.equal(ago('2026-12-03T11:59:50Z'), 'just now');
  assert.equal(ago('2026-12-03T11:57:00Z'), '3 minutes ago');
  assert.equal(ago('2026-12-03T09:00:00Z'), '3 hours ago');
  assert.equal(ago('2026-12-02T12:00:00Z'), 'yesterday');
  assert.equal(ago('2026-11-19T12:00:00Z'), '2 weeks ago');
  assert.equal(ago('2026-12-03T14:00:00Z'), 'in 2 hours');
  assert.equal(ago(null), '');
});

test('kinds of files by content type', () => {
  assert.equal(kindOf('application/pdf'), 'PDF');
  assert.equal(kindOf('Application/PDF; charset=binary'), 'PDF');
  assert.equal(kindOf('application/vnd.openxmlformats-officedocument.wordprocessingml.document'), 'Word');
  assert.equal(kindOf('image/png'), 'PNG image');
  assert.equal(kindOf('application/x-unknown'), 'application/x-unknown');
  assert.equal(kindOf(undefined), '');
});

test('lists in words', () => {
  assert.equal(listInWords([]), '');
  assert.equal(listInWords(['PDF']), 'PDF');
  assert.equal(listInWords(['PDF', 'Word']), 'PDF and Word');
  assert.equal(listInWords(['PDF', 'Word', 'Excel']), 'PDF, Word and Excel');
  assert.equal(
    describeKinds(['application/pdf', 'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/csv']),
    'PDF, Word and CSV',
  );
});

test('a phrase begins a sentence with its first letter in capitals', () => {
  assert.equal(capitalised('the folder Pleadings could not be loaded.'), 'The folder Pleadings could not be loaded.');
  assert.equal(capitalised(''), '');
});

test('addresses wrap after the @ and before dots, never inside a word', () => {
  assert.deepEqual(addressParts('ada.client@example.com'), ['ada', '.client@', 'example', '.com']);
  assert.deepEqual(addressParts('x@y'), ['x@', 'y']);
  assert.equal(addressParts('ada.download.mx75@client.example').join(''), 'ada.download.mx75@client.example');
  assert.deepEqual(addressParts(''), []);
});
