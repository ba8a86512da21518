// The activity feed and read receipts: staff share a document with two contacts from the
// console (with a download limit); one contact opens the portal and views it; the console's
// Activity shows the share (firm events), and the view once "Show all portal events" is on;
// Sharing shows "Opened" for her and "Not opened yet" for the other; the document's Readers and
// the Access section say the same; Export CSV downloads a file with those rows.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { consoleTest } from './console-harness.js';
import { PHONE } from './harness.js';
import { BUCKET_ORIGIN, addDocument, createMatter, grantAccess, linkFromMail, newContact, pdfBytes, uid } from './stack.js';
import { until } from './waits.js';

/** The feed's lines as shown, once it has loaded. */
async function eventLines(page) {
  await page.locator('#events-list[aria-busy="false"]').waitFor({ state: 'attached' });
  return page.locator('#events-list li').evaluateAll((items) => items.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
}

consoleTest(
  'the activity feed shows the share, and the contact’s view with all portal events; Sharing, Readers and Access show who opened it; CSV export downloads the rows',
  async (staff, { openPortal }) => {
    const { page } = staff;
    const matter = await createMatter(`Estate of Okafor ${uid()}`);
    const ada = newContact('Ada Reader');
    const bob = newContact('Bob Notyet');
    await grantAccess(matter.matterId, ada, { canDownload: true });
    await grantAccess(matter.matterId, bob, { canDownload: true });
    const letter = await addDocument(matter.matterId, {
      fileName: 'Letter of wishes.pdf',
      contentType: 'application/pdf',
      bytes: pdfBytes(6_000, 'wishes'),
    });

    // Staff share it with both, with a download limit; the digest email follows later.
    await staff.goto(`#/matters/${matter.matterId}/sharing`);
    await staff.choose(ada.contactId);
    await staff.choose(bob.contactId);
    await page.locator(`#pick-${letter.documentId}`).check();
    await page.getByLabel('Download limit (optional)').fill('3');
    await page.locator('#share-submit').click();
    await staff.waitForStatus(/Shared: 2 new shares\. Ada Reader and Bob Notyet will get an email about the new documents within a few minutes\./);

    // Ada signs in from her invitation and views the letter (a new tab at the bucket).
    const portal = await openPortal();
    portal.checks.allowFailedResource(404, new RegExp(`^${BUCKET_ORIGIN.replace(/[.]/g, '\\.')}/favicon\\.ico$`), 'the browser asks the bucket for a favicon');
    await portal.signInWith(await linkFromMail(ada.email));
    const row = portal.row(letter.documentId);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-new'), 'true', 'new before she opens it');
    const [popup] = await Promise.all([portal.page.waitForEvent('popup'), row.getByRole('button', { name: 'Open' }).click()]);
    await popup.waitForURL((url) => url.origin === BUCKET_ORIGIN);
    await popup.close();
    await portal.waitForStatus(/Opened “Letter of wishes\.pdf” in a new tab\./);

    // Activity: firm events by default (the share, not the view).
    await staff.openSection('activity');
    const shared = `Local Staff shared Letter of wishes.pdf with Ada Reader`;
    const viewed = `Ada Reader viewed Letter of wishes.pdf`;
    await until(async () => (await eventLines(page)).some((l) => l.startsWith(shared)), { what: 'the share in the feed' });
    let lines = await eventLines(page);
    assert.ok(lines.some((l) => l.startsWith('Local Staff shared Letter of wishes.pdf with Bob Notyet')), lines.join('\n'));
    assert.ok(!lines.some((l) => l.startsWith(viewed)), 'views are portal events: hidden by default');
    assert.ok(!lines.some((l) => / signed in/.test(l)), 'sign-ins are hidden by default');
    assert.match(lines.find((l) => l.startsWith(shared)), / · \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2}/, 'with the time');
    await staff.screenshot('console-desktop-activity', { fullPage: true });

    // With all portal events: the view (and her sign-in) appear, newest first.
    await page.getByRole('switch', { name: 'Show all portal events' }).check();
    await until(async () => (await eventLines(page)).some((l) => l.startsWith(viewed)), { what: 'the view in the feed' });
    lines = await eventLines(page);
    assert.ok(lines.some((l) => l.startsWith('Ada Reader signed in')), lines.join('\n'));
    assert.ok(lines.findIndex((l) => l.startsWith(viewed)) < lines.findIndex((l) => l.startsWith(shared)), 'newest first');
    await staff.screenshot('console-desktop-activity-all', { fullPage: true });
    await staff.screenshot('console-phone-activity', { viewport: PHONE, fullPage: true });

    // Filter by contact: Bob has the share and nothing else.
    await page.locator('#events-contact').selectOption(bob.contactId);
    await until(async () => {
      const bobs = await eventLines(page);
      return bobs.length > 0 && bobs.every((l) => l.includes('Bob Notyet')) && !bobs.some((l) => l.startsWith(viewed));
    }, { what: 'only Bob’s events' });
    await page.locator('#events-contact').selectOption('');
    await page.locator('#events-document').selectOption(letter.documentId);
    await until(async () => (await eventLines(page)).some((l) => l.startsWith(viewed)), { what: 'the letter’s events' });

    // Export CSV: the same filters (all portal events, this document) as a file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#events-export').click()]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const [header, ...csvRows] = csv.trim().split(/\r?\n/);
    // Every cell quoted, so a spreadsheet splitting on ';' keeps each whole.
    assert.match(header, /^"at","type","actorKind","actorId","actorName","contactId","contactName","documentId","fileName","version","sha256","detail"$/);
    assert.ok(csvRows.some((r) => r.includes('documentShared') && r.includes(ada.contactId)), csv);
    assert.ok(csvRows.some((r) => r.includes('documentViewed') && r.includes(ada.contactId) && r.includes(letter.documentId)), csv);
    assert.ok(csvRows.every((r) => r.includes(letter.documentId)), 'only the chosen document');
    await staff.waitForStatus(/The activity was exported as .+\.csv\./);

    // Sharing: opened for Ada, not yet for Bob, with the download limit.
    await staff.openSection('sharing');
    const shareRow = (contactId) => page.locator(`#shares-table tr[data-document-id="${letter.documentId}"][data-contact-id="${contactId}"]`);
    await shareRow(ada.contactId).waitFor();
    assert.match(await shareRow(ada.contactId).locator('.share-opened').textContent(), /Opened 1×\s*last (just now|\d+ (second|minute)s? ago)/);
    // How long ago, with the local time and its zone, then UTC, on hover.
    assert.match(
      await shareRow(ada.contactId).locator('.share-last-opened time').getAttribute('title'),
      /^\w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M \S+ \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\)$/,
    );
    assert.equal(await shareRow(ada.contactId).locator('.share-opened').getAttribute('data-opened'), 'true');
    assert.match(await shareRow(bob.contactId).locator('.share-opened').textContent(), /Not opened yet/);
    assert.match(await shareRow(bob.contactId).locator('.share-opened').textContent(), /0 of 3 downloads/);
    await staff.screenshot('console-desktop-sharing-opened', { fullPage: true });

    // Documents: the letter's readers.
    await staff.openSection('documents');
    const readers = page.locator(`details[data-readers-for="${letter.documentId}"]`);
    await readers.locator('summary').click();
    await readers.locator('.readers-opened li').first().waitFor();
    assert.match(await readers.locator('.readers-opened').textContent(), /Ada Reader\s*opened 1×/);
    assert.match(await readers.locator('.readers-not-opened').textContent(), /Bob Notyet\s*not opened yet/);
    assert.match(await readers.locator('.readers-summary').textContent(), /Opened by 1 of 2 contacts/);
    await staff.screenshot('console-desktop-documents-readers', { fullPage: true });
    await staff.screenshot('console-phone-documents-readers', { viewport: PHONE, fullPage: true });

    // Access: each contact's last opened document.
    await staff.openSection('access');
    await until(async () => (await staff.accessRow(ada.contactId).locator('.last-opened').textContent()) === 'Letter of wishes.pdf', {
      what: 'Ada’s last opened document',
    });
    assert.equal((await staff.accessRow(bob.contactId).locator('.last-opened').textContent()).trim(), 'Nothing opened yet');
    assert.match(await staff.accessRow(ada.contactId).locator('.last-opened-when').textContent(), /just now|ago/);
    await staff.screenshot('console-desktop-access-opened', { fullPage: true });
  },
);

consoleTest('an access end date is set from the Access section, shown, and removed', async (staff) => {
  const { page } = staff;
  const matter = await createMatter(`Lease renewal ${uid()}`);
  const cara = newContact('Cara Enddate');
  await grantAccess(matter.matterId, cara, { canDownload: true });
  await staff.goto(`#/matters/${matter.matterId}/access`);
  const row = staff.accessRow(cara.contactId);
  await row.getByRole('button', { name: 'Set end date' }).click();
  const next = new Date(Date.now() + 7 * 86_400_000);
  const day = `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-${String(next.getDate()).padStart(2, '0')}`;
  await page.getByLabel(`Last day of access for ${cara.name}`).fill(day);
  await row.getByRole('button', { name: 'Save end date' }).click();
  await staff.waitForStatus(/Cara Enddate’s access end date was saved\./);
  await until(async () => /Access ends \w{3} \d{1,2}, \d{4}/.test(await row.locator('.access-end').textContent().catch(() => '')), { what: 'the end date shown' });
  await staff.screenshot('console-desktop-access-end-date', { fullPage: true });
  await row.getByRole('button', { name: 'Change end date' }).click();
  await row.getByRole('button', { name: 'Remove end date' }).click();
  await staff.waitForStatus(/Cara Enddate’s access no longer has an end date\./);
  await until(async () => (await row.locator('.access-end').count()) === 0, { what: 'the end date gone' });

  // The grant form takes an end date too.
  const dan = newContact('Dan Formdate');
  const form = page.locator('#grant-form');
  await form.getByLabel('Contact id').fill(dan.contactId);
  await form.getByLabel('Contact name').fill(dan.name);
  await form.getByLabel('Sign-in address').fill(dan.email);
  await form.getByLabel('Access ends (optional)').fill(day);
  await form.getByRole('button', { name: /Give access/ }).click();
  await staff.waitForStatus(/Dan Formdate was given access/);
  await until(async () => /Access ends \w{3} \d{1,2}, \d{4}/.test(await staff.accessRow(dan.contactId).locator('.access-end').textContent().catch(() => '')), {
    what: 'the end date given with the grant',
  });
});
