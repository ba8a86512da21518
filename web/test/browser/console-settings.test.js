// Settings are saved only by Save: unsaved changes are shown, leaving the section (in the app
// or by reloading) warns, and a reload without saving shows what was saved. Revoking from the
// console ends the contact's open portal page on its next action.

import assert from 'node:assert/strict';
import { consoleTest } from './console-harness.js';
import { PHONE } from './harness.js';
import { PORTAL_URL, addDocument, createMatter, grantAccess, linkFromMail, newContact, share } from './stack.js';
import { until } from './waits.js';

/** The matter as the service has it (GET /matters/{id} with the staff token). */
async function savedMatter(matterId) {
  const response = await fetch(`${PORTAL_URL}/matters/${matterId}`, {
    headers: { authorization: `Bearer ${process.env.STAFF_TOKEN}`, accept: 'application/json' },
    signal: AbortSignal.timeout(15_000),
  });
  assert.equal(response.status, 200);
  return response.json();
}

consoleTest('matter settings are not saved until Save: the changes are shown, leaving warns, a reload shows the saved values', async (staff) => {
  const { page } = staff;
  const matter = await createMatter(`Harbor lease ${Date.now().toString(36)}`);
  await staff.goto(`#/matters/${matter.matterId}/settings`);
  const title = page.getByLabel('Matter title');
  await until(async () => (await title.inputValue()) === matter.title, { what: 'the saved title in the form' });
  assert.equal(await page.locator('#settings-state').textContent(), 'All changes saved.');
  const savedOwner = await page.getByLabel('Owner').inputValue();
  assert.equal(savedOwner, 'staff-browser-tests', 'the owner the matter was saved with');

  // Edit without saving: the changes are listed.
  await title.fill(`${matter.title} (renamed)`);
  await page.getByLabel('Owner').selectOption('staff-local');
  await until(async () => /Unsaved changes: title, owner, notification recipients\./.test(await page.locator('#settings-state').textContent()), {
    what: 'the unsaved changes line',
  });
  assert.equal(await page.locator('#notify-staff-local').isChecked(), true, 'recipients that were the owner follow the owner');
  await staff.screenshot('console-desktop-settings-unsaved', { fullPage: true });

  // Leaving in the app asks; "Stay" keeps the edits.
  await page.locator('#tab-access').click();
  const leave = page.locator('#leave-dialog');
  await leave.waitFor();
  assert.match(await leave.textContent(), /unsaved changes \(title, owner, notification recipients\)/);
  await staff.screenshot('console-desktop-leave-warning');
  await leave.getByRole('button', { name: 'Stay on this page' }).click();
  await leave.waitFor({ state: 'hidden' });
  assert.equal(await page.locator('#tab-settings').getAttribute('aria-current'), 'page');
  assert.match(page.url(), /\/settings$/);
  assert.equal(await title.inputValue(), `${matter.title} (renamed)`);
  await page.locator('#nav-matters').click();
  await leave.waitFor();
  await leave.getByRole('button', { name: 'Stay on this page' }).click();
  await leave.waitFor({ state: 'hidden' });

  // Nothing reached the service.
  const before = await savedMatter(matter.matterId);
  assert.equal(before.title, matter.title);
  assert.equal(before.owner.id, 'staff-browser-tests');

  // Reloading warns too (beforeunload); going on shows the saved values.
  const dialogs = [];
  page.once('dialog', async (dialog) => {
    dialogs.push(dialog.type());
    await dialog.accept();
  });
  await page.reload();
  await page.locator('#main-heading').waitFor();
  assert.deepEqual(dialogs, ['beforeunload']);
  await until(async () => (await title.inputValue()) === matter.title, { what: 'the saved title after reload' });
  assert.equal(await page.getByLabel('Owner').inputValue(), 'staff-browser-tests');

  // "Leave without saving" drops the edits.
  await title.fill('Dropped title');
  await page.locator('#tab-access').click();
  await leave.getByRole('button', { name: 'Leave without saving' }).click();
  await page.locator('#access-heading').waitFor();
  await page.locator('#tab-settings').click();
  await until(async () => (await title.inputValue()) === matter.title, { what: 'the saved title again' });

  // Save: now it is kept, and leaving asks nothing.
  await title.fill(`${matter.title} (saved)`);
  await page.locator('#settings-save').click();
  await staff.waitForStatus(/settings were saved/);
  assert.equal((await savedMatter(matter.matterId)).title, `${matter.title} (saved)`);
  await page.getByRole('heading', { level: 1, name: `${matter.title} (saved)` }).waitFor();
  await page.locator('#tab-access').click();
  await page.locator('#access-heading').waitFor();
  assert.equal(await leave.isVisible(), false);
});

consoleTest('revoking from the console ends the contact’s open portal page on its next action', async (staff, { openPortal }) => {
  const { page } = staff;
  const matter = await createMatter('Estate of Okafor');
  const rita = newContact('Rita Revoked');
  await grantAccess(matter.matterId, rita, { canDownload: false });
  const doc = await addDocument(matter.matterId, {
    fileName: 'Engagement letter.txt',
    contentType: 'text/plain',
    bytes: Buffer.from('Engagement letter.\n'),
  });
  await share(matter.matterId, [doc.documentId], [rita.contactId]);

  const portal = await openPortal();
  await portal.signInWith(await linkFromMail(rita.email));
  assert.deepEqual(await portal.documentNames(), ['Engagement letter.txt']);

  // The console shows her as active (signed in), with one document.
  await staff.goto(`#/matters/${matter.matterId}/access`);
  const row = staff.accessRow(rita.contactId);
  await row.waitFor();
  assert.equal(await row.getAttribute('data-status'), 'active');
  assert.equal(await staff.sharedCount(rita.contactId), 1);

  await row.getByRole('button', { name: 'Revoke' }).click();
  const dialog = page.locator('#revoke-dialog');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /will be signed out of the portal at once/);
  await staff.screenshot('console-desktop-revoke-confirm');
  await staff.screenshot('console-phone-revoke-confirm', { viewport: PHONE });
  await dialog.getByRole('button', { name: 'Revoke access' }).click();
  await staff.waitForStatus(/Rita Revoked no longer has access to this matter\./);
  await until(async () => (await row.getAttribute('data-status')) === 'revoked', { what: 'the row revoked' });
  assert.equal(await row.locator('.download-switch').isDisabled(), true);
  assert.equal(await row.getByRole('button', { name: 'Give access again' }).count(), 1);

  // Her open page: the next action signs her out.
  portal.checks.allowFailedResource(401, /\/portal\/documents(\?|$)/, 'the list is asked for after revocation');
  await portal.page.getByRole('button', { name: 'Search', exact: true }).click();
  await portal.signInHeading().waitFor();
  assert.match(
    await portal.page.locator('#signed-out-message').textContent(),
    /^You have been signed out: your session ended or your access changed\./,
  );
  assert.equal(await portal.page.getByRole('list', { name: 'Your documents' }).count(), 0);
});
