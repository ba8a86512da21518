// The two faces together: staff share from the console -> the contact, in another browser
// context signed in from the emailed link, sees it -> the contact uploads -> the console shows
// it as a portal document by the contact with the owner as author, and the owner and the
// notification recipients got the email.

import assert from 'node:assert/strict';
import { consoleTest } from './console-harness.js';
import { PHONE } from './harness.js';
import { allMail, linkFromMail, newContact, pdfBytes, uid } from './stack.js';
import { until } from './waits.js';


/** Mail the emulator captured whose To, Cc or Bcc holds the address. */
async function mailReaching(address) {
  return (await allMail()).filter((m) => m.reaching.includes(address));
}

consoleTest(
  'staff share in the console, the contact sees it in the portal and uploads, and the console shows the upload as a portal document with the owner as author; owner and recipients are emailed',
  async (staff, { openPortal }) => {
    const { page } = staff;
    const matter = { matterId: `m-${uid()}`, title: `Purchase of Mill House ${uid()}` };
    const paula = newContact('Paula Portal');
    const nora = { id: `staff-${uid()}`, name: 'Nora Notified', email: `nora.${uid()}@firm.example` };

    // Staff: set up the matter, then add a colleague to the notification recipients and Save.
    await staff.setUpMatter(matter);
    await staff.openSection('settings');
    await page.locator('#person-open').click();
    await page.getByLabel('Person’s name').fill(nora.name);
    await page.getByLabel('Person’s email').fill(nora.email);
    await page.getByLabel('Staff id').fill(nora.id);
    await page.locator('#person-add').click();
    await page.locator(`#notify-${nora.id}`).check();
    assert.match(await page.locator('#settings-state').textContent(), /Unsaved changes: notification recipients/);
    await page.locator('#settings-save').click();
    await staff.waitForStatus(/settings were saved/);
    assert.match(await page.locator('#settings-state').textContent(), /All changes saved/);
    await staff.screenshot('console-desktop-settings', { fullPage: true });

    // Grant, upload a firm document, share it.
    await staff.openSection('access');
    await staff.grant(paula, { canDownload: true });
    await staff.openSection('documents');
    const letter = 'Engagement letter.pdf';
    const ids = await staff.uploadFirmDocuments([{ name: letter, mimeType: 'application/pdf', buffer: pdfBytes(5_000, 'letter') }]);
    await staff.openSection('sharing');
    await staff.choose(paula.contactId);
    await page.locator(`#pick-${ids[letter]}`).check();
    await page.locator('#share-submit').click();
    await staff.waitForStatus(/Shared: 1 new share\. Paula Portal will get an email about it within a few minutes\./);

    // The contact, in a browser of their own, from the invitation link.
    const portal = await openPortal();
    await portal.signInWith(await linkFromMail(paula.email));
    await portal.rowNamed(letter).waitFor();

    // The contact uploads into the matter.
    const upload = 'Signed contract.pdf';
    await portal.page.getByLabel('Choose files').setInputFiles({ name: upload, mimeType: 'application/pdf', buffer: pdfBytes(8_000, 'contract') });
    await portal.page.getByRole('button', { name: 'Upload', exact: true }).click();
    await portal.page
      .locator('#upload-list li[data-upload-key]')
      .filter({ hasText: upload })
      .and(portal.page.locator('[data-phase="attached"]'))
      .waitFor({ timeout: 60_000 });

    // Staff: the upload is a portal document by the contact, with the owner as author.
    await staff.openSection('access');
    await staff.openSection('documents');
    const row = staff.documentRowNamed(upload);
    await row.waitFor({ timeout: 20_000 });
    assert.equal(await row.getAttribute('data-origin'), 'portal');
    assert.equal(await row.getAttribute('data-status'), 'available');
    assert.equal(await row.locator('.upload-icon').count(), 1, 'the upload icon before the name');
    assert.equal((await row.locator('.uploaded-by').textContent()).trim(), 'Uploaded by Paula Portal');
    assert.equal((await row.locator('.origin').textContent()).trim(), 'Document (Portal)');
    assert.equal((await row.locator('.author').textContent()).trim(), 'Local Staff', 'the matter owner is the author');
    await staff.screenshot('console-desktop-documents-portal-upload', { fullPage: true });
    await staff.screenshot('console-phone-documents', { viewport: PHONE, fullPage: true });

    // Sharing: chosen contact, their upload is shared back with them, marked with the icon.
    await staff.openSection('sharing');
    await staff.choose(paula.contactId);
    const shared = page.locator('#shares-table tbody tr').filter({ hasText: upload });
    await shared.waitFor();
    assert.equal(await shared.getAttribute('data-origin'), 'portal');
    assert.equal(await shared.locator('.upload-icon').count(), 1);

    // The owner (the signed-in staff member) and the added recipient each get the upload in a
    // digest email once the window has passed (DIGEST_WINDOW, 30 s on the local stack).
    for (const address of ['you@firm.example', nora.email]) {
      await until(
        async () => (await mailReaching(address)).some((m) => m.subject === `1 new portal upload on "${matter.title}"` && m.body.includes(upload)),
        { timeout: 120_000, interval: 1_000, what: `the upload digest to ${address}` },
      );
    }
  },
);
