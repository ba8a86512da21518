// The whole staff flow in the console: set up a matter, give two contacts access (one view
// only), upload two documents, share both with both, see the counts in Access and the rows in
// Sharing, search and sort, stop one share, delete one document; the matters list finds it.

import assert from 'node:assert/strict';
import { consoleTest } from './console-harness.js';
import { PHONE, DESKTOP } from './harness.js';
import { PORTAL_URL, newContact, pdfBytes, uid } from './stack.js';
import { until, untilEqual } from './waits.js';

/** The matter's document names, oldest created first (from the API, with the staff token). */
async function documentsByCreated(matterId) {
  const response = await fetch(`${PORTAL_URL}/matters/${matterId}/documents`, {
    headers: { authorization: `Bearer ${process.env.STAFF_TOKEN}`, accept: 'application/json' },
    signal: AbortSignal.timeout(15_000),
  });
  assert.equal(response.status, 200);
  const { items } = await response.json();
  return items
    .slice()
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.documentId.localeCompare(b.documentId))
    .map((d) => d.fileName);
}

consoleTest(
  'staff set up a matter, grant two contacts, upload and share two documents, search and sort the shares, stop one and delete one',
  async (staff, _extra, t) => {
    const { page } = staff;
    const matter = { matterId: `m-${uid()}`, title: `Estate of Whitfield ${uid()}` };
    const ada = newContact('Ada Download');
    const vic = newContact('Vic Viewonly');

    // 1. Set up the matter; the signed-in staff member is its owner and recipient by default.
    await staff.setUpMatter(matter);
    assert.equal((await page.locator('#matter-owner-name').textContent()).trim(), 'Local Staff');

    // 2. Two contacts: one may download, one may only view.
    await staff.grant(ada, { canDownload: true });
    await staff.grant(vic, { canDownload: false });
    assert.equal(await staff.accessRow(ada.contactId).locator('.download-switch').isChecked(), true);
    assert.equal(await staff.accessRow(vic.contactId).locator('.download-switch').isChecked(), false);
    assert.equal(await staff.accessRow(vic.contactId).getAttribute('data-status'), 'invited');
    assert.match(await staff.accessRow(vic.contactId).textContent(), /View only/);
    assert.equal(await page.getByLabel('Portal link to give clients').inputValue(), `${new URL(page.url()).origin}/`);

    // 3. Two firm documents at once, each with its progress, until available.
    await staff.openSection('documents');
    const memo = 'Memo to client.txt';
    const will = 'Draft will.pdf';
    const ids = await staff.uploadFirmDocuments([
      { name: memo, mimeType: 'text/plain', buffer: Buffer.from('A memo about the estate.\n') },
      { name: will, mimeType: 'application/pdf', buffer: pdfBytes(6_000, 'will') },
    ]);
    for (const name of [memo, will]) {
      const row = staff.documentRowNamed(name);
      assert.equal(await row.getAttribute('data-origin'), 'firm');
      assert.match(await row.locator('.author').textContent(), /Local Staff/);
      assert.equal(await row.locator('.upload-icon').count(), 0, 'a firm document has no upload icon');
    }
    await staff.screenshot('console-desktop-documents', { fullPage: true });

    // 4. Share both documents with both contacts, with a message.
    await staff.openSection('sharing');
    await staff.choose(ada.contactId);
    await staff.choose(vic.contactId);
    await page.locator(`#pick-${ids[memo]}`).check();
    await page.locator(`#pick-${ids[will]}`).check();
    await page.getByLabel('Message (optional)').fill('Please review before Friday.');
    await page.locator('#share-submit').click();
    await staff.waitForStatus(/Shared: 4 new shares\. Ada Download and Vic Viewonly will get an email about the new documents within a few minutes\./);
    await untilEqual(
      async () => (await staff.shareRows()).map((r) => r.join(' | ')).sort(),
      [`${memo} | ${ada.name}`, `${memo} | ${vic.name}`, `${will} | ${ada.name}`, `${will} | ${vic.name}`].sort(),
      { what: 'the rows shared with both' },
    );
    await staff.screenshot('console-desktop-sharing', { fullPage: true });

    // 5. The counts in Access.
    await staff.openSection('access');
    await untilEqual(async () => [await staff.sharedCount(ada.contactId), await staff.sharedCount(vic.contactId)], [2, 2], {
      what: 'shared counts',
    });
    await staff.screenshot('console-desktop-access', { fullPage: true });
    await staff.screenshot('console-phone-access', { viewport: PHONE, fullPage: true });

    // 6. One contact's shares: search and sort by clicking the headers.
    await staff.openSection('sharing');
    await staff.choose(ada.contactId);
    await untilEqual(() => staff.shareRows(), [[will, ada.name], [memo, ada.name]], { what: 'Ada’s shares, A to Z' });
    assert.equal(await page.locator('th[aria-sort="ascending"]').textContent(), 'Name▲');
    await page.locator('#sort-name').click();
    await untilEqual(() => staff.shareRows(), [[memo, ada.name], [will, ada.name]], { what: 'Z to A' });
    assert.equal(await page.locator('#sort-name').locator('xpath=..').getAttribute('aria-sort'), 'descending');
    // Created: the two were uploaded at once, so read which was registered first.
    const created = await documentsByCreated(matter.matterId);
    assert.deepEqual([...created].sort(), [memo, will].sort());
    await page.locator('#sort-created').click();
    await untilEqual(() => staff.shareRows(), [...created].reverse().map((n) => [n, ada.name]), { what: 'newest created first' });
    await page.locator('#sort-created').click();
    await untilEqual(() => staff.shareRows(), created.map((n) => [n, ada.name]), { what: 'oldest created first' });
    await page.getByLabel('Search shared documents').fill('MEMO');
    await untilEqual(() => staff.shareRows(), [[memo, ada.name]], { what: 'search by name' });
    assert.match(await page.locator('#shares-summary').textContent(), /1 share for Ada Download matching “MEMO”/);
    await staff.screenshot('console-desktop-sharing-search');
    await page.getByLabel('Search shared documents').fill('');
    await untilEqual(async () => (await staff.shareRows()).length, 2, { what: 'the search cleared' });

    // 7. Stop sharing the memo with Ada: it leaves her list, stays in the matter.
    const memoRow = page.locator(`#shares-table tr[data-document-id="${ids[memo]}"][data-contact-id="${ada.contactId}"]`);
    await memoRow.getByRole('button', { name: /Stop sharing/ }).click();
    await staff.waitForStatus(/“Memo to client\.txt” is no longer shared with Ada Download\. It stays in the matter\./);
    await memoRow.waitFor({ state: 'detached' });
    assert.deepEqual(await staff.shareRows(), [[will, ada.name]]);

    // 8. Delete the will from the matter: the confirmation says it leaves every portal.
    await staff.openSection('documents');
    await staff.documentRow(ids[will]).getByRole('button', { name: 'Delete' }).click();
    const dialog = page.locator('#delete-dialog');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /will be deleted from the matter and disappear from every portal/);
    await staff.screenshot('console-desktop-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete from matter' }).click();
    await staff.waitForStatus(/“Draft will\.pdf” was deleted from the matter and every portal\./);
    await until(async () => (await staff.documentRow(ids[will]).count()) === 0, { what: 'the will gone from the list', timeout: 30_000 });
    assert.equal(await staff.documentRow(ids[memo]).count(), 1, 'the memo stays');

    // Access now: Ada has nothing (memo stopped, will deleted), Vic the memo.
    await staff.openSection('access');
    await untilEqual(async () => [await staff.sharedCount(ada.contactId), await staff.sharedCount(vic.contactId)], [0, 1], {
      what: 'shared counts after stop and delete',
    });

    // 9. The matters list finds the matter by title, with its counts.
    await page.locator('#nav-matters').click();
    await page.getByRole('heading', { level: 1, name: 'Matters' }).waitFor();
    await page.getByLabel('Search matters').fill(matter.title.toLowerCase());
    const row = page.locator(`#matters-table tr[data-matter-id="${matter.matterId}"]`);
    await row.waitFor();
    await untilEqual(async () => (await page.locator('#matters-table tbody tr').count()), 1, { what: 'one matching matter' });
    assert.equal((await row.locator('.matter-link').textContent()).trim(), matter.title);
    t.diagnostic(`matters list row: ${(await row.textContent()).replace(/\s+/g, ' ')}`);
    await staff.screenshot('console-desktop-matters', { viewport: DESKTOP });
    t.diagnostic(`matter ${matter.matterId}`);
  },
);
