// The session: the emailed token leaves the address bar and history, signing out ends it,
// a fresh sign-in link works in the same tab, and revocation signs an open page out on its
// next request.

import assert from 'node:assert/strict';
import { portalTest, PHONE, DESKTOP } from './harness.js';
import {
  PORTAL_URL,
  addDocument,
  createMatter,
  grantAccess,
  linkFromMail,
  newContact,
  portalCall,
  revokeAccess,
  share,
} from './stack.js';

const tokenOf = (link) => new URL(link).hash.replace(/^#invite=/, '');

/** A contact with one matter and one shared document. */
async function contactWithADocument(name) {
  const matter = await createMatter('Estate of Okafor');
  const contact = newContact(name);
  await grantAccess(matter.matterId, contact, { canDownload: false });
  const doc = await addDocument(matter.matterId, {
    fileName: 'Engagement letter.txt',
    contentType: 'text/plain',
    bytes: Buffer.from('Engagement letter.\n'),
  });
  await share(matter.matterId, [doc.documentId], [contact.contactId]);
  return { matter, contact, doc };
}

/** No entry of the tab's history holds the token (read through DevTools, every entry). */
async function assertTokenNotInHistory(portal, token) {
  const { page } = portal;
  assert.equal(await page.evaluate(() => location.hash), '', 'no fragment left');
  assert.ok(!page.url().includes(token), `the address has no token: ${page.url()}`);
  const cdp = await portal.context.newCDPSession(page);
  try {
    const { entries } = await cdp.send('Page.getNavigationHistory');
    const urls = entries.map((e) => e.url);
    assert.ok(urls.length >= 1);
    for (const url of urls) {
      assert.ok(!url.includes(token) && !url.includes('invite='), `history entry without the token: ${url}`);
    }
    return urls;
  } finally {
    await cdp.detach();
  }
}

portalTest(
  'the invitation token leaves the address and history after sign-in; sign out returns to the signed-out state; a new sign-in link works in the same tab',
  async (portal) => {
    const { page } = portal;
    const { contact } = await contactWithADocument('Tom Client');
    const link = await linkFromMail(contact.email);
    const token = tokenOf(link);
    assert.ok(token.length >= 16);

    await portal.signInWith(link);
    const urls = await assertTokenNotInHistory(portal, token);
    // The tab's first entry is the blank page it was created with; then the portal, once.
    assert.deepEqual(urls, ['about:blank', `${PORTAL_URL}/`], 'the portal entry, without the token');
    assert.equal(await page.evaluate(() => history.length), urls.length);
    const session = await portal.storedSession();
    assert.equal(session?.contact?.email, contact.email, 'signed in as the contact');
    assert.ok(!JSON.stringify(session).includes(token), 'the stored session is not the emailed token');
    assert.equal(await portalCall('GET', '/portal/documents', session.session), 200);

    // Sign out.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await portal.signInHeading().waitFor();
    assert.equal(await page.locator('#signed-out-message').textContent(), 'You have signed out.');
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
    assert.equal(await page.getByRole('list', { name: 'Your documents' }).count(), 0);
    assert.equal(await portal.storedSession(), null, 'nothing kept in the tab');
    assert.equal(await portalCall('GET', '/portal/documents', session.session), 401, 'the session ended at the service');
    await portal.screenshot('portal-desktop-signed-out', { viewport: DESKTOP });
    await portal.screenshot('portal-phone-signed-out', { viewport: PHONE, fullPage: true });

    // The old link is spent: a fresh one by email, opened in this same tab.
    await page.getByLabel('Email').fill(contact.email);
    await page.getByRole('button', { name: 'Send sign-in link' }).click();
    await page.locator('#link-sent').waitFor();
    assert.ok((await page.locator('#link-sent').textContent()).includes(`Check the inbox of ${contact.email}`));
    await portal.screenshot('portal-phone-link-sent', { viewport: PHONE });
    const again = await linkFromMail(contact.email, { subject: /sign-in link/ });
    const secondToken = tokenOf(again);
    assert.notEqual(secondToken, token);
    await portal.signInWith(again);
    await assertTokenNotInHistory(portal, secondToken);
    assert.deepEqual(await portal.documentNames(), ['Engagement letter.txt']);
  },
);

portalTest('a revoked contact’s open page shows the signed-out state on its next action', async (portal) => {
  const { page } = portal;
  const { matter, contact } = await contactWithADocument('Rita Revoked');
  await portal.signInWith(await linkFromMail(contact.email));
  assert.deepEqual(await portal.documentNames(), ['Engagement letter.txt']);

  await revokeAccess(matter.matterId, contact.contactId);
  portal.checks.allowFailedResource(401, /\/portal\/documents(\?|$)/, 'the list is asked for after revocation');

  // The next action: search again.
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await portal.signInHeading().waitFor();
  assert.match(
    await page.locator('#signed-out-message').textContent(),
    /^You have been signed out: your session ended or your access changed\./,
  );
  assert.equal(await page.getByRole('list', { name: 'Your documents' }).count(), 0, 'no documents left on screen');
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
  assert.equal(await portal.storedSession(), null);
  // Focus moved to the new view's heading.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main-heading');
});
