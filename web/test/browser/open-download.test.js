// Open (a new tab at the bucket's presigned URL, inline) and Download (the presigned URL as
// an attachment, the very bytes uploaded); a view-only contact gets no Download, a download
// forced past the page is refused by the service with a message in the page, and their PDF
// opens as a copy stamped with their name, address and the time on every page.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { PHONE, portalTest } from './harness.js';
import {
  BUCKET_ORIGIN,
  PORTAL_URL,
  addDocument,
  createMatter,
  grantAccess,
  letterPdf,
  linkFromMail,
  newContact,
  pdfBytes,
  share,
  uid,
} from './stack.js';

/** A contact with one matter and the given documents shared, signed in in `portal`. */
async function signedInWith(portal, { canDownload, documents }) {
  const matter = await createMatter('Smith v. Jones');
  const contact = newContact('Sam Client');
  await grantAccess(matter.matterId, contact, { canDownload });
  const added = [];
  for (const doc of documents) added.push(await addDocument(matter.matterId, doc));
  await share(
    matter.matterId,
    added.map((d) => d.documentId),
    [contact.contactId],
  );
  await portal.signInWith(await linkFromMail(contact.email));
  return { matter, contact, documents: added };
}

const isPresignedGet = (url) => url.origin === BUCKET_ORIGIN && url.searchParams.has('X-Amz-Signature');

portalTest(
  'a view-only contact sees no Download; Open shows the document inline from the bucket; a forced download is refused with a message',
  async (portal) => {
    const { page } = portal;
    const text = `Case notes ${uid()}\nOnly to be read.\n`;
    const {
      documents: [notes],
    } = await signedInWith(portal, {
      canDownload: false,
      documents: [{ fileName: 'Case notes.txt', contentType: 'text/plain', bytes: Buffer.from(text) }],
    });

    const row = portal.row(notes.documentId);
    await row.waitFor();
    assert.equal(await row.getByText('View only').count(), 1, 'the row says View only');
    assert.match(await page.locator('#view-only-meaning').textContent(), /no download[\s\S]*still receives a copy/, 'and what it promises');
    assert.equal(await row.getByRole('button', { name: 'Download' }).count(), 0, 'no Download button');
    assert.equal(await page.getByRole('button', { name: 'Download' }).count(), 0, 'no Download anywhere');

    // Open: a new tab, sent to the presigned GET on the bucket, inline. The browser itself
    // asks the bucket for /favicon.ico there (404 from the emulator, 403 from S3): not a page error.
    portal.checks.allowFailedResource(
      404,
      new RegExp(`^${BUCKET_ORIGIN.replace(/[.]/g, '\\.')}/favicon\\.ico$`),
      'the browser asks the bucket for a favicon',
    );
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      row.getByRole('button', { name: 'Open' }).click(),
    ]);
    await popup.waitForURL((url) => isPresignedGet(url));
    const opened = new URL(popup.url());
    assert.equal(opened.origin, BUCKET_ORIGIN, 'the tab shows the bucket');
    const disposition = opened.searchParams.get('response-content-disposition') ?? '';
    assert.match(disposition, /^inline\b/, `the link asks for inline display: ${disposition}`);
    assert.match(disposition, /Case notes\.txt/);
    await popup.waitForLoadState('load');
    assert.equal(await popup.evaluate(() => window.opener), null, 'the tab cannot reach back into the portal');
    assert.equal((await popup.evaluate(() => document.body.innerText)).trim(), text.trim(), 'the tab shows the document');
    // The portal page stays where it was and says what happened.
    assert.equal(new URL(page.url()).origin, PORTAL_URL);
    await portal.waitForStatus(/Opened “Case notes\.txt” in a new tab\./);
    await popup.close();

    // A forced download. The page offers no Download here, so the test plays a tampered
    // client: the list's answer is rewritten to claim canDownload, which makes the page show
    // its Download button; pressing it sends the page's own request to the real service.
    const isList = (url) => url.origin === PORTAL_URL && url.pathname === '/portal/documents';
    await page.route(isList, async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      for (const item of body.items ?? []) item.canDownload = true;
      await route.fulfill({ response, json: body });
    });
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const forged = row.getByRole('button', { name: 'Download' });
    await forged.waitFor();
    portal.checks.allowFailedResource(
      403,
      new RegExp(`/portal/documents/${notes.documentId}/links$`),
      'the service refuses a view-only download',
    );
    const downloads = [];
    page.on('download', (download) => downloads.push(download));
    const [answer] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith(`/portal/documents/${notes.documentId}/links`),
      ),
      forged.click(),
    ]);
    assert.deepEqual(answer.request().postDataJSON(), { disposition: 'download' });
    assert.equal(answer.status(), 403, 'the service refuses the download');
    assert.equal((await answer.json()).error?.code, 'forbidden');
    const message = await portal.waitForStatus(/but not download it/);
    assert.match(message, /You can view “Case notes\.txt” but not download it\. Ask the firm if you need a copy\./);
    assert.equal(await page.locator('#status [data-tone="error"]').count(), 1, 'shown as an error');
    // Still signed in, the list still there, nothing opened or downloaded.
    await page.unroute(isList);
    assert.equal(await portal.documentsHeading().count(), 1);
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 1);
    assert.deepEqual(await portal.documentNames(), ['Case notes.txt']);
    assert.equal(portal.context.pages().length, 1, 'no tab left open');
    assert.equal(downloads.length, 0, 'nothing downloaded');
  },
);

portalTest(
  'a view-only PDF opens as a copy stamped on every page with the contact, never the original',
  async (portal) => {
    const { page } = portal;
    const letter = letterPdf(3);
    const {
      contact,
      documents: [doc],
    } = await signedInWith(portal, {
      canDownload: false,
      documents: [{ fileName: 'Letter.pdf', contentType: 'application/pdf', bytes: letter }],
    });
    const row = portal.row(doc.documentId);
    await row.waitFor();
    assert.match(
      await page.locator('#view-only-meaning').textContent(),
      /A PDF from the firm opens as a copy stamped on every page with your name, email address and the time\./,
      'the page says what view-only promises',
    );
    // Headless Chromium saves a PDF rather than showing it: the tab may end in a download.
    portal.context.on('page', (tab) => tab.on('download', (d) => d.cancel().catch(() => {})));
    const [answer, popup] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/portal/documents/${doc.documentId}/stamped-links`)),
      page.waitForEvent('popup'),
      row.getByRole('button', { name: 'Open' }).click(),
    ]);
    assert.equal(answer.status(), 200, 'the page asks for the stamped copy');
    const url = new URL((await answer.json()).url);
    assert.ok(isPresignedGet(url), `a presigned GET on the bucket: ${url}`);
    assert.match(url.pathname, /\/stamps\//, 'of the stamped copy');
    assert.match(url.searchParams.get('response-content-disposition') ?? '', /^inline\b.*Letter\.pdf/);
    await portal.waitForStatus(/Opened “Letter\.pdf” in a new tab\./);
    await popup.close().catch(() => {});
    await portal.screenshot('portal-phone-view-only', { viewport: PHONE, fullPage: true });

    // What the tab was sent: the letter, every page stamped with the contact's words.
    const copy = Buffer.from(await (await fetch(url)).arrayBuffer()).toString('latin1');
    assert.notEqual(copy, letter.toString('latin1'), 'not the original');
    const stamped = copy.match(new RegExp(`Opened view-only by ${contact.name} <${contact.email.replace(/[.+]/g, '\\$&')}> on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC`, 'g')) ?? [];
    assert.equal(stamped.length, 3, 'one footer line on each of the three pages');
    for (const n of [1, 2, 3]) assert.ok(copy.includes(`Page ${n} of the letter`), `page ${n} kept`);

    // Where the page does not know the permission (a message's attachment, a bill's PDF, here
    // a list answer without it), the plain link's refusal sends it to the stamped copy.
    const isList = (u) => u.origin === PORTAL_URL && u.pathname === '/portal/documents';
    await page.route(isList, async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      for (const item of body.items ?? []) {
        delete item.canDownload;
        item.fileName = 'Letter (permission not said).pdf'; // to see the rewritten list shown
      }
      await route.fulfill({ response, json: body });
    });
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await row.getByText('Letter (permission not said).pdf').waitFor();
    portal.checks.allowFailedResource(403, new RegExp(`/portal/documents/${doc.documentId}/links$`), 'the original is refused');
    const [refused, again, second] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/portal/documents/${doc.documentId}/links`)),
      page.waitForResponse((r) => r.url().endsWith(`/portal/documents/${doc.documentId}/stamped-links`)),
      page.waitForEvent('popup'),
      row.getByRole('button', { name: 'Open' }).click(),
    ]);
    assert.equal(refused.status(), 403, 'the plain link refuses the original');
    assert.equal(again.status(), 200, 'then the stamped copy');
    // The same copy within the hour (the key's hour part differs only across an hour's end).
    const hourOf = (path) => path.split('-').at(-2);
    const path = new URL((await again.json()).url).pathname;
    assert.ok(path === url.pathname || hourOf(path) !== hourOf(url.pathname), `${path} reuses ${url.pathname}`);
    await second.close().catch(() => {});
    await page.unroute(isList);
  },
);

portalTest(
  'a contact allowed to download gets the presigned attachment link and the exact bytes that were uploaded',
  async (portal) => {
    const { page, context } = portal;
    const bytes = pdfBytes(48_213, 'contract');
    const {
      documents: [contract],
    } = await signedInWith(portal, {
      canDownload: true,
      documents: [{ fileName: 'Signed contract.pdf', contentType: 'application/pdf', bytes }],
    });

    // moto serves the object but ignores response-content-disposition, which S3 turns into
    // the Content-Disposition header. The test stands in for S3 on that one point: the
    // browser's own request goes to moto, and when its answer comes back (DevTools Fetch, at
    // the response stage) the header the signed parameter asks for is added, body untouched,
    // so the browser treats the answer as S3's would make it: a download. (Playwright's
    // route.fetch would fetch from node instead, while the browser holds a preconnected
    // socket that the one-request-at-a-time emulator waits on.)
    const seen = [];
    const interceptFailures = [];
    const cdp = await context.newCDPSession(page);
    cdp.on('Fetch.requestPaused', async (event) => {
      try {
        const url = new URL(event.request.url);
        seen.push({ url, status: event.responseStatusCode });
        const disposition = url.searchParams.get('response-content-disposition');
        if (event.responseStatusCode === undefined || !disposition) {
          await cdp.send('Fetch.continueRequest', { requestId: event.requestId });
          return;
        }
        const responseHeaders = (event.responseHeaders ?? []).filter(
          (h) => h.name.toLowerCase() !== 'content-disposition',
        );
        responseHeaders.push({ name: 'Content-Disposition', value: disposition });
        await cdp.send('Fetch.continueResponse', {
          requestId: event.requestId,
          responseCode: event.responseStatusCode,
          responseHeaders,
        });
      } catch (error) {
        interceptFailures.push(error);
      }
    });
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `${BUCKET_ORIGIN}/*`, requestStage: 'Response' }] });

    const row = portal.row(contract.documentId);
    const button = row.getByRole('button', { name: 'Download' });
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);

    const url = new URL(download.url());
    assert.ok(isPresignedGet(url), `a presigned GET on the bucket: ${url}`);
    assert.ok(url.pathname.includes(contract.documentId), 'the link is for this document');
    const disposition = url.searchParams.get('response-content-disposition') ?? '';
    assert.match(disposition, /^attachment\b/, `the link asks for an attachment: ${disposition}`);
    assert.match(disposition, /Signed contract\.pdf/);
    assert.equal(download.suggestedFilename(), 'Signed contract.pdf');
    assert.deepEqual(interceptFailures, []);
    assert.equal(seen.length, 1, 'one request to the bucket');
    assert.equal(seen[0].status, 200, 'the bucket served the object');
    await cdp.detach();

    const saved = await readFile(await download.path());
    assert.ok(saved.equals(bytes), 'the downloaded file is the uploaded bytes');
    const direct = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    assert.equal(direct.status, 200);
    assert.ok(Buffer.from(await direct.arrayBuffer()).equals(bytes), 'the presigned URL serves the uploaded bytes');

    // The page stayed, signed in, and said so.
    await portal.waitForStatus(/Downloading “Signed contract\.pdf”\./);
    assert.equal(new URL(page.url()).origin, PORTAL_URL);
    assert.equal(await portal.documentsHeading().count(), 1);
    assert.equal(context.pages().length, 1, 'no other tab');
  },
);
