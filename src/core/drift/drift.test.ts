import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { encodeColumn } from '../metrics/fixtures/encode';
import { computePsi, testChiSquare } from './categorical';
import { detectDrift, driftCategorical, driftNumeric, measureTextLengths, type DriftInput } from './detectDrift';
import { categoricalCases, kolmogorovCases, ksTwoSampleCases, smirnovCases } from './fixtures/driftReference';
import { kolmogorovSurvival, smirnovSurvival } from './kolmogorov';
import { roundHalfEven, testKsTwoSample } from './ksTwoSample';

function closeRelative(actual: number, expected: number, tolerance: number, what: string): void {
  const error = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(error <= tolerance, `${what}: ${actual} != ${expected} (relative error ${error})`);
}

describe('Kolmogorov distribution (scipy kstwo.sf, smirnov)', () => {
  it(`kstwo.sf on ${kolmogorovCases.length} points, every method region (n = 1 … 1.2e6)`, () => {
    for (const [n, x, p] of kolmogorovCases) {
      const value = kolmogorovSurvival(n, x);
      assert.ok(Math.abs(value - p) <= 1e-12 || Math.abs(value - p) <= 1e-9 * p, `kstwo.sf(${x}, ${n}) = ${value}, scipy ${p}`);
    }
  });
  it(`smirnov on ${smirnovCases.length} points`, () => {
    for (const [n, x, p] of smirnovCases) closeRelative(smirnovSurvival(n, x), p, 1e-9, `smirnov(${n}, ${x})`);
  });
  it('is NaN for n = 0 (both samples of size 1 in scipy)', () => {
    assert.ok(Number.isNaN(kolmogorovSurvival(0, 0.5)));
    assert.equal(roundHalfEven(0.5), 0);
    assert.equal(roundHalfEven(1.5), 2);
    assert.equal(roundHalfEven(2.5), 2);
  });
});

describe('two-sample KS (scipy ks_2samp, method="asymp")', () => {
  for (const c of ksTwoSampleCases) {
    it(`matches scipy: ${c.name}`, () => {
      const result = testKsTwoSample(Float64Array.from(c.reference), Float64Array.from(c.current));
      assert.ok(result);
      assert.equal(result.d, c.d);
      if (c.p === null) assert.equal(result.p, null);
      else assert.ok(result.p !== null && Math.abs(result.p - c.p) <= 1e-9, `p ${result.p} != ${c.p}`);
    });
  }
  it('identical samples: D 0, p 1; missing values are left out; an empty sample gives no test', () => {
    const values = Float64Array.from([3, 1, 2, 2, 5, 8]);
    assert.deepEqual(testKsTwoSample(values, values), { d: 0, p: 1 });
    assert.deepEqual(testKsTwoSample(Float64Array.from([1, Number.NaN, 2]), Float64Array.from([1, 2, Number.NaN, Number.NaN])), { d: 0, p: 1 });
    assert.equal(testKsTwoSample(Float64Array.from([Number.NaN]), values), null);
    assert.equal(testKsTwoSample(new Float64Array(0), values), null);
  });
  it('D is symmetric and within [0, 1] (property)', () => {
    const sample = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const x = testKsTwoSample(Float64Array.from(a), Float64Array.from(b))!;
        const y = testKsTwoSample(Float64Array.from(b), Float64Array.from(a))!;
        return x.d === y.d && x.d >= 0 && x.d <= 1 && (x.p === null || (x.p >= 0 && x.p <= 1));
      }),
    );
  });
});

describe('categorical drift: PSI (numpy) and chi-square (scipy chi2_contingency, correction=False)', () => {
  for (const c of categoricalCases) {
    it(`matches the references: ${c.name}`, () => {
      const drift = driftCategorical('label', encodeColumn(c.reference), encodeColumn(c.current));
      closeRelative(drift.psi!, c.psi, 1e-12, 'psi');
      closeRelative(drift.chi2!, c.chi2, 1e-12, 'chi2');
      assert.equal(drift.chi2Dof, c.dof);
      assert.ok(Math.abs(drift.chi2P! - c.p) <= 1e-12 + 1e-10 * c.p, `p ${drift.chi2P} != ${c.p}`);
      assert.deepEqual(drift.newCategories, c.newCategories);
    });
  }
  it('identical files: PSI 0, chi-square 0, p 1, stable, not drifted', () => {
    const column = encodeColumn(['a', 'b', '', 'b', 'c']);
    const drift = driftCategorical('slice', column, column);
    assert.equal(drift.psi, 0);
    assert.equal(drift.chi2, 0);
    assert.equal(drift.chi2P, 1);
    assert.equal(drift.psiLevel, 'stable');
    assert.equal(drift.drifted, false);
    assert.deepEqual(drift.missing, { reference: 0.2, current: 0.2 });
  });
  it('compares by value: 1, 1.0 and 01 are one category when every value is a number', () => {
    const drift = driftCategorical('y', encodeColumn(['1', '0', '1']), encodeColumn(['1.0', '00', '01']));
    assert.equal(drift.psi, 0);
    assert.deepEqual(drift.newCategories, []);
  });
  it('PSI levels and the 0.0001 replacement', () => {
    assert.equal(computePsi([10, 0], [10, 0]), 0);
    const psi = computePsi([1, 0], [0, 1])!;
    closeRelative(psi, 2 * (1 - 0.0001) * Math.log(1 / 0.0001), 1e-14, 'psi of disjoint');
    assert.equal(computePsi([], []), null);
    assert.equal(testChiSquare([3], [0]), null);
    assert.deepEqual(testChiSquare([3], [4]), { statistic: 0, dof: 0, p: 1 });
  });
  it('an empty current file: no PSI, no chi-square, no missing share, not drifted', () => {
    const drift = driftCategorical('label', encodeColumn(['a', 'b']), encodeColumn([]));
    assert.equal(drift.psi, null);
    assert.equal(drift.chi2P, null);
    assert.deepEqual(drift.missing, { reference: 0, current: null });
    assert.equal(drift.drifted, false);
  });
  it('all-missing columns: one category, PSI 0', () => {
    const drift = driftCategorical('label', encodeColumn(['', '']), encodeColumn(['', '', '']));
    assert.equal(drift.psi, 0);
    assert.deepEqual(drift.missing, { reference: 1, current: 1 });
  });
});

describe('numeric and text drift', () => {
  it('drifted when D ≥ 0.1 and p < 0.05', () => {
    const reference = Float64Array.from({ length: 400 }, (_, i) => i);
    const shifted = Float64Array.from({ length: 400 }, (_, i) => i + 100);
    assert.equal(driftNumeric('age', reference, shifted).drifted, true);
    assert.equal(driftNumeric('age', reference, reference).drifted, false);
  });
  it('all-missing numeric columns: shares 1, no KS, not drifted', () => {
    const empty = Float64Array.from([Number.NaN, Number.NaN]);
    const drift = driftNumeric('score', empty, empty);
    assert.deepEqual(drift.missing, { reference: 1, current: 1 });
    assert.equal(drift.ks, null);
    assert.equal(drift.drifted, false);
  });
  it('text lengths count code points; blank cells are missing', () => {
    assert.deepEqual([...measureTextLengths(['ab', '', '  ', null, '😀x'])], [2, Number.NaN, Number.NaN, Number.NaN, 2]);
  });
});

function input(columns: { name: string; kind: 'categorical' | 'numeric' | 'text'; role?: 'id' | 'label' | 'slice' | 'other'; values: string[] | number[] }[]): DriftInput {
  return {
    rowCount: columns[0]?.values.length ?? 0,
    columns: columns.map((c) => ({ name: c.name, kind: c.kind, role: c.role ?? 'other' })),
    codes: columns.map((c) => (c.kind === 'categorical' ? encodeColumn(c.values as string[]).codes : null)),
    dictionaries: columns.map((c) => (c.kind === 'categorical' ? encodeColumn(c.values as string[]).dictionary : null)),
    numbers: columns.map((c) => (c.kind === 'numeric' ? Float64Array.from(c.values as number[]) : null)),
  };
}

describe('detectDrift over two files', () => {
  it('matches columns by name, skips what it cannot compare, and keeps hostile names as data', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const reference = input([
      { name: 'id', kind: 'categorical', role: 'id', values: ['1', '2'] },
      { name: '__proto__', kind: 'categorical', values: ['constructor', 'toString'] },
      { name: 'constructor', kind: 'numeric', values: [1, 2] },
      { name: 'text', kind: 'text', values: ['', ''] },
      { name: 'gone', kind: 'numeric', values: [1, 2] },
    ]);
    const current = input([
      { name: 'constructor', kind: 'numeric', values: [1, 2] },
      { name: '__proto__', kind: 'categorical', values: ['constructor', 'hasOwnProperty'] },
      { name: 'id', kind: 'categorical', role: 'id', values: ['3', '4'] },
      { name: 'text', kind: 'text', values: ['', ''] },
      { name: 'new', kind: 'categorical', values: ['a', 'b'] },
    ]);
    const report = detectDrift(reference, current);
    assert.deepEqual(report.columns.map((c) => [c.name, c.kind]), [['__proto__', 'categorical'], ['constructor', 'numeric']]);
    assert.deepEqual(report.columns[0].newCategories, ['hasOwnProperty']);
    assert.deepEqual(report.skipped, [
      { name: 'id', reason: 'idColumn' },
      { name: 'text', reason: 'noLengths' },
      { name: 'gone', reason: 'onlyInReference' },
      { name: 'new', reason: 'onlyInCurrent' },
    ]);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
    const withLengths = detectDrift(reference, current, new Map([['text', { reference: [1, 2], current: [1, 2] }]]));
    assert.equal(withLengths.columns.find((c) => c.name === 'text')?.kind, 'text');
  });
});
