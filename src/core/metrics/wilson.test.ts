import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { criticalValues, quantiles, wilson, wilson90 } from './fixtures/sklearnReference';
import { criticalValue, normalQuantile, wilsonInterval, Z_95 } from './wilson';

const TOLERANCE = 1e-12;

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= TOLERANCE, `${what}: ${actual} != ${expected}`);
}

describe('wilsonInterval (statsmodels proportion_confint, method="wilson")', () => {
  for (const { k, n, lower, upper } of wilson) {
    it(`matches statsmodels for ${k}/${n}`, () => {
      const interval = wilsonInterval(k, n)!;
      close(interval.lower, lower!, 'lower');
      close(interval.upper, upper!, 'upper');
    });
  }

  it('starts at exactly 0 for k = 0 and ends at exactly 1 for k = n', () => {
    assert.equal(wilsonInterval(0, 10)!.lower, 0);
    assert.equal(wilsonInterval(10, 10)!.upper, 1);
    assert.ok(wilsonInterval(0, 10)!.upper > 0.27);
    assert.ok(wilsonInterval(10, 10)!.lower < 0.73);
  });

  it('is wide for 3 examples', () => {
    const interval = wilsonInterval(2, 3)!;
    assert.ok(interval.upper - interval.lower > 0.7);
  });

  it('has no interval without data', () => {
    assert.equal(wilsonInterval(0, 0), null);
  });

  it('takes another confidence level through its critical value', () => {
    const interval = wilsonInterval(wilson90.k, wilson90.n, criticalValue(wilson90.alpha))!;
    close(interval.lower, wilson90.lower!, 'lower');
    close(interval.upper, wilson90.upper!, 'upper');
  });
});

describe('normal quantiles (scipy.stats.norm)', () => {
  it('computes two-sided critical values like norm.isf(alpha / 2)', () => {
    for (const { alpha, z } of criticalValues) close(criticalValue(alpha), z!, `alpha ${alpha}`);
    close(criticalValue(0.05), Z_95, 'Z_95');
    assert.throws(() => criticalValue(0));
    assert.throws(() => criticalValue(1));
  });

  it('inverts the normal CDF in all three AS241 regions', () => {
    for (const { p, z } of quantiles) {
      const x = normalQuantile(p);
      assert.ok(Math.abs(x - z!) <= TOLERANCE * Math.max(1, Math.abs(z!)), `p ${p}: ${x} != ${z}`);
    }
  });
});
