import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mulberry32 } from '../agreement/random';
import { encodeColumn } from '../metrics/fixtures/encode';
import { allocateLargestRemainder, splitRows, SplitError, type SplitOptions } from './splitRows';

const RATIOS = [0.6, 0.2, 0.2];

function columnOf(values: readonly string[]): { codes: Int32Array; dictionary: string[] } {
  return encodeColumn(values);
}

/** Per stratum key: the row count of each split. */
function tallyByKey(keys: readonly string[], assignment: Uint8Array, splits: number): Map<string, number[]> {
  const out = new Map<string, number[]>();
  keys.forEach((key, r) => {
    const row = out.get(key) ?? new Array<number>(splits).fill(0);
    row[assignment[r]]++;
    out.set(key, row);
  });
  return out;
}

function withinOne(counts: readonly number[], ratios: readonly number[]): boolean {
  const n = counts.reduce((a, b) => a + b, 0);
  const sum = ratios.reduce((a, b) => a + b, 0);
  return counts.every((c, j) => {
    const exact = (n * ratios[j]) / sum;
    return c >= Math.floor(exact + 1e-9) && c <= Math.ceil(exact - 1e-9);
  });
}

const labelsArb = fc.array(fc.constantFrom('a', 'b', 'c', '', '1', '1.0', '__proto__'), { minLength: 0, maxLength: 300 });
const ratiosArb = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 5 }).filter((r) => r.some((x) => x > 0));

describe('splitRows: stratified (property)', () => {
  it('every stratum gets floor or ceil of n·r per split, every row exactly once, same seed same split', () => {
    fc.assert(
      fc.property(labelsArb, fc.array(fc.constantFrom('x', 'y', ''), { minLength: 300, maxLength: 300 }), ratiosArb, fc.integer(), (labels, slices, ratios, seed) => {
        const slice = slices.slice(0, labels.length);
        const options: SplitOptions = { rowCount: labels.length, ratios, seed, label: columnOf(labels), slice: columnOf(slice), names: ratios.map((_, i) => `s${i}`) };
        const { assignment, summary } = splitRows(options);
        assert.equal(assignment.length, labels.length);
        assert.ok(assignment.every((s) => s < ratios.length));
        const numeric = labels.every((v) => v === '' || v === '1' || v === '1.0');
        const byValue = (v: string): string => (numeric && v === '1.0' ? '1' : v);
        const keys = labels.map((l, r) => `${byValue(l)}|${slice[r]}`);
        for (const counts of tallyByKey(keys, assignment, ratios.length).values()) assert.ok(withinOne(counts, ratios), `${counts} vs ${ratios}`);
        assert.equal(Object.values(summary.counts).reduce((a, b) => a + b, 0), labels.length);
        assert.deepEqual(splitRows(options).assignment, assignment);
      }),
    );
  });
  it('allocates by largest remainder: 7 rows at 0.6/0.2/0.2 give 4 + (2, 1) or (1, 2), both ties drawn', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 50; seed++) seen.add(allocateLargestRemainder(7, RATIOS, mulberry32(seed)).join(','));
    assert.deepEqual([...seen].sort(), ['4,1,2', '4,2,1']);
    assert.deepEqual([...allocateLargestRemainder(10, RATIOS, mulberry32(1))], [6, 2, 2]);
    assert.deepEqual([...allocateLargestRemainder(10, [0.3, 0.7], mulberry32(1))], [3, 7]);
  });
  it('a different seed gives another split', () => {
    const labels = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 'pos' : 'neg'));
    const a = splitRows({ rowCount: 200, ratios: RATIOS, seed: 1, label: columnOf(labels) });
    const b = splitRows({ rowCount: 200, ratios: RATIOS, seed: 2, label: columnOf(labels) });
    assert.notDeepEqual(a.assignment, b.assignment);
    assert.deepEqual(a.summary.counts, b.summary.counts);
  });
  it('the course example: 100 examples, 30 positives → 18/6/6 positives, 42/14/14 negatives', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i < 30 ? '1' : '0'));
    const { summary } = splitRows({ rowCount: 100, ratios: RATIOS, seed: 7, label: columnOf(labels) });
    assert.deepEqual(JSON.parse(JSON.stringify(summary.byStratum)), [
      { stratum: '0', label: '0', counts: { train: 42, dev: 14, test: 14 } },
      { stratum: '1', label: '1', counts: { train: 18, dev: 6, test: 6 } },
    ]);
    assert.deepEqual(summary.warnings.map((w) => [w.split, w.label, w.count]), [['dev', '1', 6], ['test', '1', 6]]);
    assert.equal(summary.groupsSpanning, 0);
    assert.equal(summary.groups, null);
  });
});

describe('splitRows: groups', () => {
  it('no group spans two splits, groups stay whole, ratios are reported (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom('a', 'b', '')), { maxLength: 300 }), fc.integer(), (rows, seed) => {
        const groups = rows.map(([g]) => (g === 0 ? '' : `g${g}`));
        const labels = rows.map(([, l]) => l);
        const { assignment, summary } = splitRows({ rowCount: rows.length, ratios: RATIOS, seed, label: columnOf(labels), group: columnOf(groups) });
        const splitOf = new Map<string, number>();
        groups.forEach((g, r) => {
          if (g === '') return;
          const before = splitOf.get(g);
          assert.ok(before === undefined || before === assignment[r], `group ${g} spans splits`);
          splitOf.set(g, assignment[r]);
        });
        assert.equal(summary.groupsSpanning, 0);
        const total = Object.values(summary.ratios).reduce((a, b) => a + b, 0);
        assert.ok(rows.length === 0 || Math.abs(total - 1) < 1e-12);
      }),
    );
  });
  it('balances many equal groups close to the ratios', () => {
    const groups = Array.from({ length: 1000 }, (_, i) => `speaker${i % 100}`);
    const labels = groups.map((_, i) => (i % 100 < 50 ? 'a' : 'b'));
    const { summary } = splitRows({ rowCount: 1000, ratios: RATIOS, seed: 3, label: columnOf(labels), group: columnOf(groups) });
    assert.deepEqual({ ...summary.counts }, { train: 600, dev: 200, test: 200 });
    assert.equal(summary.groups, 100);
  });
});

describe('splitRows: refusals and edges', () => {
  it('refuses bad ratios, names and seeds with a code', () => {
    const code = (options: Partial<SplitOptions>): string | undefined => {
      try {
        splitRows({ rowCount: 0, ratios: RATIOS, seed: 1, ...options });
        return undefined;
      } catch (error) {
        return error instanceof SplitError ? error.code : 'other';
      }
    };
    assert.equal(code({ ratios: [] }), 'badRatios');
    assert.equal(code({ ratios: [0, 0] }), 'badRatios');
    assert.equal(code({ ratios: [0.5, Number.NaN] }), 'badRatios');
    assert.equal(code({ ratios: [-1, 2] }), 'badRatios');
    assert.equal(code({ names: ['a', 'a', 'b'] }), 'badNames');
    assert.equal(code({ names: ['a', 'b'] }), 'badNames');
    assert.equal(code({ seed: 1.5 }), 'badSeed');
    assert.equal(code({ label: columnOf(['a']) }), 'badColumn');
    assert.equal(code({}), undefined);
  });
  it('an empty file, an unlabeled file, and split names that are Object keys', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const empty = splitRows({ rowCount: 0, ratios: RATIOS, seed: 1 });
    assert.deepEqual({ ...empty.summary.counts }, { train: 0, dev: 0, test: 0 });
    const named = splitRows({ rowCount: 10, ratios: [1, 1, 1], seed: 1, names: ['__proto__', 'constructor', 'toString'] });
    assert.deepEqual(Object.keys(named.summary.counts), ['__proto__', 'constructor', 'toString']);
    assert.ok(JSON.stringify(named.summary.counts).startsWith('{"__proto__":'));
    assert.equal(Object.values(named.summary.counts).reduce((a, b) => a + b, 0), 10);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  });
  it('splits a million rows into the exact largest-remainder counts (its time is measured in npm run bench)', () => {
    const n = 1_000_000;
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = i % 7;
    const label = { codes, dictionary: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] };
    const { summary } = splitRows({ rowCount: n, ratios: RATIOS, seed: 9, label });
    assert.equal(summary.counts.train + summary.counts.dev + summary.counts.test, n);
    for (const stratum of summary.byStratum) {
      const size = Object.values(stratum.counts).reduce((a, b) => a + b, 0);
      RATIOS.forEach((r, k) => {
        const got = Object.values(stratum.counts)[k];
        assert.ok(got === Math.floor(size * r) || got === Math.ceil(size * r), `${stratum.stratum}: ${got} of ${size} for ratio ${r}`);
      });
    }
  });
});
