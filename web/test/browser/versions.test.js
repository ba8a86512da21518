// Documents that change, on both faces: staff upload a new version from the console (its
// checksum computed by the page and shown), the contact's row says "Updated" with the new
// checksum and opens the new bytes, the mark goes once opened, and staff open any version's
// own bytes from the history. Desktop and phone screenshots of both faces.

import assert from 'node:assert/strict';
import { consoleTest } from './console-harness.js';
import { PHONE } from './harness.js';
import { BUCKET_ORIGIN, bytesAt, linkFromMail, newContact, sha256Of, share, uid } from './stack.js';
import { until } from './waits.js';

/** The short form the pages show: the first 12 characters of the base64 SHA-256. */
const short = (bytes) => `${sha256Of(bytes).slice(0, 12)}…`;
/** A tab opened on a presigned GET asks the bucket for a favicon: not a page error. */
const FAVICON = new RegExp(`^${BUCKET_ORIGIN.replace(/[.]/g, '\\.')}/favicon\\.ico$`);

consoleTest('a new version uploaded in the console reaches the contact, marked Updated, with its checksum', async (staff, { openPortal }) => {
  const { page } = staff;
  const matter = { matterId: `m-${uid()}`, title: `Estate of Vance ${uid()}` };
  const paula = newContact('Paula Portal');
  await staff.setUpMatter(matter);
  await staff.openSection('access');
  await staff.grant(paula, { canDownload: true });
  await staff.openSection('documents');
  staff.checks.allowFailedResource(404, FAVICON, 'the browser asks the bucket for a favicon');
  // Text, so that the tabs show the bytes (headless Chromium downloads a PDF instead).
  const first = Buffer.from(`Draft will ${uid()}\nFirst draft.\n`);
  const second = Buffer.from(`Draft will ${uid()}\nSecond draft, with the new clause.\n`);
  const ids = await staff.uploadFirmDocuments([{ name: 'Draft will.txt', mimeType: 'text/plain', buffer: first }]);
  const documentId = ids['Draft will.txt'];
  const row = page.locator(`#documents-table tr[data-document-id="${documentId}"]`);
  assert.equal(await row.locator('.checksum code').textContent(), short(first), 'the checksum the page computed');
  assert.equal(await row.locator('.checksum code').getAttribute('title'), sha256Of(first));
  await share(matter.matterId, [documentId], [paula.contactId]);

  // Paula opens version 1.
  const portal = await openPortal();
  portal.checks.allowFailedResource(404, FAVICON, 'the browser asks the bucket for a favicon');
  await portal.signInWith(await linkFromMail(paula.email));
  const item = portal.row(documentId);
  await item.waitFor();
  assert.equal(await item.locator('.checksum code').textContent(), short(first));
  const [firstTab] = await Promise.all([portal.page.waitForEvent('popup'), item.getByRole('button', { name: 'Open' }).click()]);
  await firstTab.waitForURL((url) => url.pathname.includes('/uploads/'));
  assert.deepEqual(await bytesAt(firstTab.url()), first);
  await firstTab.close();

  // Staff upload version 2 from the document's Versions.
  await row.locator('details.versions summary').click();
  await row.locator('.versions-list li[data-version="1"]').waitFor();
  await row.locator(`#version-file-${documentId}`).setInputFiles({ name: 'Draft will v2.txt', mimeType: 'text/plain', buffer: second });
  await staff.waitForStatus(/A new version of “Draft will\.txt” was uploaded/);
  const current = row.locator('.versions-list li[data-version="2"]');
  await current.waitFor({ timeout: 30_000 });
  assert.match(await current.textContent(), /Version 2 \(current\)/);
  assert.equal(await current.locator('.checksum code').getAttribute('title'), sha256Of(second));
  await until(async () => /Version 2 · SHA-256/.test(await row.locator('td').first().textContent()), { what: 'the row shows version 2' });
  await staff.screenshot('console-desktop-versions', { fullPage: true });

  // Any version's own bytes, for staff: version 1 never changed.
  const [oldTab] = await Promise.all([page.waitForEvent('popup'), row.locator('.versions-list li[data-version="1"] button').click()]);
  await oldTab.waitForURL((url) => url.pathname.includes('/uploads/'));
  assert.deepEqual(await bytesAt(oldTab.url()), first);
  await oldTab.close();

  // Paula's row: Updated, version 2, the new checksum; Open gives the new bytes.
  await portal.page.reload();
  await item.waitFor();
  await until(async () => (await item.getAttribute('data-updated')) === 'true', { what: 'the Updated mark' });
  assert.match(await item.textContent(), /Updated/);
  assert.match(await item.locator('.doc-version').textContent(), /Version 2/);
  assert.equal(await item.locator('.checksum code').textContent(), short(second));
  await portal.screenshot('portal-desktop-updated', { fullPage: true });
  await portal.screenshot('portal-phone-updated', { viewport: PHONE, fullPage: true });
  const [secondTab] = await Promise.all([portal.page.waitForEvent('popup'), item.getByRole('button', { name: 'Open' }).click()]);
  await secondTab.waitForURL((url) => url.pathname.includes('/uploads/'));
  assert.deepEqual(await bytesAt(secondTab.url()), second);
  await secondTab.close();
  await until(async () => (await item.getAttribute('data-updated')) === 'false', { what: 'the mark gone once opened' });
});
