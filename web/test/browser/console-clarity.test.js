// What the console says and does, seen by a member of staff in New York: Give access is view
// only unless switched on, and says so; an invited contact's row says when the invitation went
// and Resend invitation waits out the interval (8 s on this stack), then sends a new one;
// times carry the viewer's zone with UTC on hover; addresses wrap only at @ and dots; "Last
// opened" is a column; on a phone every action of a row is on screen; lists say at once that
// they are loading and say what failed; Upload is off until a file can be sent.

import assert from 'node:assert/strict';
import { consoleTest } from './console-harness.js';
import { PHONE } from './harness.js';
import { PORTAL_URL, createMatter, grantAccess, linkFromMail, newContact, pdfBytes, staffGet, uid } from './stack.js';
import { until } from './waits.js';

const RESEND_SECONDS = Number(process.env.INVITE_RESEND_INTERVAL ?? 600);
const ZONE = 'America/New_York';
/** "Dec 3, 2026, 9:06 AM EST": the viewer's local time with its zone's name. */
const LOCAL_TIME = /^\w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M E[SD]T$/;
const UTC_TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\)?$/;

/** The boxes of a row's action buttons that reach past the viewport's sides. */
async function offScreenActions(row) {
  return row.locator('.row-actions button').evaluateAll((buttons) =>
    buttons
      .map((b) => ({ text: b.textContent.trim(), box: b.getBoundingClientRect() }))
      .filter(({ box }) => box.width === 0 || box.left < 0 || box.right > document.documentElement.clientWidth)
      .map(({ text }) => text),
  );
}

consoleTest(
  'Give access is view only by default and says so; Resend invitation waits, says until when, then sends; times show their zone; addresses wrap at @ and dots; Last opened is a column; a phone reaches every action',
  async (staff) => {
    const { page } = staff;
    const matter = await createMatter(`Trust of Wordsworth ${uid()}`);
    // A long address, to see where it wraps.
    const contact = newContact('Maximiliana Longaddress Wordsworth');
    await staff.goto(`#/matters/${matter.matterId}/access`);

    // View only unless switched on, and the form says so beside the switch.
    const form = page.locator('#grant-form');
    assert.equal(await form.getByLabel('Can download').isChecked(), false, 'view only by default');
    assert.match(await page.locator('#grant-download-hint').textContent(), /Off by default: the contact can open documents in the browser but is offered no download, and a PDF opens as a copy stamped with their name, address and the time on every page\./);
    assert.equal(await form.getByLabel('Can download').getAttribute('aria-describedby'), 'grant-download-hint');
    await form.getByLabel('Contact id').fill(contact.contactId);
    await form.getByLabel('Contact name').fill(contact.name);
    await form.getByLabel('Sign-in address').fill(contact.email);
    await form.getByRole('button', { name: /Give access/ }).click();
    await staff.waitForStatus(new RegExp(`${contact.name} was given access`));
    let row = staff.accessRow(contact.contactId);
    await row.waitFor();
    assert.equal(await row.locator('.switch-text').textContent(), 'View only');
    // Asked for by the grant, sent by the mail worker within seconds (it may have been already).
    assert.match(await row.locator('.invitation-sent').textContent(), /^(Invitation on its way|Invited just now)$/);
    await linkFromMail(contact.email);
    await page.reload();
    row = staff.accessRow(contact.contactId);
    await row.waitFor();
    const listed = (await staffGet(`/matters/${matter.matterId}/contacts`)).items.find((c) => c.contactId === contact.contactId);
    assert.equal(listed.canDownload, false, 'the service holds view only too');

    // When the invitation went; Resend waits until the interval has passed, and says until when.
    assert.match(await row.locator('.invitation-sent').textContent(), /^Invited (just now|\d+ seconds? ago)$/);
    const resend = row.getByRole('button', { name: 'Resend invitation' });
    assert.equal(await resend.isDisabled(), true, 'not again straight away');
    const wait = row.locator('.resend-wait');
    assert.match(await wait.textContent(), /^Can be sent again at /);
    assert.match(await wait.locator('time').textContent(), LOCAL_TIME);
    const nextAt = Date.parse(await wait.locator('time').getAttribute('datetime'));
    const sentAt = Date.parse(listed.invitationSentAt);
    assert.equal(nextAt - sentAt, RESEND_SECONDS * 1000, 'the interval after the last invitation');

    // Times: the viewer's local time with the zone, the exact UTC time on hover.
    const granted = row.locator('td[data-label="Granted"] time');
    assert.match(await granted.textContent(), LOCAL_TIME);
    assert.match(await granted.getAttribute('title'), UTC_TIME);
    assert.match(await row.locator('.invitation-sent time').getAttribute('title'), / E[SD]T \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\)$/);

    // "Last opened" is a column header; the cell holds only what was opened.
    const headers = await page.locator('#access-table thead th').allTextContents();
    assert.ok(headers.includes('Last opened'), headers.join(' | '));
    assert.equal((await row.locator('td[data-label="Last opened"]').textContent()).trim(), 'Nothing opened yet');

    // The address may break after its @ and before its dots only, and never spills out.
    const email = row.locator('.contact-email');
    assert.equal(await email.textContent(), contact.email);
    assert.equal(await email.locator('wbr').count(), contact.email.split(/(?=@)|(?=\.)/).length - 1);
    await staff.screenshot('console-desktop-access-invited', { fullPage: true });

    // On a phone each row is a card: every action is on screen and the address wraps inside it.
    await page.setViewportSize(PHONE);
    assert.deepEqual(await offScreenActions(row), [], 'every action of the row is within the screen');
    assert.ok(
      await email.evaluate((el) => el.getBoundingClientRect().right <= el.closest('td').getBoundingClientRect().right + 0.5),
      'the address stays within its cell',
    );
    await staff.screenshot('console-phone-access-invited', { viewport: PHONE, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });

    // Once the interval has passed, Resend sends a new invitation, and waits again.
    await until(async () => !(await resend.isDisabled()), { timeout: (RESEND_SECONDS + 10) * 1000, what: 'Resend invitation to be offered again' });
    assert.equal(await wait.count(), 0, 'no wait shown once it may be sent');
    const firstLink = await linkFromMail(contact.email);
    await resend.click();
    await staff.waitForStatus(new RegExp(`A new invitation is on its way to ${contact.email.replace(/[.]/g, '\\.')}; once it is sent, the previous link no longer works\\.`));
    const secondLink = await linkFromMail(contact.email, { count: 2 });
    assert.notEqual(secondLink, firstLink, 'a new link');
    await until(async () => (await resend.isDisabled()) && (await wait.count()) === 1, { what: 'the new invitation to be shown and waited on' });
    const after = (await staffGet(`/matters/${matter.matterId}/contacts`)).items.find((c) => c.contactId === contact.contactId);
    assert.ok(Date.parse(after.invitationSentAt) > sentAt, 'the row says when the last one went');
    await staff.screenshot('console-desktop-access-resent', { fullPage: true });
  },
  { timezoneId: ZONE },
);

consoleTest('lists say at once that they are loading, and what failed with a way to try again', async (staff) => {
  const { page } = staff;
  const matter = await createMatter(`Probate of Delay ${uid()}`);
  await grantAccess(matter.matterId, newContact('Lena Slowlist'), { canDownload: false });

  // The contacts answer late, and the documents fail until the test lets them through.
  let release = () => {};
  const held = new Promise((resolve) => {
    release = resolve;
  });
  const contactsPath = new RegExp(`/matters/${matter.matterId}/contacts(\\?.*)?$`);
  await page.route(contactsPath, async (route) => {
    await held;
    await route.continue();
  });
  const documentsPath = new RegExp(`/matters/${matter.matterId}/documents(\\?.*)?$`);
  staff.checks.allowFailedResource(503, documentsPath, 'the test makes the documents list fail');
  let failing = true;
  let failed = 0;
  await page.route(documentsPath, async (route) => {
    if (failing && route.request().method() === 'GET') {
      failed += 1;
      await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'The service is busy. Try again.' } }) });
    } else {
      await route.continue();
    }
  });

  // The section says it is loading from the start.
  await page.goto(`${PORTAL_URL}/console/#/matters/${matter.matterId}/access`);
  await page.locator('#access-summary').waitFor();
  assert.equal(await page.locator('#access-summary').textContent(), 'Loading contacts…');
  await staff.screenshot('console-desktop-access-loading');
  release();
  await until(async () => /^1 contact/.test(await page.locator('#access-summary').textContent()), { what: 'the contacts to load' });

  // The documents say what failed and offer Try again, which works once the service answers.
  await staff.openSection('documents');
  const failure = page.locator('.console-main .message.error[role="alert"]').filter({ hasText: /documents could not be loaded/i });
  await failure.waitFor();
  assert.match(await failure.textContent(), /^The documents could not be loaded\. The service had a problem\. Try again in a moment\./);
  assert.equal((await page.locator('#documents-summary').textContent()).trim(), '', 'a list that failed is not said to be empty');
  assert.equal(await page.locator('#tab-documents .tab-count').count(), 0, 'nor counted as none');
  await staff.screenshot('console-desktop-documents-failed');

  // Sharing needs the documents too: it says they failed, and offers Try again.
  await staff.openSection('sharing');
  const shareFailure = page.locator('#share-form .message.error[role="alert"]');
  await shareFailure.waitFor();
  assert.match(await shareFailure.textContent(), /^The documents could not be loaded\./);
  assert.equal(await page.locator('#share-form .loading').count(), 0, 'not said to be loading');
  const before = failed;
  await staff.openSection('documents');
  await until(async () => failed > before, { what: 'the documents to be read again (and fail)' });
  await failure.waitFor();
  failing = false;
  await failure.getByRole('button', { name: 'Try again' }).click();
  await until(async () => /No documents in this matter yet\./.test(await page.locator('.console-main').textContent()), { what: 'the documents after trying again' });
  assert.equal(await failure.count(), 0, 'the failure is gone once they load');
  await page.unroute(contactsPath);
  await page.unroute(documentsPath);
});

consoleTest('Upload stays off until a file that can be sent is chosen', async (staff) => {
  const { page } = staff;
  const matter = await createMatter(`Lease of Dock 4 ${uid()}`);
  await staff.goto(`#/matters/${matter.matterId}/documents`);
  const start = page.locator('#firm-upload-start');
  assert.equal(await start.isDisabled(), true, 'off with nothing chosen');
  assert.equal(await page.locator('#firm-upload-start-hint').textContent(), 'Choose the files to upload first.');
  await staff.screenshot('console-desktop-upload-nothing-chosen');
  await staff.screenshot('console-phone-upload-nothing-chosen', { viewport: PHONE, fullPage: true });

  // A refused type alone leaves it off.
  await page.locator('#firm-upload-files').setInputFiles({ name: 'tool.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ\0\0') });
  await page.locator('#firm-upload-list li[data-phase="invalid"]').waitFor();
  assert.equal(await start.isDisabled(), true, 'off with only a refused file');

  // A PDF turns it on; sent, it is off again until the next file.
  const ids = await staff.uploadFirmDocuments([{ name: 'Lease.pdf', mimeType: 'application/pdf', buffer: pdfBytes(4_000, 'lease') }]);
  assert.ok(ids['Lease.pdf']);
  assert.equal(await start.isDisabled(), true, 'off once everything chosen was sent');
});
