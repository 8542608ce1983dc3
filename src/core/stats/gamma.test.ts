import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gammaQCases } from '../drift/fixtures/driftReference';
import { chiSquareSurvivalReference } from '../modelComparison/fixtures/statsReference';
import { chiSquareSurvival, logGamma, regularizedGammaP, regularizedGammaQ } from './gamma';

function closeRelative(actual: number, expected: number, tolerance: number, what: string): void {
  const error = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(error <= tolerance, `${what}: ${actual} != ${expected} (relative error ${error})`);
}

describe('regularized incomplete gamma (scipy gammaincc)', () => {
  it(`matches scipy on ${gammaQCases.length} points from a = 0.5 to 5e5`, () => {
    for (const [a, x, q] of gammaQCases) closeRelative(regularizedGammaQ(a, x), q, 5e-12, `Q(${a}, ${x})`);
  });
  it('P + Q = 1 and the edges', () => {
    for (const [a, x] of gammaQCases) closeRelative(regularizedGammaP(a, x) + regularizedGammaQ(a, x), 1, 1e-14, `P+Q(${a}, ${x})`);
    assert.equal(regularizedGammaQ(3, 0), 1);
    assert.equal(regularizedGammaQ(3, Number.POSITIVE_INFINITY), 0);
    assert.ok(Number.isNaN(regularizedGammaQ(0, 1)));
    assert.ok(Number.isNaN(regularizedGammaQ(1, -1)));
  });
  it('chi-square survival: exp(-x/2) for 2 dof, 1 at 0, NaN without dof', () => {
    closeRelative(chiSquareSurvival(7.3, 2), Math.exp(-7.3 / 2), 1e-13, 'chi2(2)');
    assert.equal(chiSquareSurvival(0, 4), 1);
    assert.ok(Number.isNaN(chiSquareSurvival(3, 0)));
  });
});

describe('chi-square survival (scipy chi2.sf) and log-gamma', () => {
  it(`matches scipy on the ${chiSquareSurvivalReference.length} McNemar reference points`, () => {
    for (const r of chiSquareSurvivalReference) closeRelative(chiSquareSurvival(r.x, r.dof), r.sf, 1e-9, `sf(${r.x}; ${r.dof})`);
  });
  it('ln Γ at known points: Γ(1) = Γ(2) = 1, Γ(½) = √π, Γ(10) = 9!, Γ(30.5) by the recurrence', () => {
    assert.ok(Math.abs(logGamma(1)) < 1e-13);
    assert.ok(Math.abs(logGamma(2)) < 1e-13);
    closeRelative(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-13, 'lnΓ(½)');
    closeRelative(logGamma(10), Math.log(362880), 1e-13, 'lnΓ(10)');
    closeRelative(logGamma(30.5), logGamma(29.5) + Math.log(29.5), 1e-13, 'lnΓ(30.5)');
  });
});
