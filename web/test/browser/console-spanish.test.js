// The staff console in Spanish: from the browser's language (es-ES), every section's words
// from the Spanish catalog, and the header's switch back to English, kept across a reload.

import assert from 'node:assert/strict';
import { consoleTest } from './console-harness.js';
import { addDocument, createMatter, grantAccess, newContact, pdfBytes, share } from './stack.js';

consoleTest(
  'staff with a Spanish browser get the console in Spanish and can switch it to English',
  async (staff) => {
    const { page } = staff;
    const matter = await createMatter('Sucesión de Ramírez');
    const contact = newContact('Elena Ramírez');
    await grantAccess(matter.matterId, contact, { canDownload: true, language: 'es' });
    const deed = await addDocument(matter.matterId, { fileName: 'Escritura.pdf', contentType: 'application/pdf', bytes: pdfBytes(3_000, 'escritura') });
    await share(matter.matterId, [deed.documentId], [contact.contactId]);

    await staff.goto(`#/matters/${matter.matterId}/access`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    await page.locator('#access-summary', { hasText: '1 contacto: 1 invitado' }).waitFor();
    assert.match(await page.locator('#tab-access').innerText(), /^Acceso/);
    assert.equal(await page.locator('#grant-heading').innerText(), 'Dar acceso a un contacto');
    assert.match(await page.locator(`tr[data-contact-id="${contact.contactId}"]`).innerText(), /Invitado/);
    await staff.screenshot('console-desktop-access-es', { fullPage: true });

    // A check the page makes, in Spanish.
    await page.locator('#grant-submit').click();
    await page.locator('#grant-id-error', { hasText: 'El id del contacto tiene de 1 a 64 letras' }).waitFor();

    // The activity feed in Spanish words.
    await staff.openSection('activity');
    await page.locator('#events-list li', { hasText: 'compartió Escritura.pdf con Elena Ramírez' }).first().waitFor();
    await page.locator('#events-summary', { hasText: 'eventos del despacho' }).waitFor();

    // The switch: English at once, kept on this browser across a reload.
    await page.getByLabel('Idioma', { exact: true }).selectOption('en');
    await page.locator('#tab-activity', { hasText: 'Activity' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.reload();
    await page.locator('#events-summary', { hasText: 'firm events' }).waitFor();
    assert.equal(await page.getByLabel('Language', { exact: true }).inputValue(), 'en');
  },
  { locale: 'es-ES' },
);
