// Tasks on both faces: staff give a contact two tasks (one asking for a document back); the
// portal lists them with their due days; the contact marks one done and uploads the document
// the other asks for, which completes it once the service accepted the file; staff see both
// done per contact. Desktop and phone screenshots.

import assert from 'node:assert/strict';
import { consoleTest } from './console-harness.js';
import { PHONE } from './harness.js';
import { firmDay, linkFromMail, newContact, pdfBytes, uid } from './stack.js';
import { until } from './waits.js';

consoleTest('tasks given in the console are done in the portal, one by its requested upload', async (staff, { openPortal }) => {
  const { page } = staff;
  const matter = { matterId: `m-${uid()}`, title: `Estate of Chores ${uid()}` };
  const paula = newContact('Paula Portal');
  await staff.setUpMatter(matter);
  await staff.openSection('access');
  await staff.grant(paula, { canDownload: true });

  await staff.openSection('tasks');
  const form = page.locator('#task-form');
  await form.getByRole('button', { name: 'Give task' }).click();
  await form.locator('#task-title-error').waitFor();
  assert.match(await form.locator('#task-contactId-error').textContent(), /Choose whom/);
  const give = async (title, due, wanted) => {
    await form.locator('#task-contactId').selectOption({ label: paula.name });
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Due').fill(due);
    if (wanted) await form.getByLabel('Document to send back (optional)').fill(wanted);
    await form.getByRole('button', { name: 'Give task' }).click();
    await staff.waitForStatus(new RegExp(`“${title}” was given to Paula Portal`));
  };
  await give('Sign the engagement letter', firmDay(7), 'Signed engagement letter');
  await give('Call the office', firmDay(2));
  await give('Given by mistake', firmDay(3));
  const mistake = page.locator('.task-item').filter({ hasText: 'Given by mistake' });
  await mistake.getByRole('button', { name: /Withdraw/ }).click();
  await staff.waitForStatus(/“Given by mistake” was withdrawn/);
  await mistake.waitFor({ state: 'detached' });
  const group = page.locator('.task-group').filter({ hasText: paula.name });
  await until(async () => /2 open/.test(await group.locator('.task-counts').textContent()), { what: 'two open tasks' });
  await staff.screenshot('console-desktop-tasks', { fullPage: true });

  const portal = await openPortal();
  await portal.signInWith(await linkFromMail(paula.email));
  const list = portal.page.locator('#task-list');
  const letter = list.locator('li').filter({ hasText: 'Sign the engagement letter' });
  const call = list.locator('li').filter({ hasText: 'Call the office' });
  await letter.waitFor();
  assert.match(await portal.page.locator('.tasks-panel').textContent(), /2 tasks waiting for you/);
  assert.match(await letter.textContent(), /The firm asks for: Signed engagement letter/);
  assert.match(await call.locator('.task-due').textContent(), /^Due /);
  // The home says what needs her and lists what was shared, newest first.
  await until(async () => /2 tasks to do/.test(await portal.page.locator('#needs-list').textContent()), { what: 'the home names the tasks' });
  const shared = await portal.page.locator('#shared-list li').allTextContents();
  assert.equal(shared.length, 2);
  assert.match(shared[0], /Task\s*Call the office/);
  assert.match(shared[1], /Task\s*Sign the engagement letter/);
  await portal.screenshot('portal-desktop-tasks', { fullPage: true });
  await portal.screenshot('portal-phone-tasks', { viewport: PHONE, fullPage: true });

  await call.getByRole('button', { name: /Mark done/ }).click();
  await until(async () => (await call.locator('.badge').textContent()) === 'Done', { what: 'the call done' });
  await letter.getByLabel('Upload Signed engagement letter').setInputFiles({ name: 'Signed letter.pdf', mimeType: 'application/pdf', buffer: pdfBytes(5_000, 'signed') });
  await until(async () => (await letter.locator('.badge').textContent()) === 'Done', { what: 'the letter done by its upload', timeout: 60_000 });
  assert.match(await portal.page.locator('.tasks-panel').textContent(), /You have done every task/);
  await portal.page.locator('#needs-none').waitFor();
  await portal.page.locator('#documents-list').getByText('Signed letter.pdf').first().waitFor();

  await staff.openSection('documents');
  await staff.openSection('tasks');
  await until(async () => /2 done/.test(await group.locator('.task-counts').textContent()), { what: 'both done for staff' });
  assert.match(await group.textContent(), /Completed by an upload/);
  await staff.screenshot('console-desktop-tasks-done', { fullPage: true });
});
