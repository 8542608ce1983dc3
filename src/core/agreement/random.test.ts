import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drawBinomial, mulberry32 } from './random';

describe('seeded sampling', () => {
  it('mulberry32 repeats for a seed and stays inside (0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let k = 0; k < 1000; k++) {
      const x = a();
      assert.equal(x, b());
      assert.ok(x > 0 && x < 1);
    }
  });

  for (const [n, p] of [
    [20, 0.1],
    [1000, 0.3],
    [1_000_000, 0.01],
    [50, 0.9],
  ]) {
    it(`Binomial(${n}, ${p}) has the right mean and variance`, () => {
      const uniform = mulberry32(n);
      const draws = Array.from({ length: 20000 }, () => drawBinomial(n, p, uniform));
      const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
      const variance = draws.reduce((s, v) => s + (v - mean) ** 2, 0) / (draws.length - 1);
      const sd = Math.sqrt(n * p * (1 - p));
      assert.ok(Math.abs(mean - n * p) < (4 * sd) / Math.sqrt(draws.length), `mean ${mean}`);
      assert.ok(Math.abs(variance / (sd * sd) - 1) < 0.05, `variance ${variance}`);
      assert.ok(draws.every((d) => Number.isInteger(d) && d >= 0 && d <= n));
    });
  }

  for (const [n, p] of [
    [100, 0.2],
    [30, 0.1],
  ]) {
    it(`Binomial(${n}, ${p}) follows the exact distribution (Kolmogorov–Smirnov)`, () => {
      const pmf = [(1 - p) ** n];
      for (let k = 1; k <= n; k++) pmf.push((pmf[k - 1] * (n - k + 1) * p) / (k * (1 - p)));
      const uniform = mulberry32(5);
      const histogram = new Array<number>(n + 1).fill(0);
      const draws = 50000;
      for (let d = 0; d < draws; d++) histogram[drawBinomial(n, p, uniform)]++;
      let exact = 0;
      let seen = 0;
      let ks = 0;
      for (let k = 0; k <= n; k++) {
        exact += pmf[k];
        seen += histogram[k] / draws;
        ks = Math.max(ks, Math.abs(exact - seen));
      }
      assert.ok(ks < 1.63 / Math.sqrt(draws), `KS distance ${ks}`);
    });
  }

  it('handles the edges', () => {
    const uniform = mulberry32(1);
    assert.deepEqual([drawBinomial(0, 0.5, uniform), drawBinomial(9, 0, uniform), drawBinomial(9, 1, uniform), drawBinomial(9, Number.NaN, uniform)], [0, 0, 9, 0]);
  });
});
