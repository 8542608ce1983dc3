import assert from 'node:assert/strict';
import { until } from '../poll.mjs';

/** Reads `probe` until the assertions in `check` pass; fails with the last assertion after `timeout`. */
export async function expect(probe, check, what, timeout = 15_000) {
  try {
    return await until(probe, (value) => (check(value), true), what, timeout);
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    throw new assert.AssertionError({ message: error.message });
  }
}
