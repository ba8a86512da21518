// Calendar events on both faces: staff create an event and share it with a contact, whose
// portal lists it in their zone with Add to calendar (an .ics file); staff move it, and the
// contact's next file has the same UID with a higher SEQUENCE; staff cancel it, and the
// portal shows it cancelled. Desktop and phone screenshots.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { consoleTest } from './console-harness.js';
import { PHONE } from './harness.js';
import { linkFromMail, newContact, uid } from './stack.js';
import { until } from './waits.js';

/** The saved .ics file's text. */
async function icsText(download) {
  const text = await readFile(await download.path(), 'utf8');
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'), 'an iCalendar file');
  return text;
}

consoleTest('a calendar event shared in the console reaches the contact with its .ics, moves and is cancelled', async (staff, { openPortal }) => {
  const { page } = staff;
  const matter = { matterId: `m-${uid()}`, title: `Estate of Dates ${uid()}` };
  const paula = newContact('Paula Portal');
  await staff.setUpMatter(matter);
  await staff.openSection('access');
  await staff.grant(paula, { canDownload: false });

  await staff.openSection('calendar');
  const form = page.locator('#event-form');
  await form.getByRole('button', { name: 'Create event' }).click();
  await form.locator('#event-title-error').waitFor();
  await form.getByLabel('Title').fill('Signing of the will');
  await form.getByLabel('Starts').fill('2030-01-05T15:00');
  await form.getByLabel('Ends').fill('2030-01-05T16:30');
  await form.getByLabel('Place (optional)').fill('Smith & Jones, 2nd floor');
  await form.getByLabel('Meeting link (optional)').fill('https://meet.example.com/j/123');
  await form.getByLabel('Notes (optional)').fill('Bring a photo ID.');
  await form.getByLabel(paula.name).check();
  await form.getByRole('button', { name: 'Create event' }).click();
  await staff.waitForStatus(/“Signing of the will” was created and shared/);
  const item = page.locator('#calendar-list li').filter({ hasText: 'Signing of the will' });
  await item.waitFor();
  assert.match(await item.textContent(), /Shared with Paula Portal/);
  await staff.screenshot('console-desktop-calendar', { fullPage: true });

  const portal = await openPortal();
  await portal.signInWith(await linkFromMail(paula.email));
  const event = portal.page.locator('#event-list li').filter({ hasText: 'Signing of the will' });
  await event.waitFor();
  assert.match(await event.locator('.event-when').textContent(), /Jan 5, 2030/);
  assert.equal(await event.getByRole('link', { name: /Join the meeting/ }).getAttribute('href'), 'https://meet.example.com/j/123');
  const [first] = await Promise.all([portal.page.waitForEvent('download'), event.getByRole('button', { name: /Add to calendar/ }).click()]);
  assert.equal(first.suggestedFilename(), 'Signing of the will.ics');
  const text = await icsText(first);
  assert.match(text, /\r\nSUMMARY:Signing of the will\r\n/);
  assert.match(text, /\r\nSEQUENCE:0\r\n/);
  const uidLine = text.match(/\r\nUID:([^\r]+)\r\n/)?.[1];
  assert.ok(uidLine, 'a UID');
  await portal.screenshot('portal-desktop-calendar', { fullPage: true });
  await portal.screenshot('portal-phone-calendar', { viewport: PHONE, fullPage: true });

  // Moved an hour later: the contact's next file replaces the first (same UID, SEQUENCE 1).
  await item.getByRole('button', { name: /Change/ }).click();
  await item.getByLabel('Starts').fill('2030-01-05T16:00');
  await item.getByLabel('Ends').fill('2030-01-05T17:30');
  await item.getByRole('button', { name: 'Save changes' }).click();
  await staff.waitForStatus(/“Signing of the will” was saved; its contacts will be told/);
  await portal.page.reload();
  await event.waitFor();
  const [second] = await Promise.all([portal.page.waitForEvent('download'), event.getByRole('button', { name: /Add to calendar/ }).click()]);
  const moved = await icsText(second);
  assert.match(moved, /\r\nSEQUENCE:1\r\n/);
  assert.ok(moved.includes(`\r\nUID:${uidLine}\r\n`), 'the same event');

  // Cancelled: the portal shows it so, and its file says METHOD:CANCEL.
  await page.locator('#calendar-list li').filter({ hasText: 'Signing of the will' }).getByRole('button', { name: /Cancel event/ }).click();
  await staff.waitForStatus(/“Signing of the will” was cancelled/);
  await until(async () => /Cancelled/.test(await page.locator('#calendar-list').textContent()), { what: 'cancelled in the console' });
  await portal.page.reload();
  await event.locator('.badge').waitFor();
  assert.equal(await event.locator('.badge').textContent(), 'Cancelled');
  const [third] = await Promise.all([portal.page.waitForEvent('download'), event.getByRole('button', { name: /Update my calendar/ }).click()]);
  const cancelled = await icsText(third);
  assert.match(cancelled, /\r\nMETHOD:CANCEL\r\n/);
  assert.match(cancelled, /\r\nSTATUS:CANCELLED\r\n/);
});
