import { test } from 'node:test';
import assert from 'node:assert/strict';
import { whenText, zoneNote, withOffset, toLocalInput, checkEventForm, icsFileName } from '../../src/common/appointments.js';

test('an event is shown in the viewer’s zone, and its own zone named when it differs', () => {
  const a = { startsAt: '2027-01-05T20:00:00.000000Z', endsAt: '2027-01-05T21:30:00.000000Z', timeZone: 'America/New_York' };
  assert.match(whenText(a, { locale: 'en-US', zone: 'America/New_York' }), /Tue, Jan 5, 2027, 3:00\s–\s4:30\sPM EST/);
  assert.match(whenText(a, { locale: 'en-US', zone: 'Europe/Madrid' }), /Jan 5, 2027, 21:00\s–\s22:30|9:00\s–\s10:30\sPM/);
  assert.equal(zoneNote(a, 'America/New_York'), '');
  assert.equal(zoneNote(a, 'Europe/Madrid'), 'Set in America/New York');
  assert.equal(whenText({ startsAt: 'x', endsAt: 'y' }), '');
});

test('typed local times carry the offset of their moment, and read back', () => {
  const value = withOffset('2027-07-05T15:00');
  assert.match(value, /^2027-07-05T15:00:00[+-]\d{2}:\d{2}$/);
  assert.equal(new Date(value).getTime(), new Date('2027-07-05T15:00').getTime(), 'the same instant');
  assert.equal(withOffset('2027-07-05'), '');
  assert.equal(toLocalInput(new Date('2027-07-05T15:00').toISOString()), '2027-07-05T15:00');
});

test('the event form says what is missing and builds the body with the zone', () => {
  const ok = checkEventForm({ title: ' Signing ', start: '2027-01-05T15:00', end: '2027-01-05T16:00', place: '', videoUrl: 'https://meet.example.com/1', notes: ' ' }, 'America/New_York');
  assert.equal(ok.body.title, 'Signing');
  assert.equal(ok.body.timeZone, 'America/New_York');
  assert.equal(ok.body.place, null);
  assert.equal(ok.body.notes, null);
  const bad = checkEventForm({ title: '', start: '2027-01-05T15:00', end: '2027-01-05T14:00', place: '', videoUrl: 'http://x', notes: '' });
  assert.equal(bad.body, null);
  assert.deepEqual(Object.keys(bad.errors).sort(), ['end', 'title', 'videoUrl']);
});

test('the calendar file is named after the event, safely', () => {
  assert.equal(icsFileName('Signing of the will'), 'Signing of the will.ics');
  assert.equal(icsFileName('a/b: "c"'), 'a b c.ics');
  assert.equal(icsFileName(''), 'event.ics');
});
