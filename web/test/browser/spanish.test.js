// The portal in Spanish at phone width: signed out it follows the browser's language (es-ES),
// signed in the contact's own (staff chose Spanish on the grant); every text the page shows
// comes from the Spanish catalog, refusals and errors included.

import assert from 'node:assert/strict';
import { portalTest, PHONE } from './harness.js';
import { addDocument, createMatter, grantAccess, linkFromMail, newContact, pdfBytes, revokeAccess, share } from './stack.js';

portalTest(
  'a Spanish-speaking contact uses the portal in Spanish on a phone',
  async (portal) => {
    const { page } = portal;

    // Signed out: the browser's language.
    await portal.gotoSignedOut();
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    assert.match(await page.locator('#main-heading').innerText(), /^Acceda al portal de clientes/);
    await page.getByRole('button', { name: 'Enviar enlace de acceso' }).click();
    await page.locator('#email-error', { hasText: 'Escriba su dirección de correo, por ejemplo nombre@ejemplo.com.' }).waitFor();
    await portal.screenshot('portal-phone-sign-in-es', { viewport: PHONE });

    // Signed in: the contact's language, as staff set it on the grant.
    const matter = await createMatter('Sucesión de Ramírez');
    const contact = newContact('Elena Ramírez');
    await grantAccess(matter.matterId, contact, { canDownload: false, language: 'es' });
    const deed = await addDocument(matter.matterId, { fileName: 'Escritura.pdf', contentType: 'application/pdf', bytes: pdfBytes(3_000, 'escritura') });
    await share(matter.matterId, [deed.documentId], [contact.contactId]);
    await portal.signInWith(await linkFromMail(contact.email, { subject: /le invitó/ }));

    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Sus documentos');
    await page.locator('#documents-summary', { hasText: '1 documento' }).waitFor();
    const row = portal.row(deed.documentId);
    assert.match(await row.innerText(), /Nuevo/i);
    assert.match(await row.innerText(), /Solo lectura/);
    assert.match(await page.locator('#needs-list').innerText(), /1 documento nuevo o actualizado por revisar/);
    assert.equal(await page.getByLabel('Idioma', { exact: true }).inputValue(), 'es');

    // A refusal the page makes before any request, in Spanish.
    await page.getByLabel('Elegir archivos').setInputFiles({ name: 'programa.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ\0\0') });
    await page.locator('.upload-item', { hasText: '«programa.exe» no es un tipo de archivo que pueda subir aquí.' }).waitFor();

    await portal.screenshot('portal-phone-es', { viewport: PHONE, fullPage: true });

    // Searching says what it found in Spanish.
    await page.getByLabel('Buscar', { exact: true }).fill('nada');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.locator('#documents-empty', { hasText: 'Ningún documento coincide con «nada».' }).waitFor();

    // What the service answers, said in Spanish: access ended, so the next action signs out.
    await revokeAccess(matter.matterId, contact.contactId);
    portal.checks.allowFailedResource(401, /\/portal\/documents(\?|$)/, 'the list is asked for after revocation');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.locator('#signed-out-message', { hasText: 'Se ha cerrado su sesión' }).waitFor();
    assert.match(await page.locator('#main-heading').innerText(), /^Acceda al portal de clientes/);
  },
  { viewport: PHONE, locale: 'es-ES' },
);
