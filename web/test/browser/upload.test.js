// Uploading: a refused type never reaches the service; a PDF sent over a throttled link
// shows its progress, is checked by the S3 trigger and appears in the list as mine.

import assert from 'node:assert/strict';
import { portalTest } from './harness.js';
import { BUCKET_ORIGIN, createMatter, grantAccess, linkFromMail, newContact, pdfBytes } from './stack.js';
import { until } from './waits.js';

/** Bytes per second the upload is held to, so that its progress can be watched. */
const UPLOAD_THROUGHPUT = 100 * 1024;

portalTest(
  'an upload refuses a disallowed type before any request, and a throttled PDF shows its progress and then appears in the list as mine',
  async (portal, t) => {
    const { page, context } = portal;
    const matter = await createMatter('Purchase of 12 Elm Street');
    const contact = newContact('Uma Uploader');
    await grantAccess(matter.matterId, contact, { canDownload: true });

    const requests = [];
    page.on('request', (request) => requests.push({ method: request.method(), url: new URL(request.url()) }));
    const uploadIntents = () =>
      requests.filter((r) => r.method === 'POST' && /^\/portal\/matters\/[^/]+\/uploads$/.test(r.url.pathname));
    const bucketPuts = () => requests.filter((r) => r.method === 'PUT' && r.url.origin === BUCKET_ORIGIN);

    await portal.signInWith(await linkFromMail(contact.email));
    // The only matter is the upload target already.
    const target = page.getByLabel('Upload to');
    await until(async () => (await target.inputValue()) === matter.matterId, { what: 'the upload target' });

    // Nothing chosen yet: Upload is off and says why.
    assert.equal(await page.locator('#upload-start').isDisabled(), true, 'Upload is off before a file is chosen');
    await portal.screenshot('portal-desktop-upload-nothing-chosen');

    // 1. A program is refused in the page, with a message, and nothing is sent.
    const fileInput = page.getByLabel('Choose files');
    await fileInput.setInputFiles({
      name: 'setup.exe',
      mimeType: 'application/x-msdownload',
      buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2_046, 1)]),
    });
    const refused = page.locator('#upload-list li[data-upload-key]').filter({ hasText: 'setup.exe' });
    await refused.and(page.locator('[data-phase="invalid"]')).waitFor();
    assert.match(await refused.locator('.upload-status').textContent(), /“setup\.exe” is not a type of file you can upload here\./);
    await portal.waitForStatus(/“setup\.exe” is not a type of file you can upload here/);
    // Nothing can be sent: Upload stays off and says why.
    const uploadButton = page.getByRole('button', { name: 'Upload', exact: true });
    assert.equal(await uploadButton.isDisabled(), true, 'Upload is off with only a refused file chosen');
    assert.equal(await page.locator('#upload-start-hint').textContent(), 'Choose the files to upload first.');
    assert.equal(await refused.getAttribute('data-phase'), 'invalid');
    assert.deepEqual(uploadIntents(), [], 'no upload was requested for the refused file');
    assert.deepEqual(bucketPuts(), [], 'nothing was sent to the bucket');
    await refused.getByRole('button', { name: 'Remove' }).click();
    await refused.waitFor({ state: 'detached' });

    // 2. A PDF over a link held to 100 KB/s upstream.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: UPLOAD_THROUGHPUT,
    });
    // Every value the progress bar takes, sampled in the page.
    await page.evaluate(() => {
      window.__progressSeen = [];
      window.__progressSampler = setInterval(() => {
        const bar = document.querySelector('#upload-list progress');
        if (!bar) return;
        const seen = window.__progressSeen;
        if (seen[seen.length - 1] !== bar.value) seen.push(bar.value);
      }, 20);
    });

    const bytes = pdfBytes(300 * 1024, 'statement');
    const fileName = 'Signed statement.pdf';
    await fileInput.setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: bytes });
    const item = page.locator('#upload-list li[data-upload-key]').filter({ hasText: fileName });
    await item.and(page.locator('[data-phase="ready"]')).waitFor();
    await page.getByRole('button', { name: 'Upload', exact: true }).click();

    const bar = page.getByRole('progressbar', { name: `Upload progress of ${fileName}` });
    await bar.waitFor();
    await until(async () => (await page.evaluate(() => document.querySelector('#upload-list progress')?.value ?? 0)) >= 10, {
      timeout: 20_000,
      what: 'the upload to pass 10%',
    });
    await portal.screenshot('portal-desktop-upload-progress');

    await item.and(page.locator('[data-phase="attached"]')).waitFor({ timeout: 60_000 });
    const seen = await page.evaluate(() => {
      clearInterval(window.__progressSampler);
      return window.__progressSeen;
    });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    t.diagnostic(`progress values seen: ${seen.join(', ')}`);
    const before = seen.filter((v) => v < 100);
    assert.ok(
      new Set(before).size >= 3,
      `at least three progress values before completion, saw ${JSON.stringify(seen)}`,
    );
    assert.deepEqual(seen, [...seen].sort((a, b) => a - b), `progress never goes back: ${JSON.stringify(seen)}`);
    assert.equal(uploadIntents().length, 1, 'one upload requested');
    assert.equal(bucketPuts().length, 1, 'one PUT to the bucket');
    await portal.waitForStatus(/“Signed statement\.pdf” was uploaded and added to your documents\./, 30_000);

    // Attached by the S3 trigger: in the list, marked as mine.
    const row = portal.rowNamed(fileName);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-mine'), 'true');
    assert.equal(await row.getByText('Uploaded by you').count(), 1);
    assert.match(await row.locator('.doc-matter').textContent(), new RegExp(matter.title));
  },
);
