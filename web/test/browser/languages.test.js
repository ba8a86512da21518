// The contact's language switch: chosen in the header at phone width, kept by the service on
// their grants, and the next email (a sign-in link) comes in Spanish, its HTML part under the
// firm's header (logo, accent) as the page's own header shows them.

import assert from 'node:assert/strict';
import { portalTest, PHONE } from './harness.js';
import { createMatter, grantAccess, linkFromMail, mailTo, newContact } from './stack.js';

portalTest('a contact switches their email language to Español and the next link comes in Spanish', async (portal) => {
  const { page } = portal;
  const matter = await createMatter('Sucesión de Ortega');
  const contact = newContact('Lucía Ortega');
  await grantAccess(matter.matterId, contact, { canDownload: false });
  await page.setViewportSize(PHONE);
  await portal.signInWith(await linkFromMail(contact.email));

  // The firm's brand in the header: its logo (loaded from the page's own site) on its accent.
  assert.ok(await page.locator('#firm-logo').evaluate((img) => /** @type {HTMLImageElement} */ (img).complete && /** @type {HTMLImageElement} */ (img).naturalWidth > 0), 'the logo loads');
  const accent = await page.evaluate(async () => (await (await fetch('/config.json')).json()).accent);
  const header = await page.locator('.site-header').evaluate((h) => getComputedStyle(h).backgroundColor);
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(accent.slice(at, at + 2), 16));
  assert.equal(header, `rgb(${r}, ${g}, ${b})`, `the header is the firm's accent ${accent}`);

  const choice = page.getByLabel('Language', { exact: true });
  await page.waitForFunction(() => /** @type {HTMLSelectElement} */ (document.getElementById('language-choice'))?.value === 'en');
  await choice.selectOption('es');
  // The page speaks it at once (the browser's own language is English), and keeps it.
  await page.getByRole('heading', { level: 1, name: 'Sus documentos' }).waitFor();
  await page.locator('#language-status', { hasText: 'Guardado' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
  assert.equal(await page.locator('#matter-list .matter-access').first().innerText(), 'Solo lectura');
  assert.equal(await page.getByLabel('Idioma', { exact: true }).inputValue(), 'es', 'the switch is relabelled in the page’s language');
  await portal.screenshot('portal-phone-language', { viewport: PHONE });

  // Signed out, the page stays in the contact's language; a fresh link: in Spanish now.
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await page.locator('#signed-out-message', { hasText: 'Ha cerrado la sesión.' }).waitFor();
  await page.getByLabel('Correo electrónico', { exact: true }).fill(contact.email);
  await page.getByRole('button', { name: 'Enviar enlace de acceso' }).click();
  await page.locator('#link-sent').waitFor();
  const link = await linkFromMail(contact.email, { subject: /^Su enlace de acceso/ });
  await portal.signInWith(link);
  assert.equal(await page.locator('#language-choice').inputValue(), 'es', 'the switch says what the service kept');

  // The email's HTML part, as a mail app shows it: Spanish, the logo and the accent, the link.
  const mail = (await mailTo(contact.email)).filter((m) => /^Su enlace de acceso/.test(m.subject)).pop();
  assert.ok(mail, 'the Spanish sign-in link');
  assert.match(mail.html, /<html lang="es">/);
  assert.ok(mail.html.includes(`background:${accent}`), 'the header on the accent');
  const preview = await page.context().newPage();
  try {
    await preview.setViewportSize(PHONE);
    await preview.setContent(mail.html, { waitUntil: 'load' });
    assert.ok(await preview.locator('img').evaluate((img) => /** @type {HTMLImageElement} */ (img).naturalWidth > 0), 'the logo from the portal’s site');
    assert.equal(await preview.getByRole('link').first().getAttribute('href'), link, 'the same link as the text part');
    await portal.screenshot('email-phone-sign-in-es', { page: preview, viewport: PHONE });
  } finally {
    await preview.close();
  }
});
