// The contact's language switch: chosen in the header at phone width, kept by the service on
// their grants, and the next email (a sign-in link) comes in Spanish.

import assert from 'node:assert/strict';
import { portalTest, PHONE } from './harness.js';
import { createMatter, grantAccess, linkFromMail, newContact } from './stack.js';

portalTest('a contact switches their email language to Español and the next link comes in Spanish', async (portal) => {
  const { page } = portal;
  const matter = await createMatter('Sucesión de Ortega');
  const contact = newContact('Lucía Ortega');
  await grantAccess(matter.matterId, contact, { canDownload: false });
  await page.setViewportSize(PHONE);
  await portal.signInWith(await linkFromMail(contact.email));

  const choice = page.getByLabel('Email language');
  await page.waitForFunction(() => /** @type {HTMLSelectElement} */ (document.getElementById('language-choice'))?.value === 'en');
  await choice.selectOption('es');
  await page.locator('#language-status', { hasText: 'Saved' }).waitFor();
  await portal.screenshot('portal-phone-language', { viewport: PHONE });

  // Signed out, a fresh link: in Spanish now.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await portal.signInHeading().waitFor();
  await page.getByLabel('Email', { exact: true }).fill(contact.email);
  await page.getByRole('button', { name: 'Send sign-in link' }).click();
  await page.locator('#link-sent').waitFor();
  const link = await linkFromMail(contact.email, { subject: /^Su enlace de acceso/ });
  await portal.signInWith(link);
  assert.equal(await page.locator('#language-choice').inputValue(), 'es', 'the switch says what the service kept');
});
