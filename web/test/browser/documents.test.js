// From the invitation email to the signed-in list: exactly what was shared, with the matter
// titles; search, sort and the matter filter change what is shown.

import assert from 'node:assert/strict';
import { portalTest, PHONE, DESKTOP } from './harness.js';
import { addDocument, createMatter, grantAccess, linkFromMail, newContact, pdfBytes, share } from './stack.js';
import { untilEqual } from './waits.js';

portalTest(
  'an invitation link signs the contact in to exactly the documents shared with them, with their matter titles; search, sort and matter filter change the list',
  async (portal) => {
    const { page } = portal;
    const estate = await createMatter('Estate of Rivera');
    const lease = await createMatter('Harbor Street lease');
    const contact = newContact('Jane Rivera');
    await grantAccess(estate.matterId, contact, { canDownload: true });
    await grantAccess(lease.matterId, contact, { canDownload: false });

    const alpha = await addDocument(estate.matterId, {
      fileName: 'Alpha will draft.pdf',
      contentType: 'application/pdf',
      bytes: pdfBytes(4_000, 'alpha'),
    });
    const charlie = await addDocument(estate.matterId, {
      fileName: 'Charlie memo.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('Memo about the estate.\n'),
    });
    const unshared = await addDocument(estate.matterId, {
      fileName: 'Delta internal notes.pdf',
      contentType: 'application/pdf',
      bytes: pdfBytes(2_000, 'delta'),
    });
    const bravo = await addDocument(lease.matterId, {
      fileName: 'Bravo lease.pdf',
      contentType: 'application/pdf',
      bytes: pdfBytes(3_000, 'bravo'),
    });
    await share(estate.matterId, [alpha.documentId, charlie.documentId], [contact.contactId]);
    await share(lease.matterId, [bravo.documentId], [contact.contactId]);

    // Two grants, two invitations: the newest link signs in to both matters.
    const link = await linkFromMail(contact.email, { count: 2 });
    await portal.signInWith(link);

    const shared = [alpha, bravo, charlie];
    const byName = (names) => [...names].sort();
    await untilEqual(() => portal.documentNames().then(byName), byName(shared.map((d) => d.fileName)), {
      what: 'the documents listed (any order)',
    });
    assert.equal(await portal.row(unshared.documentId).count(), 0, 'the unshared document is not listed');
    assert.equal(await portal.rowNamed(unshared.fileName).count(), 0, 'nor anything by its name');

    const titleOf = new Map([
      [alpha.documentId, estate.title],
      [charlie.documentId, estate.title],
      [bravo.documentId, lease.title],
    ]);
    for (const doc of shared) {
      const matter = (await portal.row(doc.documentId).locator('.doc-matter').textContent()).replace(/^Matter:\s*/, '');
      assert.equal(matter.trim(), titleOf.get(doc.documentId), `the matter title shown for ${doc.fileName}`);
    }
    // The view-only matter's document says so and offers no download; the other two do.
    assert.equal(await portal.row(bravo.documentId).getByText('View only').count(), 1);
    assert.equal(await portal.row(bravo.documentId).getByRole('button', { name: 'Download' }).count(), 0);
    assert.equal(await portal.row(alpha.documentId).getByRole('button', { name: 'Download' }).count(), 1);
    // The contact's matters, in the side panel. They come from their own request
    // (GET /portal/matters), which may finish after the documents' one.
    await untilEqual(
      () => page.locator('#matter-list .matter-title').allTextContents().then(byName),
      byName([estate.title, lease.title]),
      { what: 'the matter titles in the side panel (any order)' },
    );

    await portal.screenshot('portal-desktop-documents', { viewport: DESKTOP });
    await portal.screenshot('portal-phone-documents', { viewport: PHONE, fullPage: true });

    // Sort by name, both ways.
    const sort = page.getByLabel('Sort');
    await sort.selectOption({ label: 'Name, A to Z' });
    await untilEqual(() => portal.documentNames(), ['Alpha will draft.pdf', 'Bravo lease.pdf', 'Charlie memo.txt'], {
      what: 'names A to Z',
    });
    await sort.selectOption({ label: 'Name, Z to A' });
    await untilEqual(() => portal.documentNames(), ['Charlie memo.txt', 'Bravo lease.pdf', 'Alpha will draft.pdf'], {
      what: 'names Z to A',
    });

    // A search narrows the list (case-insensitive, part of the name), and clearing it widens it.
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('MEMO');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await untilEqual(() => portal.documentNames(), ['Charlie memo.txt'], { what: 'names matching "MEMO"' });
    await portal.waitForStatus(/1 document matching “MEMO”/);
    await search.fill('lea');
    await untilEqual(() => portal.documentNames(), ['Bravo lease.pdf'], { what: 'names matching "lea" (typed)' });
    await search.fill('');
    await untilEqual(() => portal.documentNames(), ['Charlie memo.txt', 'Bravo lease.pdf', 'Alpha will draft.pdf'], {
      what: 'all names again, still Z to A',
    });

    // The matter filter keeps one matter's documents.
    await page.getByLabel('Matter').selectOption({ label: estate.title });
    await untilEqual(() => portal.documentNames(), ['Charlie memo.txt', 'Alpha will draft.pdf'], {
      what: `names in ${estate.title}`,
    });
  },
);
