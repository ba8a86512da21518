// The portal's marks: documents shared and never opened say "New" (a word, not a colour);
// viewing one takes its mark away at once and for good (after a reload, from the service);
// a download limit shows as "N downloads left", and once used up the page says so and a
// forced download is refused with a clear message.

import assert from 'node:assert/strict';
import { portalTest, PHONE } from './harness.js';
import {
  BUCKET_ORIGIN,
  PORTAL_URL,
  addDocument,
  createMatter,
  grantAccess,
  linkFromMail,
  newContact,
  pdfBytes,
  share,
  takeLink,
} from './stack.js';
import { until } from './waits.js';

portalTest('shared documents are marked New until viewed, also after a reload; downloads left and the used-up limit are said in words', async (portal) => {
  const { page } = portal;
  const matter = await createMatter('Probate of Greene');
  const contact = newContact('Nell Newmark');
  await grantAccess(matter.matterId, contact, { canDownload: true });
  const inventory = await addDocument(matter.matterId, {
    fileName: 'Estate inventory.pdf',
    contentType: 'application/pdf',
    bytes: pdfBytes(5_000, 'inventory'),
  });
  const accounts = await addDocument(matter.matterId, {
    fileName: 'Estate accounts.pdf',
    contentType: 'application/pdf',
    bytes: pdfBytes(4_000, 'accounts'),
  });
  await share(matter.matterId, [inventory.documentId], [contact.contactId]);
  await share(matter.matterId, [accounts.documentId], [contact.contactId], { downloadLimit: 2 });
  await portal.signInWith(await linkFromMail(contact.email));

  // Both new, with the word "New" in the row (not only a colour).
  for (const doc of [inventory, accounts]) {
    const row = portal.row(doc.documentId);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-new'), 'true', `${doc.fileName} is new`);
    assert.match(await row.locator('.new-badge').textContent(), /^New, not opened yet:$/, 'the word, and what it means for screen readers');
  }
  assert.match(await portal.row(accounts.documentId).locator('.doc-downloads-left').textContent(), /^2 downloads left$/);
  assert.equal(await portal.row(inventory.documentId).locator('.doc-downloads-left').count(), 0, 'no limit, nothing said');
  await until(async () => (await page.locator('#needs-list').textContent()).trim() === '2 new or updated documents to look at', { what: 'the needs line counting both' });
  await portal.screenshot('portal-desktop-new-marks', { fullPage: true });
  await portal.screenshot('portal-phone-new-marks', { viewport: PHONE, fullPage: true });

  // View the inventory: its mark goes at once; the other keeps it.
  portal.checks.allowFailedResource(404, new RegExp(`^${BUCKET_ORIGIN.replace(/[.]/g, '\\.')}/favicon\\.ico$`), 'the browser asks the bucket for a favicon');
  const [popup] = await Promise.all([page.waitForEvent('popup'), portal.row(inventory.documentId).getByRole('button', { name: 'Open' }).click()]);
  await popup.waitForURL((url) => url.origin === BUCKET_ORIGIN);
  await popup.close();
  await until(async () => (await portal.row(inventory.documentId).getAttribute('data-new')) === 'false', { what: 'the mark gone after viewing' });
  assert.equal(await portal.row(inventory.documentId).locator('.new-badge').count(), 0);
  assert.equal(await portal.row(accounts.documentId).getAttribute('data-new'), 'true');
  // What needs the contact counts the one still new.
  await until(async () => /^1 new or updated document to look at$/.test((await page.locator('#needs-list').textContent()).trim()), { what: 'the needs line counting one' });

  // After a reload the service says the same.
  await page.reload();
  await portal.documentsHeading().waitFor();
  await portal.waitForList();
  await portal.row(inventory.documentId).waitFor();
  assert.equal(await portal.row(inventory.documentId).getAttribute('data-new'), 'false', 'still not new after a reload');
  assert.equal(await portal.row(accounts.documentId).getAttribute('data-new'), 'true', 'the unopened one still new');

  // Both downloads of the accounts used (from outside the page): after a reload the page says
  // so and offers no Download for it.
  const { session } = await portal.storedSession();
  assert.equal(await takeLink(accounts.documentId, 'download', session), 200);
  assert.equal(await takeLink(accounts.documentId, 'download', session), 200);
  await page.reload();
  await portal.waitForList();
  const accountsRow = portal.row(accounts.documentId);
  await accountsRow.waitFor();
  assert.equal(await accountsRow.getAttribute('data-new'), 'false', 'a download link opens it too');
  assert.equal((await accountsRow.locator('.doc-downloads-left').textContent()).trim(), 'No downloads left');
  assert.equal(await accountsRow.getByRole('button', { name: 'Download' }).count(), 0);
  assert.equal(await accountsRow.getByRole('button', { name: 'Open' }).count(), 1, 'views are not limited');
  await portal.screenshot('portal-phone-no-downloads-left', { viewport: PHONE, fullPage: true });

  // A tampered list that claims one left: the service refuses and the page says why.
  const isList = (url) => url.origin === PORTAL_URL && url.pathname === '/portal/documents';
  await page.route(isList, async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    for (const item of body.items ?? []) if (item.documentId === accounts.documentId) item.downloadsLeft = 1;
    await route.fulfill({ response, json: body });
  });
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const forged = accountsRow.getByRole('button', { name: 'Download' });
  await forged.waitFor();
  await page.unroute(isList);
  portal.checks.allowFailedResource(403, new RegExp(`/portal/documents/${accounts.documentId}/links$`), 'the download limit is reached');
  await forged.click();
  const message = await portal.waitForStatus(/used every download/);
  assert.match(message, /You have used every download of “Estate accounts\.pdf” the firm allowed\. You can still open it to view/);
  await until(async () => (await accountsRow.getByRole('button', { name: 'Download' }).count()) === 0, { what: 'Download gone after the refusal' });
});
