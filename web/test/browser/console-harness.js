// The staff console as the browser tests drive it: a Portal tab (same checks, screenshots and
// status helpers) opened at /console/, signed in with the local stack's staff token (the dev
// server's /console/config.local.json), plus the steps a member of staff takes.

import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { test } from 'node:test';
import { Portal, ARTIFACTS, DESKTOP } from './harness.js';
import { PORTAL_URL } from './stack.js';
import { until } from './waits.js';

const TEST_TIMEOUT = 240_000;

export class StaffConsole extends Portal {
  /** Opens the console at a route and waits for its heading. */
  async goto(hash = '#/') {
    await this.page.goto(`${PORTAL_URL}/console/${hash}`);
    await this.page.locator('#main-heading').waitFor();
  }

  /** Screenshots without the status message over the page (failures keep it). */
  async screenshot(name, options = {}) {
    if (!name.startsWith('failed-')) {
      const dismiss = this.page.locator('.notice-area .dismiss');
      const modal = await this.page.locator('dialog[open]').count();
      if (!modal && (await dismiss.count())) await dismiss.click();
    }
    return super.screenshot(name, options);
  }

  heading() {
    return this.page.locator('#main-heading');
  }

  /** Sets up a matter through the "Set up a matter" form; lands on its Access section. */
  async setUpMatter({ matterId, title }) {
    const { page } = this;
    // Setting up first asks whether the id is taken: a 404 is the expected answer.
    this.checks.allowFailedResource(404, new RegExp(`/matters/${matterId}$`), 'set-up checks the id is free');
    await this.goto('#/new');
    await page.getByLabel('Matter id').fill(matterId);
    await page.getByLabel('Matter title').fill(title);
    await page.locator('#settings-save').click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await this.waitForStatus(/is set up/);
    assert.equal(await page.locator('#tab-access').getAttribute('aria-current'), 'page');
  }

  /** Opens a section of the current matter by its tab. */
  async openSection(name) {
    const tab = this.page.locator(`#tab-${name}`);
    await tab.click();
    await until(async () => (await tab.getAttribute('aria-current')) === 'page', { what: `the ${name} tab` });
  }

  /** Gives a contact access with the grant form. */
  async grant(contact, { canDownload }) {
    const form = this.page.locator('#grant-form');
    await form.getByLabel('Contact id').fill(contact.contactId);
    await form.getByLabel('Contact name').fill(contact.name);
    await form.getByLabel('Sign-in address').fill(contact.email);
    await form.getByLabel('Can download').setChecked(canDownload);
    await form.getByRole('button', { name: /Give access/ }).click();
    await this.waitForStatus(new RegExp(`${contact.name} was given access`));
    await this.accessRow(contact.contactId).waitFor();
  }

  accessRow(contactId) {
    return this.page.locator(`#access-table tr[data-contact-id="${contactId}"]`);
  }

  /** The Access row's shared count, as shown. */
  async sharedCount(contactId) {
    return Number((await this.accessRow(contactId).locator('.shared-count').textContent()).trim());
  }

  documentRow(documentId) {
    return this.page.locator(`#documents-table tr[data-document-id="${documentId}"]`);
  }

  documentRowNamed(fileName) {
    return this.page.locator('#documents-table tbody tr').filter({ has: this.page.locator('.doc-file-name', { hasText: fileName }) });
  }

  /** Uploads files from the Documents section and waits until each is available. */
  async uploadFirmDocuments(files) {
    const { page } = this;
    await page.locator('#firm-upload-files').setInputFiles(files);
    await page.locator('#firm-upload-start').click();
    for (const file of files) {
      await page
        .locator('#firm-upload-list li')
        .filter({ hasText: file.name })
        .and(page.locator('[data-phase="attached"]'))
        .waitFor({ timeout: 60_000 });
      await this.documentRowNamed(file.name).and(page.locator('[data-status="available"]')).waitFor({ timeout: 30_000 });
    }
    const ids = {};
    for (const file of files) ids[file.name] = await this.documentRowNamed(file.name).getAttribute('data-document-id');
    return ids;
  }

  /** The Sharing table's rows as [file name, contact name], in order. */
  async shareRows() {
    await this.page.locator('#shares-table[aria-busy="false"]').waitFor({ state: 'attached' });
    return this.page.locator('#shares-table tbody tr').evaluateAll((rows) =>
      rows.map((r) => [r.querySelector('.doc-file-name')?.textContent ?? '', r.querySelector('.share-contact')?.textContent ?? '']),
    );
  }

  /** Checks or unchecks a contact in "Choose contacts". */
  async choose(contactId, on = true) {
    await this.page.locator(`#choose-${contactId}`).setChecked(on);
  }
}

/**
 * A test with a staff console tab (and any portal tabs it opens with `openPortal`), each
 * ending with the shared check: no console errors, page errors or CSP violations.
 * @param {string} name
 * @param {(staff: StaffConsole, extra: {openPortal: (o?: any) => Promise<Portal>}, t: import('node:test').TestContext) => Promise<void>} body
 */
export function consoleTest(name, body, { viewport = DESKTOP, timezoneId = 'UTC', locale = 'en-US' } = {}) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  test(name, { timeout: TEST_TIMEOUT }, async (t) => {
    await rm(`${ARTIFACTS}failed-${slug}.png`, { force: true });
    const staff = /** @type {StaffConsole} */ (await StaffConsole.open({ viewport, timezoneId, locale }));
    /** @type {Portal[]} */
    const others = [];
    const openPortal = async (options = {}) => {
      const tab = await Portal.open(options);
      others.push(tab);
      return tab;
    };
    try {
      await body(staff, { openPortal }, t);
      staff.checks.assertClean();
      for (const other of others) other.checks.assertClean();
    } catch (error) {
      await staff.screenshot(`failed-${slug}`, { fullPage: true }).catch(() => {});
      for (const [i, other] of others.entries()) {
        await other.screenshot(`failed-${slug}-portal-${i}`, { fullPage: true }).catch(() => {});
      }
      throw error;
    } finally {
      await staff.close();
      for (const other of others) await other.close();
    }
  });
}
