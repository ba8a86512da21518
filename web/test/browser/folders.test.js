// Folders on both faces: staff create a folder, move a document in and share the folder with
// a contact, whose portal then groups the matter's documents under the folder; a document
// moved in later appears at once; stopping the folder share takes them away. A matter and a
// folder downloaded as one zip each, on both faces. Desktop and phone screenshots.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { consoleTest } from './console-harness.js';
import { PHONE } from './harness.js';
import { linkFromMail, newContact, uid } from './stack.js';
import { until } from './waits.js';

consoleTest('a folder shared in the console shows the contact its documents, grouped, including one moved in later', async (staff, { openPortal }) => {
  const { page } = staff;
  const matter = { matterId: `m-${uid()}`, title: `Estate of Fowler ${uid()}` };
  const paula = newContact('Paula Portal');
  await staff.setUpMatter(matter);
  await staff.openSection('access');
  await staff.grant(paula, { canDownload: true });
  await staff.openSection('documents');
  const ids = await staff.uploadFirmDocuments([
    { name: 'Complaint.txt', mimeType: 'text/plain', buffer: Buffer.from(`Complaint ${uid()}\n`) },
    { name: 'Answer.txt', mimeType: 'text/plain', buffer: Buffer.from(`Answer ${uid()}\n`) },
  ]);

  // A folder, a document moved into it, the folder shared with Paula.
  await page.locator('#folder-name').fill('Pleadings');
  await page.getByRole('button', { name: 'Create folder' }).click();
  await staff.waitForStatus(/The folder “Pleadings” was created/);
  const folder = page.locator('#folder-list li').filter({ hasText: 'Pleadings' }).first();
  await page.locator(`select[data-move-for="${ids['Complaint.txt']}"]`).selectOption({ label: 'Pleadings' });
  await staff.waitForStatus(/“Complaint\.txt” is now in Pleadings/);
  await until(async () => /1 document/.test(await folder.locator('.folder-title').textContent()), { what: 'the folder counts it' });
  await folder.getByLabel(paula.name).check();
  await folder.getByRole('button', { name: 'Share folder' }).click();
  await staff.waitForStatus(/“Pleadings” is shared with Paula Portal/);
  await folder.locator(`.folder-shares li[data-contact-id="${paula.contactId}"]`).waitFor();
  await staff.screenshot('console-desktop-folders', { fullPage: true });

  // Paula's portal: the matter's documents under the folder's heading; Answer is not shared.
  const portal = await openPortal();
  await portal.signInWith(await linkFromMail(paula.email));
  await portal.page.locator('#matter-filter').selectOption({ label: matter.title });
  const group = portal.page.locator('.folder-group').filter({ hasText: 'Pleadings' });
  await group.waitFor();
  assert.equal(await group.locator(`li[data-document-id="${ids['Complaint.txt']}"]`).count(), 1);
  assert.equal(await portal.page.locator(`li[data-document-id="${ids['Answer.txt']}"]`).count(), 0, 'not shared');

  // Answer moved in later: Paula sees it in the folder on her next look.
  await page.locator(`select[data-move-for="${ids['Answer.txt']}"]`).selectOption({ label: 'Pleadings' });
  await staff.waitForStatus(/“Answer\.txt” is now in Pleadings/);
  await portal.page.reload();
  await portal.page.locator('#matter-filter').selectOption({ label: matter.title });
  await group.locator(`li[data-document-id="${ids['Answer.txt']}"]`).waitFor();
  assert.equal(await group.locator('li[data-document-id]').count(), 2);
  await until(async () => !/Loading/.test(await portal.page.locator('#documents-summary').textContent()), { what: 'the list loaded' });
  await portal.screenshot('portal-desktop-folders', { fullPage: true });
  await portal.screenshot('portal-phone-folders', { viewport: PHONE, fullPage: true });

  // Staff stop the folder share: both documents leave Paula's portal.
  await folder.locator(`.folder-shares li[data-contact-id="${paula.contactId}"] button`).click();
  await staff.waitForStatus(/“Pleadings” is no longer shared with Paula Portal/);
  await portal.page.reload();
  await portal.page.locator('#documents-empty').waitFor();
});

/** A downloaded zip's bytes: a ZIP (stored entries, so each file's bytes sit whole inside). */
async function zipBytes(download) {
  const bytes = await readFile(await download.path());
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a ZIP file');
  return bytes;
}

consoleTest('a contact downloads a matter and a folder as one zip each, and staff the whole matter and the folder', async (staff, { openPortal }) => {
  const { page } = staff;
  const matter = { matterId: `m-${uid()}`, title: `Estate of Zipp ${uid()}` };
  const paula = newContact('Paula Portal');
  await staff.setUpMatter(matter);
  await staff.openSection('access');
  await staff.grant(paula, { canDownload: true });
  await staff.openSection('documents');
  const texts = { 'Complaint.txt': `Complaint ${uid()}\n`, 'Answer.txt': `Answer ${uid()}\n`, 'Private.txt': `Staff only ${uid()}\n` };
  const ids = await staff.uploadFirmDocuments(
    Object.entries(texts).map(([name, text]) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) })),
  );
  await page.locator('#folder-name').fill('Pleadings');
  await page.getByRole('button', { name: 'Create folder' }).click();
  await staff.waitForStatus(/The folder “Pleadings” was created/);
  await page.locator(`select[data-move-for="${ids['Complaint.txt']}"]`).selectOption({ label: 'Pleadings' });
  await staff.waitForStatus(/“Complaint\.txt” is now in Pleadings/);
  const folder = page.locator('#folder-list li').filter({ hasText: 'Pleadings' }).first();
  await folder.getByLabel(paula.name).check();
  await folder.getByRole('button', { name: 'Share folder' }).click();
  await staff.waitForStatus(/“Pleadings” is shared with Paula Portal/);
  await staff.openSection('sharing');
  await staff.choose(paula.contactId);
  await page.locator(`#pick-${ids['Answer.txt']}`).check();
  await page.locator('#share-submit').click();
  await staff.waitForStatus(/Shared: 1 new share/);

  // Paula: the matter as one zip (the folder's file under its name), then the folder alone.
  const portal = await openPortal();
  await portal.signInWith(await linkFromMail(paula.email));
  await portal.page.locator('#matter-filter').selectOption({ label: matter.title });
  const all = portal.page.locator('#download-all');
  await all.waitFor();
  await until(async () => !/Loading/.test(await portal.page.locator('#documents-summary').textContent()), { what: 'the list loaded' });
  await portal.screenshot('portal-desktop-zips', { fullPage: true });
  await portal.screenshot('portal-phone-zips', { viewport: PHONE, fullPage: true });
  const [whole] = await Promise.all([portal.page.waitForEvent('download'), all.click()]);
  await portal.waitForStatus(/Downloading “Estate of Zipp .*\.zip”: 2 documents/);
  const matterZip = await zipBytes(whole);
  for (const name of ['Complaint.txt', 'Answer.txt']) assert.ok(matterZip.includes(Buffer.from(texts[name])), `${name} is in it`);
  assert.ok(matterZip.includes(Buffer.from('Pleadings/Complaint.txt')), 'under its folder');
  assert.ok(!matterZip.includes(Buffer.from(texts['Private.txt'])), 'only what is shared with Paula');
  const [folderDownload] = await Promise.all([
    portal.page.waitForEvent('download'),
    portal.page.locator(`button[data-zip-folder]`).click(),
  ]);
  await portal.waitForStatus(/Downloading “Pleadings\.zip”: 1 document/);
  const folderZip = await zipBytes(folderDownload);
  assert.ok(folderZip.includes(Buffer.from(texts['Complaint.txt'])) && !folderZip.includes(Buffer.from(texts['Answer.txt'])));

  // Staff: every document of the matter; the log shows Paula's downloads, each in its zip.
  await staff.openSection('documents');
  const [staffDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#download-matter').click()]);
  await staff.waitForStatus(/Downloading “Estate of Zipp .*\.zip”: 3 documents/);
  const staffZip = await zipBytes(staffDownload);
  for (const text of Object.values(texts)) assert.ok(staffZip.includes(Buffer.from(text)));
  const [staffFolder] = await Promise.all([page.waitForEvent('download'), page.locator('#folder-list button[data-zip-folder]').click()]);
  await staff.waitForStatus(/Downloading “Pleadings\.zip”: 1 document/);
  const staffFolderZip = await zipBytes(staffFolder);
  assert.ok(staffFolderZip.includes(Buffer.from(texts['Complaint.txt'])) && !staffFolderZip.includes(Buffer.from(texts['Answer.txt'])));
  await page.locator('#documents-table').scrollIntoViewIfNeeded();
  await staff.screenshot('console-desktop-zips');
});
