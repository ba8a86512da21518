// The check every browser test ends with must catch what it claims to: a console error, an
// uncaught error and a CSP violation, each provoked here on the real page under its real CSP.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Portal } from './harness.js';
import { until } from './waits.js';

test('the shared end-of-test check reports console errors, page errors and CSP violations', { timeout: 60_000 }, async () => {
  const portal = await Portal.open();
  try {
    await portal.gotoSignedOut();
    portal.checks.assertClean();

    await portal.page.evaluate(() => {
      console.error('provoked console error');
      setTimeout(() => {
        throw new Error('provoked page error');
      }, 0);
      // An inline style attribute: style-src 'self' forbids it.
      document.body.setAttribute('style', 'outline: 1px solid red');
    });
    const kinds = await until(
      () => {
        const found = new Set(portal.checks.problems().map((p) => p.kind));
        return ['console error', 'page error', 'csp'].every((k) => found.has(k)) ? found : null;
      },
      { timeout: 10_000, what: 'all three kinds of problem to be reported' },
    );
    assert.ok(kinds.has('csp'));
    assert.throws(() => portal.checks.assertClean(), /provoked console error[\s\S]*provoked page error|provoked page error[\s\S]*provoked console error/);
    // The violation is also on record in the page, as the init script keeps it.
    const recorded = await portal.page.evaluate(() => window.__cspViolations);
    assert.ok(recorded.some((v) => /^style-src/.test(v.effectiveDirective)), JSON.stringify(recorded));
  } finally {
    await portal.close();
  }
});
