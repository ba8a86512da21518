// Bills on both faces: staff create a bill (past due, with the matter's PDF) and a trust
// request, send both to a contact with a note; the contact's portal shows what they owe
// first, Past Due in red, amounts formatted, the note, the PDF and Pay; staff mark the bill
// paid and the portal shows it at once, with no re-send. Desktop and phone screenshots.

import assert from 'node:assert/strict';
import { consoleTest } from './console-harness.js';
import { PHONE } from './harness.js';
import { BUCKET_ORIGIN, firmDay, linkFromMail, newContact, uid } from './stack.js';
import { until } from './waits.js';

consoleTest('a bill and a trust request sent in the console reach the contact with their status, and an edit shows at once', async (staff, { openPortal }) => {
  const { page } = staff;
  const matter = { matterId: `m-${uid()}`, title: `Estate of Billing ${uid()}` };
  const paula = newContact('Paula Portal');
  await staff.setUpMatter(matter);
  await staff.openSection('access');
  await staff.grant(paula, { canDownload: true });
  await staff.openSection('documents');
  await staff.uploadFirmDocuments([
    { name: 'Bill 1042.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.7\n% bill ${uid()}\n`) },
  ]);

  await staff.openSection('bills');
  const form = page.locator('#bill-form');
  // Refused before any request: no number, a due date before the issue date.
  await form.getByLabel('Issued on').fill(firmDay(-10));
  await form.getByLabel('Due on').fill(firmDay(-20));
  await form.getByRole('button', { name: 'Create bill' }).click();
  await form.locator('#bill-number-error').waitFor();
  assert.match(await form.locator('#bill-dueOn-error').textContent(), /cannot be before the issue date/);

  await form.getByLabel('Bill number').fill('1042');
  await form.getByLabel('Issued on').fill(firmDay(-30));
  await form.getByLabel('Due on').fill(firmDay(-1));
  await form.getByLabel('Total', { exact: true }).fill('1,250.00');
  await form.getByLabel('Balance due (empty: the total)').fill('1000');
  await form.getByLabel('PDF (optional)').selectOption({ label: 'Bill 1042.pdf' });
  await form.getByRole('button', { name: 'Create bill' }).click();
  await staff.waitForStatus(/Bill 1042 was created/);
  await form.getByLabel('Funds into trust').check();
  await form.getByLabel('Request reference').fill('R-7');
  await form.getByLabel('Issued on').fill(firmDay(-1));
  await form.getByLabel('Due on').fill(firmDay(14));
  await form.getByLabel('Total', { exact: true }).fill('5000');
  await form.getByRole('button', { name: 'Create trust request' }).click();
  await staff.waitForStatus(/Trust request R-7 was created/);

  const row = (label) => page.locator('#bills-table tbody tr').filter({ hasText: label });
  assert.equal(await row('Bill 1042').locator('.bill-status').textContent(), 'Past Due');
  assert.equal(await row('Trust request R-7').locator('.bill-status').textContent(), 'Requested');
  assert.equal(await row('Bill 1042').locator('.bill-balance').textContent(), '$1,000.00');
  await page.getByLabel('Bill 1042').check();
  await page.getByLabel('Trust request R-7').check();
  await page.locator(`#bill-to-${paula.contactId}`).check();
  await page.locator('#bill-note').fill('Your December statement and the retainer top-up.');
  await page.getByRole('button', { name: 'Send 2 bills' }).click();
  await staff.waitForStatus(/Sent: 2 bills to 1 contact/);
  await until(async () => /Paula Portal/.test(await row('Bill 1042').textContent()), { what: 'sent to Paula' });
  await staff.screenshot('console-desktop-bills', { fullPage: true });

  // Paula: what she owes, past due first and in red; the amount, the note, the PDF and Pay.
  const portal = await openPortal();
  await portal.signInWith(await linkFromMail(paula.email));
  const bills = portal.page.locator('#bill-list');
  await bills.waitFor();
  const items = bills.locator('li.bill-item');
  assert.equal(await items.count(), 2);
  const first = items.nth(0);
  assert.match(await first.locator('.bill-label').textContent(), /Bill 1042/);
  assert.equal(await first.locator('.bill-status').textContent(), 'Past Due');
  const color = await first.locator('.bill-status').evaluate((el) => getComputedStyle(el).color);
  assert.equal(color, 'rgb(161, 29, 29)', 'Past Due in red');
  assert.match(await first.locator('.bill-amount').textContent(), /\$1,000\.00\s+of \$1,250\.00/);
  assert.match(await first.locator('.bill-note').textContent(), /December statement/);
  assert.match(await first.getByRole('link', { name: /Pay/ }).getAttribute('href'), /^https:\/\/pay\.example\.com\/local-law\/bills\/[0-9a-f]{32}$/);
  assert.equal(await items.nth(1).locator('.bill-status').textContent(), 'Requested');
  assert.equal(await items.nth(1).getByRole('link', { name: /Pay/ }).count(), 0, 'trust funds are not paid by card');
  // The PDF opens from the bucket in a new tab: it was shared with Paula when the bill went.
  portal.checks.allowFailedResource(404, new RegExp(`^${BUCKET_ORIGIN.replace(/[.]/g, '\\.')}/favicon\\.ico$`), 'the browser asks the bucket for a favicon');
  const [popup] = await Promise.all([portal.page.waitForEvent('popup'), first.getByRole('button', { name: /Open PDF/ }).click()]);
  await popup.waitForURL((url) => url.origin === BUCKET_ORIGIN);
  await popup.close();
  await portal.waitForStatus(/Opened “Bill 1042\.pdf” in a new tab/);
  await portal.screenshot('portal-desktop-bills', { fullPage: true });
  await portal.screenshot('portal-phone-bills', { viewport: PHONE, fullPage: true });

  // Staff mark it paid: Paula's next look shows Paid and no Pay, with nothing sent again.
  await row('Bill 1042').getByRole('button', { name: /Edit/ }).click();
  await row('Bill 1042').locator(`#balance-${await row('Bill 1042').getAttribute('data-bill-id')}`).fill('0');
  await row('Bill 1042').getByRole('button', { name: 'Save' }).click();
  await staff.waitForStatus(/Bill 1042 was saved; contacts see it now/);
  await until(async () => (await row('Bill 1042').locator('.bill-status').textContent()) === 'Paid', { what: 'paid in the console' });
  await portal.page.reload();
  await bills.waitFor();
  const paid = bills.locator('li.bill-item').filter({ hasText: 'Bill 1042' });
  assert.equal(await paid.locator('.bill-status').textContent(), 'Paid');
  assert.equal(await paid.getByRole('link', { name: /Pay/ }).count(), 0);
  assert.equal(await bills.locator('li.bill-item').first().locator('.bill-status').textContent(), 'Requested', 'what is owed comes first');
});
