import assert from 'node:assert/strict';

/** Polls an async probe until the check passes. */
export async function expect(probe, check, what, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let value;
  for (;;) {
    value = await probe();
    try {
      check(value);
      return value;
    } catch (error) {
      if (Date.now() > deadline) throw new assert.AssertionError({ message: `${what}: ${error.message}`, actual: value });
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
