import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeysInFlight } from '../../webview/table/keyboard';

/** Keys in flight, each typed at its time in ms (the limit: 500 ms). */
function typed(...keys: [string, number][]): KeysInFlight {
  const inFlight = new KeysInFlight(500);
  for (const [key, at] of keys) inFlight.typed(key, at);
  return inFlight;
}

test('the keys typed after t while its command made the round trip go to the tag picker', () => {
  const keys = typed(['t', 0], ['c', 40], ['a', 80], ['r', 120]);
  assert.deepEqual(keys.answered('tag', 150), ['c', 'a', 'r']);
});

test("a key typed before the command's own key is not part of what follows it", () => {
  const keys = typed(['x', 0], ['t', 50], ['c', 90]);
  assert.deepEqual(keys.answered('tag', 120), ['c']);
});

test('commands come back in order: each takes its key, the next finds its own', () => {
  const keys = typed(['m', 0], ['t', 30], ['n', 60]);
  assert.deepEqual(keys.answered('misclassified', 70), ['t', 'n']);
  assert.deepEqual(keys.answered('tag', 90), ['n']);
});

test("a rebound key: the oldest key in flight is the command's", () => {
  const keys = typed(['g', 0], ['o', 40]);
  assert.deepEqual(keys.answered('tag', 60), ['o']);
});

test('keys older than the limit, and a command from the palette with nothing typed, hand nothing on', () => {
  const keys = typed(['t', 0], ['c', 10]);
  assert.deepEqual(keys.answered('tag', 2000), []);
  assert.deepEqual(keys.answered('tag', 2001), []);
});
