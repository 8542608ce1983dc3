// The one way the end-to-end tests wait for something outside the browser (a file, a server, a
// value read through Playwright): check a condition until it holds or a deadline passes. There is
// no other pause in the tests: waiting "long enough" hides races on a fast machine and fails on a
// busy one.

import assert from 'node:assert/strict';

const INTERVAL_MS = 100;

/**
 * Calls `probe` until `holds(value)` is true; returns that value. On timeout throws an error that
 * says what was awaited and what was last seen. A throw from `probe` or `holds` (an assertion, a
 * frame that went away) counts as "not yet" and its message is kept for the timeout error, unless
 * the error has `fatal: true`: then waiting is pointless and it is thrown at once.
 */
export async function until(probe, holds, what, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    let value;
    let reason = '';
    try {
      value = await probe();
      if (holds(value) !== false) return value;
    } catch (error) {
      if (error?.fatal === true) throw error;
      reason = error?.message ?? String(error);
      if (error instanceof assert.AssertionError && Date.now() > deadline) {
        throw new assert.AssertionError({ message: `${what} (after ${timeout} ms): ${error.message}`, actual: error.actual, expected: error.expected, operator: error.operator });
      }
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}${reason ? `: ${reason}` : ''}; last value: ${describe(value)}`);
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
}

function describe(value) {
  if (typeof value === 'string') return value.length > 2000 ? `${value.slice(0, 2000)}…` : JSON.stringify(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
