// The contact's email notification choice: chosen in the portal's side panel at phone width,
// kept by the service on their grants (a reload shows it again), one choice at a time.

import assert from 'node:assert/strict';
import { portalTest, PHONE, DESKTOP } from './harness.js';
import { createMatter, grantAccess, linkFromMail, newContact } from './stack.js';

portalTest('a contact chooses one summary a day, and the choice is kept across a reload', async (portal) => {
  const { page } = portal;
  const matter = await createMatter('Estate of Quinn');
  const contact = newContact('Dana Quinn');
  await grantAccess(matter.matterId, contact, { canDownload: true });
  await page.setViewportSize(PHONE);
  await portal.signInWith(await linkFromMail(contact.email));

  const panel = page.getByRole('region', { name: 'Email notifications' });
  const each = panel.getByRole('radio', { name: /One email for each batch of news/ });
  const daily = panel.getByRole('radio', { name: /One summary a day/ });
  await each.waitFor();
  await page.waitForFunction(() => /** @type {HTMLInputElement | null} */ (document.querySelector('input[name="notifications"][value="window"]'))?.checked === true);
  assert.equal(await daily.isChecked(), false, 'the default is one email per batch');

  await daily.check();
  await panel.locator('#notifications-status', { hasText: 'Saved' }).waitFor();
  await panel.scrollIntoViewIfNeeded();
  await portal.screenshot('portal-phone-notifications', { viewport: PHONE });

  // Kept by the service: a reload reads it back; the language was left as it was.
  await page.reload();
  await portal.documentsHeading().waitFor();
  await page.waitForFunction(() => /** @type {HTMLInputElement | null} */ (document.querySelector('input[name="notifications"][value="daily"]'))?.checked === true);
  // Each choice is read on its own: the language's may come after the notifications'.
  await page.waitForFunction(() => /** @type {HTMLSelectElement | null} */ (document.getElementById('language-choice'))?.value !== '');
  assert.equal(await page.locator('#language-choice').inputValue(), 'en');
  await portal.screenshot('portal-desktop-notifications', { viewport: DESKTOP, fullPage: true });
});
