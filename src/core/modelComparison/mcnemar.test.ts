import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { binomialHalfCdf } from '../stats/binomial';
import { chiSquareSurvival } from '../stats/gamma';
import { mcnemarTest } from './mcnemar';
import { binomialHalfCdfReference, chiSquareSurvivalReference, mcnemarReference } from './fixtures/statsReference';

const close = (actual: number | null, expected: number | null, what: string): void => {
  if (expected === null) return assert.equal(actual, null, what);
  assert.ok(actual !== null && Math.abs(actual - expected) <= 1e-9 * Math.max(1e-300, Math.abs(expected)) + 1e-300, `${what}: ${actual} vs ${expected}`);
};

test("McNemar's exact and chi-square p-values equal statsmodels'", () => {
  for (const r of mcnemarReference) {
    const m = mcnemarTest(r.fixed, r.broken);
    close(m.exactP, r.exactP, `exact p for ${r.fixed}/${r.broken}`);
    close(m.chi2, r.chi2, `chi2 for ${r.fixed}/${r.broken}`);
    close(m.chi2P, r.chi2P, `chi2 p for ${r.fixed}/${r.broken}`);
  }
});

test("the binomial cdf and the chi-square survival equal scipy's to 1e-9 relative", () => {
  for (const r of binomialHalfCdfReference) close(binomialHalfCdf(r.k, r.n), r.cdf, `cdf(${r.k}; ${r.n})`);
  for (const r of chiSquareSurvivalReference) close(chiSquareSurvival(r.x, r.dof), r.sf, `sf(${r.x}; ${r.dof})`);
});

test('swapping A and B swaps fixed and broken and keeps the p-values', () => {
  fc.assert(
    fc.property(fc.nat(5000), fc.nat(5000), (b, c) => {
      assert.deepEqual(mcnemarTest(b, c), mcnemarTest(c, b));
    }),
  );
});
