import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { computeAmbiguity } from './ambiguity';
import { pairwiseCohenKappa } from './cohen';
import { computeConsensus } from './consensus';
import { fleissKappa } from './fleiss';
import type { Judgements } from './judgements';
import { krippendorffAlpha } from './krippendorff';
import { bootstrapKrippendorffAlpha } from './krippendorffBootstrap';
import { computeLabelerStats, estimateHlp } from './labelers';
import { percentAgreement } from './percentAgreement';

const judgementsOf = (rows: number[][], categories: string[]): Judgements => ({
  itemCount: rows[0].length,
  raters: rows.map((r) => Int32Array.from(r)),
  raterNames: rows.map((_, k) => `r${k}`),
  categories,
  itemIds: null,
});

/** Random judgements (2–5 raters, 1–30 items, 2–6 categories, some missing) and a renaming. */
const renamed = fc
  .record({ k: fc.integer({ min: 2, max: 6 }), raters: fc.integer({ min: 2, max: 5 }), items: fc.integer({ min: 1, max: 30 }) })
  .chain(({ k, raters, items }) =>
    fc.record({
      k: fc.constant(k),
      rows: fc.array(fc.array(fc.integer({ min: -1, max: k - 1 }), { minLength: items, maxLength: items }), { minLength: raters, maxLength: raters }),
      permutation: fc.shuffledSubarray([...Array(k).keys()], { minLength: k, maxLength: k }),
    }),
  );

/** The same judgements with category c renamed to permutation[c] (names follow their codes). */
function rename(rows: number[][], k: number, permutation: number[]): [Judgements, Judgements] {
  const names = Array.from({ length: k }, (_, c) => `class${c}`);
  const renamedNames = new Array<string>(k);
  names.forEach((name, c) => (renamedNames[permutation[c]] = name));
  const renamedRows = rows.map((r) => r.map((c) => (c < 0 ? c : permutation[c])));
  return [judgementsOf(rows, names), judgementsOf(renamedRows, renamedNames)];
}

const mapCode = (permutation: number[]) => (c: number) => (c < 0 ? c : permutation[c]);
const permuteVector = (v: Float64Array, permutation: number[]) => {
  const out = new Float64Array(v.length);
  v.forEach((x, c) => (out[permutation[c]] = x));
  return out;
};

describe('agreement statistics are invariant to renaming classes', () => {
  it('consensus, percent agreement, kappas, alpha and its interval', () => {
    fc.assert(
      fc.property(renamed, ({ k, rows, permutation }) => {
        const [a, b] = rename(rows, k, permutation);
        const ca = computeConsensus(a);
        const cb = computeConsensus(b);
        assert.deepEqual([...cb.modal], [...ca.modal].map(mapCode(permutation)));
        assert.deepEqual([ca.agreement, ca.labelCount, ca.disagreement], [cb.agreement, cb.labelCount, cb.disagreement]);
        assert.deepEqual(percentAgreement(b), percentAgreement(a));
        assert.deepEqual(pairwiseCohenKappa(b), pairwiseCohenKappa(a));
        assert.deepEqual(fleissKappa(b), fleissKappa(a));
        assert.deepEqual(krippendorffAlpha(b), krippendorffAlpha(a));
        assert.deepEqual(bootstrapKrippendorffAlpha(b, { replicates: 20 }), bootstrapKrippendorffAlpha(a, { replicates: 20 }));
      }),
    );
  });

  it('ambiguity pairs, labeler statistics and HLP', () => {
    fc.assert(
      fc.property(renamed, ({ k, rows, permutation }) => {
        const [a, b] = rename(rows, k, permutation);
        const key = (x: number, y: number) => `${Math.min(x, y)}-${Math.max(x, y)}`;
        const pairsA = new Map(computeAmbiguity(a).pairs.map((p) => [key(permutation[p.a], permutation[p.b]), [p.count, p.items, p.rate]]));
        const pairsB = new Map(computeAmbiguity(b).pairs.map((p) => [key(p.a, p.b), [p.count, p.items, p.rate]]));
        assert.deepEqual(pairsB, pairsA);
        const sa = computeLabelerStats(a);
        const sb = computeLabelerStats(b);
        sa.forEach((x, r) => {
          const y = sb[r];
          assert.deepEqual([y.labeled, y.compared, y.agreed, y.alone, y.othersTied, y.agreement, y.kappa], [x.labeled, x.compared, x.agreed, x.alone, x.othersTied, x.agreement, x.kappa]);
          assert.deepEqual(y.disagreementsByClass, permuteVector(x.disagreementsByClass, permutation));
          assert.equal(y.mostDisagreed?.disagreements, x.mostDisagreed?.disagreements);
        });
        assert.deepEqual(estimateHlp(b), estimateHlp(a));
      }),
    );
  });
});

describe('identical raters agree perfectly', () => {
  it('alpha, every kappa, percent agreement and HLP are 1', () => {
    const column = fc.array(fc.integer({ min: -1, max: 4 }), { minLength: 2, maxLength: 40 });
    fc.assert(
      fc.property(column, fc.integer({ min: 2, max: 5 }), (codes, raters) => {
        fc.pre(new Set(codes.filter((c) => c >= 0)).size >= 2);
        const j = judgementsOf(Array.from({ length: raters }, () => codes), ['a', 'b', 'c', 'd', 'e']);
        assert.equal(krippendorffAlpha(j).alpha, 1);
        assert.equal(fleissKappa(j).kappa, 1);
        for (const pair of pairwiseCohenKappa(j)) assert.equal(pair.kappa, 1);
        assert.equal(percentAgreement(j).value, 1);
        assert.equal(estimateHlp(j).hlp, 1);
        const interval = bootstrapKrippendorffAlpha(j, { replicates: 20 });
        assert.ok(interval.lower === null || (interval.lower === 1 && interval.upper === 1));
      }),
    );
  });
});
