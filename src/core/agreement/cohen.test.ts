import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cohenKappa, pairwiseCohenKappa } from './cohen';
import { KRIPPENDORFF_2011, judgementsFromRows } from './fixtures/tables';

describe("Cohen's kappa", () => {
  it('equals sklearn cohen_kappa_score on a hand example, skipping items one rater left empty', () => {
    const j = judgementsFromRows([
      'cat dog cat bird dog cat cat dog bird cat .   dog',
      'cat cat cat bird dog dog cat dog cat  cat dog .',
    ]);
    const [pair] = pairwiseCohenKappa(j);
    assert.equal(pair.n, 10);
    // sklearn 1.2.1: cohen_kappa_score(A[:10], B[:10]) = 0.4915254237288136.
    assert.ok(Math.abs(pair.kappa! - 0.4915254237288136) < 1e-15);
    assert.equal(pair.observed, 0.7);
  });

  it("equals sklearn for every coder pair of Krippendorff's example", () => {
    const j = judgementsFromRows(KRIPPENDORFF_2011.rows);
    // sklearn 1.2.1 over the units both coders coded.
    const expected = [
      [9, 0.8448275862068966],
      [8, 0.4782608695652174],
      [9, 0.85],
      [9, 0.5423728813559321],
      [10, 0.8701298701298701],
      [10, 0.6153846153846154],
    ];
    const pairs = pairwiseCohenKappa(j);
    assert.deepEqual(
      pairs.map((p) => [p.a, p.b]),
      [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]],
    );
    pairs.forEach((p, k) => {
      assert.equal(p.n, expected[k][0]);
      assert.ok(Math.abs(p.kappa! - expected[k][1]) < 1e-15, `pair ${k}: ${p.kappa}`);
    });
  });

  it('is null with a reason when undefined', () => {
    assert.equal(cohenKappa(Int32Array.of(0, -1), Int32Array.of(-1, 1), 2).reason, 'no item was labeled by both');
    const same = cohenKappa(Int32Array.of(1, 1, 1), Int32Array.of(1, 1, 1), 2);
    assert.equal(same.kappa, null);
    assert.equal(same.expected, 1);
    assert.match(same.reason!, /expected agreement is 1/);
  });

  it('is 0 when one rater uses one category and the other varies (sklearn gives 0)', () => {
    assert.equal(cohenKappa(Int32Array.of(0, 0, 0, 0), Int32Array.of(0, 1, 0, 1), 2).kappa, 0);
  });
});

/** sklearn's own steps: confusion matrix, outer product of the marginals, off-diagonal weights. */
function sklearnKappa(x: number[], y: number[], k: number): number {
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  x.forEach((a, i) => confusion[a][y[i]]++);
  const sum0 = confusion[0].map((_, c) => confusion.reduce((s, row) => s + row[c], 0));
  const sum1 = confusion.map((row) => row.reduce((s, v) => s + v, 0));
  const total = sum0.reduce((s, v) => s + v, 0);
  let observed = 0;
  let expected = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      if (a === b) continue;
      observed += confusion[a][b];
      expected += (sum0[a] * sum1[b]) / total;
    }
  }
  return 1 - observed / expected;
}

describe("Cohen's kappa against sklearn's algorithm", () => {
  it('agrees on random pairs of columns', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 60 }), (pairs) => {
        const x = pairs.map((p) => p[0]);
        const y = pairs.map((p) => p[1]);
        const result = cohenKappa(Int32Array.from(x), Int32Array.from(y), 4);
        const reference = sklearnKappa(x, y, 4);
        if (result.kappa === null) assert.ok(Number.isNaN(reference));
        else assert.ok(Math.abs(result.kappa - reference) < 1e-12, `${result.kappa} vs ${reference}`);
      }),
    );
  });
});
