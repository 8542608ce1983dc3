import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TableRow } from '../../src/protocol/labelTable';
import { RowCache } from '../../webview/table/rowCache';

const row = (position: number) => ({ key: `k${position}` }) as unknown as TableRow;
const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => row(from + i));

test('holds at most its limit, keeping the rows nearest to where the user is', () => {
  const cache = new RowCache(100);
  for (let start = 0; start < 1000; start += 50) cache.store(start, rows(start, 50), start + 25);
  assert.equal(cache.size, 100);
  assert.ok(cache.has(975) && cache.has(900), 'the rows around the last position stay');
  assert.ok(!cache.has(0) && !cache.has(899), 'rows far behind are dropped');
  assert.equal(cache.get(950)?.key, 'k950');
});

test('a dropped row is missing again, so it is asked for when it comes back on screen', () => {
  const cache = new RowCache(10);
  cache.markRequested(0, 10);
  assert.equal(cache.missing(5), false, 'on its way');
  cache.store(0, rows(0, 10), 0);
  cache.markRequested(100, 110);
  cache.store(100, rows(100, 10), 105);
  assert.equal(cache.has(5), false);
  assert.equal(cache.missing(5), true);
  assert.equal(cache.missing(105), false);
});

test('clear forgets rows and requests (a new view)', () => {
  const cache = new RowCache();
  cache.markRequested(0, 5);
  cache.store(0, rows(0, 3), 0);
  cache.clear();
  assert.equal(cache.size, 0);
  assert.equal(cache.missing(4), true);
});
