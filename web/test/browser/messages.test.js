// Secure messages on both faces: staff write to a contact with a matter document attached,
// the contact sees the unread badge, opens the conversation (the message marked new, its link
// clickable, its attachment openable), replies with a file of their own; staff see the reply
// unread, the read receipt on their message, the contact's portal events interleaved, and
// delete a message, which leaves the portal. Desktop and phone screenshots of both faces.

import assert from 'node:assert/strict';
import { consoleTest } from './console-harness.js';
import { PHONE } from './harness.js';
import { linkFromMail, newContact, pdfBytes, uid } from './stack.js';
import { until } from './waits.js';

consoleTest('staff and a contact exchange messages with attachments, receipts and portal events', async (staff, { openPortal }) => {
  const { page } = staff;
  const matter = { matterId: `m-${uid()}`, title: `Estate of Marsh ${uid()}` };
  const paula = newContact('Paula Portal');
  await staff.setUpMatter(matter);
  await staff.openSection('access');
  await staff.grant(paula, { canDownload: true });
  await staff.openSection('documents');
  const letter = 'Draft will.pdf';
  await staff.uploadFirmDocuments([{ name: letter, mimeType: 'application/pdf', buffer: pdfBytes(4_000, 'will') }]);

  // Staff write with the document attached (shared with Paula by the post).
  await staff.openSection('messages');
  await page.locator(`#conversation-list li[data-contact-id="${paula.contactId}"] button`).click();
  await page.locator('#no-messages').waitFor();
  await page.getByLabel(`Message to ${paula.name}`).fill('Hello Paula,\nthe draft is attached. Terms: https://example.com/terms');
  await page.locator('#message-document').selectOption({ label: letter });
  await page.locator('#message-send').click();
  await staff.waitForStatus(/Sent to Paula Portal/);
  const sent = page.locator('.chat-message.mine').first();
  await sent.waitFor();
  assert.equal((await sent.locator('.receipt').textContent()).trim(), 'Not read yet');

  // Paula signs in: the matter's Messages shows one unread.
  const portal = await openPortal();
  await portal.signInWith(await linkFromMail(paula.email));
  const badge = portal.page.locator('.messages-button .unread-badge');
  await badge.waitFor();
  assert.equal((await badge.textContent()).trim(), '1');
  await portal.screenshot('portal-desktop-messages-badge', { fullPage: true });
  await portal.page.locator('.messages-button').click();
  const incoming = portal.page.locator('.chat-message.theirs').first();
  await incoming.waitFor();
  assert.equal(await incoming.locator('.new-badge').count(), 1, 'marked new');
  const link = incoming.locator('.message-text a');
  assert.equal(await link.getAttribute('href'), 'https://example.com/terms');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  assert.equal(await incoming.locator('.message-text p').count(), 2, 'the line break kept');
  assert.match(await incoming.locator('.attachment button').textContent(), /Draft will\.pdf/);
  await portal.screenshot('portal-desktop-messages', { fullPage: true });
  await portal.screenshot('portal-phone-messages', { viewport: PHONE, fullPage: true });
  // Opened: the badge goes once the conversations are read again.
  await until(async () => (await portal.page.locator('.messages-button .unread-badge').count()) === 0, { what: 'the badge cleared' });

  // Paula replies with a file of hers, through the upload pipeline.
  await portal.page.getByLabel('Your message to the firm').fill('Signed and returned.');
  await portal.page.getByLabel('Attach a file (optional, one)').setInputFiles({ name: 'Signed will.pdf', mimeType: 'application/pdf', buffer: pdfBytes(6_000, 'signed') });
  await portal.page.locator('#message-send').click();
  const reply = portal.page.locator('.chat-message.mine').filter({ hasText: 'Signed and returned.' });
  await reply.waitFor({ timeout: 60_000 });
  assert.match(await reply.locator('.attachment').textContent(), /Signed will\.pdf/);

  // Staff: the reply is unread in the list; opened, their own message shows when it was read.
  await staff.openSection('documents');
  await staff.openSection('messages');
  const row = page.locator(`#conversation-list li[data-contact-id="${paula.contactId}"]`);
  await until(async () => /1 unread/.test(await row.textContent()), { what: 'one unread for staff' });
  await staff.screenshot('console-desktop-messages-list', { fullPage: true });
  await row.locator('button').click();
  await page.locator('.chat-message.theirs').filter({ hasText: 'Signed and returned.' }).waitFor();
  assert.match(await page.locator('.chat-message.mine .receipt').first().textContent(), /^Read /);
  await page.locator('#show-portal-events').check();
  await page.locator('.thread-event').first().waitFor();
  assert.ok((await page.locator('.thread-event').allTextContents()).some((t) => /signed in/.test(t)), 'the sign-in among the events');
  await staff.screenshot('console-desktop-messages', { fullPage: true });
  await staff.screenshot('console-phone-messages', { viewport: PHONE, fullPage: true });

  // Staff delete their message, with confirmation: gone from the portal.
  await page.locator('.chat-message.mine').first().getByRole('button', { name: 'Delete' }).click();
  await page.locator('#delete-message').getByRole('button', { name: 'Delete message' }).click();
  await staff.waitForStatus(/The message was deleted/);
  await portal.page.locator('#back-to-documents').click();
  await portal.page.locator('.messages-button').click();
  await portal.page.locator('.chat-message.mine').filter({ hasText: 'Signed and returned.' }).waitFor();
  assert.equal(await portal.page.locator('.chat-message.theirs').count(), 0, 'the deleted message is gone');
});
