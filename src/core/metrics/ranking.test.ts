import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { scoresOf } from './fixtures/encode';
import { allNegativeRocAucError, allPositive, binaryRandom, binaryTies } from './fixtures/sklearnReference';
import {
  averagePrecision,
  bestF1Threshold,
  binaryTruth,
  buildScoreCurve,
  defaultPositiveClass,
  metricsAtThreshold,
  precisionRecallCurve,
  rocAuc,
  TRUTH_MISSING,
} from './ranking';

const TOLERANCE = 1e-12;

function close(actual: number | null, expected: number | null, what: string): void {
  assert.ok(actual !== null && expected !== null, `${what}: ${actual} vs ${expected}`);
  assert.ok(Math.abs(actual - expected) <= TOLERANCE, `${what}: ${actual} != ${expected}`);
}

function closeArray(actual: Float64Array, expected: readonly (number | null)[], what: string): void {
  assert.equal(actual.length, expected.length, `${what} length`);
  actual.forEach((x, i) => close(x, expected[i], `${what}[${i}]`));
}

describe('ranking metrics (sklearn precision_recall_curve, average_precision_score, roc_auc_score)', () => {
  for (const [name, fixture] of Object.entries({ binaryTies, binaryRandom })) {
    it(`matches scikit-learn with tied scores: ${name}`, () => {
      const curve = buildScoreCurve(scoresOf(fixture.scores), Uint8Array.from(fixture.truth));
      assert.equal(curve.nanScores, fixture.nanScores);
      const pr = precisionRecallCurve(curve);
      closeArray(pr.precision, fixture.pr.precision, 'precision');
      closeArray(pr.recall, fixture.pr.recall, 'recall');
      closeArray(pr.thresholds, fixture.pr.thresholds, 'thresholds');
      close(averagePrecision(curve).value, fixture.averagePrecision, 'average precision');
      close(rocAuc(curve).value, fixture.rocAuc, 'ROC AUC');
      const at = metricsAtThreshold(curve, fixture.threshold);
      close(at.precision, fixture.atThreshold.precision, 'precision at threshold');
      close(at.recall, fixture.atThreshold.recall, 'recall at threshold');
      close(at.f1, fixture.atThreshold.f1, 'F1 at threshold');
      const best = bestF1Threshold(curve)!;
      assert.equal(best.threshold, fixture.bestF1.threshold);
      close(best.f1, fixture.bestF1.f1, 'best F1');
    });
  }

  it('groups tied scores into one point (hand-checked)', () => {
    // Scores 0.8 (pos), 0.8 (neg), 0.4 (pos), 0.4 (neg): two thresholds, a diagonal step each.
    const curve = buildScoreCurve(Float64Array.of(0.8, 0.4, 0.8, 0.4), Uint8Array.of(1, 1, 0, 0));
    assert.deepEqual([...curve.thresholds], [0.8, 0.4]);
    assert.deepEqual([...curve.truePositives], [1, 2]);
    assert.deepEqual([...curve.falsePositives], [1, 2]);
    assert.equal(rocAuc(curve).value, 0.5);
    assert.equal(averagePrecision(curve).value, 0.5);
  });

  it('returns null ROC AUC, with the reason, for all-positive or all-negative truth', () => {
    const positive = buildScoreCurve(scoresOf(allPositive.scores), Uint8Array.from(allPositive.truth));
    assert.equal(allPositive.rocAuc, null); // scikit-learn raises: allPositive.rocAucError
    assert.deepEqual(rocAuc(positive), { value: null, reason: 'only positive examples: ROC AUC needs both classes' });
    close(averagePrecision(positive).value, allPositive.averagePrecision, 'AP with only positives');
    const negative = buildScoreCurve(Float64Array.of(0.2, 0.9, 0.9), Uint8Array.of(0, 0, 0));
    assert.match(allNegativeRocAucError, /Only one class present/);
    assert.deepEqual(rocAuc(negative), { value: null, reason: 'only negative examples: ROC AUC needs both classes' });
    assert.equal(averagePrecision(negative).value, null);
    assert.equal(bestF1Threshold(negative), null);
    // scikit-learn sets recall to 1 when there are no positives.
    assert.deepEqual([...precisionRecallCurve(negative).recall], [1, 1, 0]);
  });

  it('excludes NaN scores and missing truth, and counts them', () => {
    const curve = buildScoreCurve(Float64Array.of(0.1, Number.NaN, 0.7, 0.3), Uint8Array.of(0, 1, TRUTH_MISSING, 1));
    assert.equal(curve.nanScores, 1);
    assert.equal(curve.missingTruth, 1);
    assert.equal(curve.positives, 1);
    assert.equal(curve.negatives, 1);
    assert.equal(rocAuc(curve).value, 1);
    const empty = buildScoreCurve(Float64Array.of(Number.NaN), [true]);
    assert.equal(rocAuc(empty).value, null);
    assert.equal(averagePrecision(empty).value, null);
  });

  it('refuses truth and scores of different lengths', () => {
    assert.throws(() => buildScoreCurve(Float64Array.of(0.1, 0.2), Uint8Array.of(1)), RangeError);
  });

  it('accepts boolean truth', () => {
    const a = buildScoreCurve(Float64Array.of(0.9, 0.2, 0.5), [true, false, false]);
    const b = buildScoreCurve(Float64Array.of(0.9, 0.2, 0.5), Uint8Array.of(1, 0, 0));
    assert.deepEqual(a, b);
  });

  it('predicts positive at score >= threshold, between and beyond curve points', () => {
    const curve = buildScoreCurve(Float64Array.of(0.9, 0.6, 0.6, 0.2), Uint8Array.of(1, 1, 0, 0));
    const at = metricsAtThreshold(curve, 0.6);
    assert.deepEqual([at.truePositives, at.falsePositives, at.falseNegatives, at.trueNegatives], [2, 1, 0, 1]);
    assert.deepEqual([metricsAtThreshold(curve, 0.7).truePositives, metricsAtThreshold(curve, 0.7).falsePositives], [1, 0]);
    const none = metricsAtThreshold(curve, 0.95);
    assert.deepEqual([none.precision, none.recall, none.f1], [0, 0, 0]);
    assert.deepEqual(none.zeroDivision, { precision: true, recall: false, f1: true });
    assert.equal(metricsAtThreshold(curve, 0).recall, 1);
  });

  it('breaks F1 ties toward the higher threshold', () => {
    // Threshold 0.9: tp 1, fp 0 → F1 2/3. Threshold 0.5: tp 2, fp 2 → F1 4/6 = 2/3.
    const curve = buildScoreCurve(Float64Array.of(0.9, 0.5, 0.5, 0.5, 0.1), Uint8Array.of(1, 1, 0, 0, 0));
    assert.equal(bestF1Threshold(curve)!.threshold, 0.9);
  });

  it('picks the minority class of the labels as positive, ties to the later class', () => {
    assert.equal(defaultPositiveClass(Int32Array.of(0, 0, 1, -1), 2), 1);
    assert.equal(defaultPositiveClass(Int32Array.of(0, 1, 1), 2), 0);
    assert.equal(defaultPositiveClass(Int32Array.of(0, 1), 2), 1);
    assert.equal(defaultPositiveClass(Int32Array.of(0, 0), 2), 1); // class 1 only among predictions
    assert.equal(defaultPositiveClass(Int32Array.of(), 0), -1);
    assert.deepEqual([...binaryTruth(Int32Array.of(1, 0, -1, 2), 1)], [1, 0, TRUTH_MISSING, 0]);
  });

  it('agrees with the pairwise definition of ROC AUC and the step definition of AP (property)', () => {
    const data = fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.boolean()), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(data, (rows) => {
        const scores = Float64Array.from(rows, ([s]) => s / 6);
        const truth = rows.map(([, t]) => t);
        const curve = buildScoreCurve(scores, truth);
        const pos = rows.filter(([, t]) => t).map(([s]) => s);
        const neg = rows.filter(([, t]) => !t).map(([s]) => s);
        const auc = rocAuc(curve).value;
        if (pos.length === 0 || neg.length === 0) assert.equal(auc, null);
        else {
          let wins = 0;
          for (const p of pos) for (const q of neg) wins += p > q ? 1 : p === q ? 0.5 : 0;
          close(auc, wins / (pos.length * neg.length), 'AUC');
        }
        if (pos.length > 0) {
          // AP = mean over positives of the precision at that positive's score.
          let ap = 0;
          for (const p of pos) ap += pos.filter((x) => x >= p).length / rows.filter(([s]) => s >= p).length;
          close(averagePrecision(curve).value, ap / pos.length, 'AP');
          const best = bestF1Threshold(curve)!;
          for (const t of curve.thresholds) assert.ok(metricsAtThreshold(curve, t).f1 <= best.f1 + 1e-15);
        }
      }),
      { numRuns: 300 },
    );
  });
});
