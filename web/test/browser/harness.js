// The browser side of the tests: Debian's Chromium through playwright-core, one context per
// test, and the check every test ends with: no console errors, no uncaught page errors and
// no Content Security Policy violations on any page of the test (popups included).

import assert from 'node:assert/strict';
import { mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { chromium } from 'playwright-core';
import { PORTAL_URL } from './stack.js';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** Every Playwright wait is bounded by these (ms). */
const ACTION_TIMEOUT = 15_000;
const NAVIGATION_TIMEOUT = 20_000;
/** A whole test, stack calls included. */
const TEST_TIMEOUT = 120_000;

let browserPromise = null;

/** One browser per test file, launched on first use and closed after the file's tests. */
function browser() {
  if (!browserPromise) {
    browserPromise = chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }
  return browserPromise;
}

after(async () => {
  const b = await browserPromise?.catch(() => null);
  await b?.close();
});

/**
 * What the pages of one context reported. Console errors for a failed request are allowed
 * only where a test expects that status from that URL (allowFailedResource).
 */
class PageChecks {
  constructor() {
    /** @type {{kind: string, text: string, url: string, page: string}[]} */
    this.reports = [];
    /** @type {{status: number, url: RegExp, why: string}[]} */
    this.allowed = [];
    /** Requests the pages have open (to tell when a page has finished loading its sections). */
    this.inFlight = new Set();
  }

  /** Resolves once no request has been open for `quietMs` (a page's sections have all loaded). */
  async networkQuiet({ quietMs = 300, timeout = 15_000 } = {}) {
    const deadline = Date.now() + timeout;
    let quietSince = this.inFlight.size ? 0 : Date.now();
    while (Date.now() < deadline) {
      if (this.inFlight.size) quietSince = 0;
      else if (!quietSince) quietSince = Date.now();
      else if (Date.now() - quietSince >= quietMs) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`requests still open after ${timeout} ms: ${[...this.inFlight].map((r) => r.url()).join(', ')}`);
  }

  /** @param {import('playwright-core').BrowserContext} context */
  async attach(context) {
    // CSP violations: the event, reported to the test from every document as it happens.
    await context.exposeBinding('__browserTestReportCsp', ({ page }, violation) => {
      this.reports.push({
        kind: 'csp',
        text: `${violation.effectiveDirective} blocked ${violation.blockedURI || '(inline)'} (${violation.sample || ''})`,
        url: violation.documentURI,
        page: page?.url() ?? '',
      });
    });
    await context.addInitScript(() => {
      window.__cspViolations = [];
      window.addEventListener(
        'securitypolicyviolation',
        (event) => {
          const violation = {
            effectiveDirective: event.effectiveDirective,
            blockedURI: event.blockedURI,
            documentURI: event.documentURI,
            sample: event.sample,
          };
          window.__cspViolations.push(violation);
          window.__browserTestReportCsp?.(violation);
        },
        true,
      );
    });
    const watch = (page) => {
      page.on('console', (message) => {
        const text = message.text();
        if (message.type() !== 'error' && !/content.security.policy/i.test(text)) return;
        this.reports.push({
          kind: message.type() === 'error' ? 'console error' : `console ${message.type()}`,
          text,
          url: message.location()?.url ?? '',
          page: page.url(),
        });
      });
      page.on('pageerror', (error) => {
        this.reports.push({ kind: 'page error', text: String(error?.stack || error), url: '', page: page.url() });
      });
    };
    context.on('page', watch);
    context.on('request', (request) => this.inFlight.add(request));
    const done = (request) => this.inFlight.delete(request);
    context.on('requestfinished', done);
    context.on('requestfailed', done);
  }

  /**
   * Chromium logs "Failed to load resource: … status of N" for every non-2xx answer; a test
   * that provokes one (a 403, a 401 after revocation) allows exactly that status and URL.
   */
  allowFailedResource(status, url, why) {
    this.allowed.push({ status, url, why });
  }

  isAllowed(report) {
    if (report.kind !== 'console error') return false;
    const m = /^Failed to load resource: the server responded with a status of (\d+)/.exec(report.text);
    if (!m) return false;
    return this.allowed.some((a) => a.status === Number(m[1]) && a.url.test(report.url));
  }

  /** What would fail the test. */
  problems() {
    return this.reports.filter((r) => !this.isAllowed(r));
  }

  assertClean() {
    const problems = this.problems();
    assert.deepEqual(
      problems,
      [],
      `console errors, page errors or CSP violations:\n${problems.map((p) => `  [${p.kind}] ${p.text} (${p.url || p.page})`).join('\n')}`,
    );
  }
}

/**
 * One portal tab in a fresh context (its own sessionStorage), with the checks attached.
 */
export class Portal {
  /** @param {import('playwright-core').BrowserContext} context @param {PageChecks} checks */
  constructor(context, page, checks) {
    this.context = context;
    this.page = page;
    this.checks = checks;
  }

  /** @param {{viewport?: {width: number, height: number}, timezoneId?: string, locale?: string}} [options] where the viewer is, and their browser's language */
  static async open({ viewport = DESKTOP, timezoneId = 'UTC', locale = 'en-US' } = {}) {
    const b = await browser();
    const context = await b.newContext({
      viewport,
      locale,
      timezoneId,
      acceptDownloads: true,
    });
    context.setDefaultTimeout(ACTION_TIMEOUT);
    context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT);
    const checks = new PageChecks();
    await checks.attach(context);
    const page = await context.newPage();
    return new this(context, page, checks);
  }

  /** The page with no invitation: the sign-in view. */
  async gotoSignedOut() {
    await this.page.goto(`${PORTAL_URL}/`);
    await this.signInHeading().waitFor();
  }

  /** Follows an emailed link and waits for the signed-in list. */
  async signInWith(link) {
    assert.ok(link.startsWith(`${PORTAL_URL}/#invite=`), `the emailed link points at the portal: ${link}`);
    await this.page.goto(link);
    await this.documentsHeading().waitFor();
    await this.waitForList();
    // Every section (home, tasks, bills, events, matters) has its answer: a change made next
    // (a revocation) is then met by the test's next action, not by a section still loading.
    await this.checks.networkQuiet();
  }

  documentsHeading() {
    return this.page.getByRole('heading', { level: 1, name: /^(Your documents|Sus documentos)$/ });
  }

  signInHeading() {
    return this.page.getByRole('heading', { level: 1, name: /^(Sign in to |Acceda al portal)/ });
  }

  /** The list has finished loading (not busy, summary no longer "Loading…"). */
  async waitForList() {
    await this.page.locator('#documents-list[aria-busy="false"]').waitFor({ state: 'attached' });
  }

  /** The file names the list shows, in order. */
  async documentNames() {
    return this.page
      .getByRole('list', { name: 'Your documents' })
      .locator('li[data-document-id] .doc-file-name')
      .allTextContents();
  }

  /** The list item of one document, by its id. */
  row(documentId) {
    return this.page.locator(`#documents-list li[data-document-id="${documentId}"]`);
  }

  /** The list item of one document, by its file name. */
  rowNamed(fileName) {
    return this.page
      .getByRole('list', { name: 'Your documents' })
      .getByRole('listitem')
      .filter({ has: this.page.locator('.doc-file-name', { hasText: fileName }) });
  }

  /** The status region's text. */
  async statusText() {
    return ((await this.page.locator('#status').textContent()) ?? '').replace(/\s+/g, ' ').trim();
  }

  /** Waits until the status region says something matching `pattern`. */
  async waitForStatus(pattern, timeout = ACTION_TIMEOUT) {
    await this.page.locator('#status').filter({ hasText: pattern }).waitFor({ timeout });
    return this.statusText();
  }

  /** The session this tab keeps (null when signed out). */
  async storedSession() {
    return this.page.evaluate(() => JSON.parse(sessionStorage.getItem('portal.session') || 'null'));
  }

  /**
   * Writes web/test/artifacts/<name>.png, after checking that nothing on the page sticks out
   * past the right edge of the viewport (long names and addresses must wrap).
   */
  async screenshot(name, { viewport, fullPage = false, page = this.page } = {}) {
    await mkdir(ARTIFACTS, { recursive: true });
    const before = page.viewportSize();
    if (viewport) await page.setViewportSize(viewport);
    try {
      // Fonts and layout settle before the picture (no animation waits needed: none are used).
      await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => r()))));
      await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage, animations: 'disabled' });
      const overflow = await horizontalOverflow(page);
      assert.deepEqual(overflow, [], `${name}: content wider than the ${page.viewportSize()?.width}px viewport`);
    } finally {
      if (viewport && before) await page.setViewportSize(before);
    }
  }

  async close() {
    await this.context.close().catch(() => {});
  }
}

/**
 * Elements (or text runs) whose right edge passes the viewport's, described; [] when none.
 * Visually hidden text (clipped to 1px) is not counted.
 */
async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    const describe = (el) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    const clipped = (el) => el.closest('.visually-hidden, [hidden]') !== null;
    for (const el of document.body.querySelectorAll('*')) {
      if (clipped(el)) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width > 0 && rect.right > width + 1) found.push(`${describe(el)} ends at ${Math.round(rect.right)}px`);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || !node.parentElement || clipped(node.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rect = range.getBoundingClientRect();
      if (rect.width > 0 && rect.right > width + 1) {
        found.push(`text "${node.textContent.trim().slice(0, 40)}" in ${describe(node.parentElement)} ends at ${Math.round(rect.right)}px`);
      }
    }
    if (document.documentElement.scrollWidth > width) found.push(`page scrolls sideways (${document.documentElement.scrollWidth}px)`);
    return found.slice(0, 10);
  });
}

const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

/**
 * A test with a fresh portal tab. Whatever the body does, the test ends with the shared
 * check (no console errors, page errors or CSP violations on any page it opened); a failure
 * leaves a screenshot in web/test/artifacts/failed-<name>.png.
 * @param {string} name
 * @param {(portal: Portal, t: import('node:test').TestContext) => Promise<void>} body
 * @param {{viewport?: {width: number, height: number}, locale?: string}} [options]
 */
export function portalTest(name, body, options = {}) {
  test(name, { timeout: TEST_TIMEOUT }, async (t) => {
    await rm(`${ARTIFACTS}failed-${slug(name)}.png`, { force: true });
    const portal = await Portal.open(options);
    try {
      await body(portal, t);
      portal.checks.assertClean();
    } catch (error) {
      await portal.screenshot(`failed-${slug(name)}`, { fullPage: true }).catch(() => {});
      throw error;
    } finally {
      await portal.close();
    }
  });
}
