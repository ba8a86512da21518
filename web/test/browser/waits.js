// Bounded waits for conditions (no fixed sleeps): poll a check at a small interval until it
// holds or the time is up.

import { AssertionError } from 'node:assert';

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `check` until it returns a truthy value (returned) or `timeout` ms pass (throws,
 * naming `what` and the last value or error seen). An AssertionError thrown by `check` ends
 * the wait at once: it is a failure, not "not yet".
 * @template T
 * @param {() => T | Promise<T>} check
 * @param {{timeout?: number, interval?: number, what?: string}} [options]
 * @returns {Promise<T>}
 */
export async function until(check, { timeout = 15_000, interval = 50, what = 'the condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await check();
      lastError = undefined;
      if (last) return last;
    } catch (error) {
      if (error instanceof AssertionError) throw error;
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const seen = lastError ? `last error: ${lastError.message}` : `last value: ${JSON.stringify(last)}`;
      throw new Error(`timed out after ${timeout} ms waiting for ${what} (${seen})`);
    }
    await pause(interval);
  }
}

/**
 * Waits until `read()` deep-equals `expected`; on timeout fails with both values.
 * @template T
 * @param {() => Promise<T>} read
 * @param {T} expected
 * @param {{timeout?: number, what?: string}} [options]
 */
export async function untilEqual(read, expected, { timeout = 15_000, what = 'the value' } = {}) {
  const want = JSON.stringify(expected);
  let got;
  try {
    await until(
      async () => {
        got = await read();
        return JSON.stringify(got) === want;
      },
      { timeout, what },
    );
  } catch (error) {
    throw new AssertionError({
      message: `${what}: expected ${want}, still ${JSON.stringify(got)} after ${timeout} ms`,
      actual: got,
      expected,
      operator: 'deepStrictEqual',
    });
  }
}
