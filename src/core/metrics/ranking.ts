/**
 * Binary metrics from a score (probability of the positive class), as scikit-learn's
 * `precision_recall_curve`, `average_precision_score` and `roc_auc_score`. A row is
 * predicted positive when its score is >= the threshold. Everything is built from one
 * `ScoreCurve`: counts at each distinct score, highest first (`_binary_clf_curve`).
 */
import { scoresFromCounts, type Scores } from './classification';

/** Truth per row: 1 (or true) = positive, 0 (or false) = negative, `TRUTH_MISSING` = no label. */
export type BinaryTruth = Uint8Array | readonly boolean[];

export const TRUTH_MISSING = 255;

export interface ScoreCurve {
  /** Distinct scores, highest first. */
  thresholds: Float64Array;
  /** Positives with score >= `thresholds[i]`. */
  truePositives: Float64Array;
  /** Negatives with score >= `thresholds[i]`. */
  falsePositives: Float64Array;
  positives: number;
  negatives: number;
  /** Rows left out because their score is not a finite number (empty, `n/a`, `Infinity`). */
  nanScores: number;
  /** Rows left out because their truth is missing. */
  missingTruth: number;
}

export interface ThresholdMetrics extends Scores {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

/** `precision_recall_curve`'s output: precision and recall end with (1, 0); thresholds ascend. */
export interface PrecisionRecallCurve {
  precision: Float64Array;
  recall: Float64Array;
  thresholds: Float64Array;
}

/** A figure that can be undefined for the data; `reason` says why when `value` is null. */
export interface MaybeScore {
  value: number | null;
  reason: string | null;
}

/**
 * Counts at every distinct score. Positives' and negatives' scores are sorted apart (native
 * typed-array sort, no comparator, no per-row objects) and merged from the top: O(n log n).
 */
export function buildScoreCurve(scores: Float64Array, truth: BinaryTruth): ScoreCurve {
  if (truth.length !== scores.length) throw new RangeError(`${scores.length} scores but ${truth.length} truth values`);
  const { positive, negative, nanScores, missingTruth } = splitScores(scores, truth);
  positive.sort();
  negative.sort();
  const capacity = positive.length + negative.length;
  const thresholds = new Float64Array(capacity);
  const truePositives = new Float64Array(capacity);
  const falsePositives = new Float64Array(capacity);
  let i = positive.length - 1;
  let j = negative.length - 1;
  let tp = 0;
  let fp = 0;
  let size = 0;
  while (i >= 0 || j >= 0) {
    const score = i < 0 ? negative[j] : j < 0 ? positive[i] : Math.max(positive[i], negative[j]);
    // `===` groups -0 with 0, as numpy's diff does.
    while (i >= 0 && positive[i] === score) {
      tp++;
      i--;
    }
    while (j >= 0 && negative[j] === score) {
      fp++;
      j--;
    }
    thresholds[size] = score;
    truePositives[size] = tp;
    falsePositives[size] = fp;
    size++;
  }
  return {
    thresholds: thresholds.slice(0, size),
    truePositives: truePositives.slice(0, size),
    falsePositives: falsePositives.slice(0, size),
    positives: positive.length,
    negatives: negative.length,
    nanScores,
    missingTruth,
  };
}

/** Confusion counts and precision/recall/F1 when predicting positive for score >= threshold. */
export function metricsAtThreshold(curve: ScoreCurve, threshold: number): ThresholdMetrics {
  const index = lastIndexAtOrAbove(curve.thresholds, threshold);
  const tp = index < 0 ? 0 : curve.truePositives[index];
  const fp = index < 0 ? 0 : curve.falsePositives[index];
  return metricsFromCounts(curve, threshold, tp, fp);
}

/**
 * Exactly `sklearn.metrics.precision_recall_curve` (1.2, no points dropped): one point per
 * distinct score in ascending threshold order, then the (precision 1, recall 0) end point.
 * With no positives recall is 1 everywhere, as scikit-learn sets it.
 */
export function precisionRecallCurve(curve: ScoreCurve): PrecisionRecallCurve {
  const k = curve.thresholds.length;
  const precision = new Float64Array(k + 1);
  const recall = new Float64Array(k + 1);
  const thresholds = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const at = k - 1 - i;
    const tp = curve.truePositives[at];
    const predicted = tp + curve.falsePositives[at];
    precision[i] = predicted === 0 ? 0 : tp / predicted;
    recall[i] = curve.positives === 0 ? 1 : tp / curve.positives;
    thresholds[i] = curve.thresholds[at];
  }
  precision[k] = 1;
  recall[k] = 0;
  return { precision, recall, thresholds };
}

/**
 * `average_precision_score`: Σ (Rₙ − Rₙ₋₁) · Pₙ over the curve's steps. Null without
 * positives (recall is undefined; scikit-learn warns and returns 0) or without scored rows.
 */
export function averagePrecision(curve: ScoreCurve): MaybeScore {
  if (curve.thresholds.length === 0) return { value: null, reason: 'no rows with a score and a label' };
  if (curve.positives === 0) return { value: null, reason: 'no positive examples, so recall is undefined' };
  let sum = 0;
  let compensation = 0;
  let previousTp = 0;
  for (let i = 0; i < curve.thresholds.length; i++) {
    const tp = curve.truePositives[i];
    if (tp === previousTp) continue;
    const precision = tp / (tp + curve.falsePositives[i]);
    const term = ((tp - previousTp) / curve.positives) * precision;
    // Neumaier summation: the sum stays correct to the last bits on a million steps.
    const next = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum;
    sum = next;
    previousTp = tp;
  }
  return { value: sum + compensation, reason: null };
}

/**
 * `roc_auc_score`: the trapezoid area under the ROC curve, tied scores forming one diagonal
 * step. Computed on integer counts (Σ Δfp · (tpₙ + tpₙ₋₁), exact below 2^53) and divided once.
 * Null when the truth has a single class: the ROC curve needs positives and negatives.
 */
export function rocAuc(curve: ScoreCurve): MaybeScore {
  if (curve.thresholds.length === 0) return { value: null, reason: 'no rows with a score and a label' };
  if (curve.positives === 0) return { value: null, reason: 'only negative examples: ROC AUC needs both classes' };
  if (curve.negatives === 0) return { value: null, reason: 'only positive examples: ROC AUC needs both classes' };
  let twiceArea = 0;
  let previousTp = 0;
  let previousFp = 0;
  for (let i = 0; i < curve.thresholds.length; i++) {
    const tp = curve.truePositives[i];
    const fp = curve.falsePositives[i];
    twiceArea += (fp - previousFp) * (tp + previousTp);
    previousTp = tp;
    previousFp = fp;
  }
  return { value: twiceArea / (2 * curve.positives * curve.negatives), reason: null };
}

/**
 * The PR-curve threshold with the highest F1. Ties go to the higher threshold (fewer rows
 * flagged positive for the same F1). F1s are compared as exact fractions
 * `2tp / (tp + fp + P)`, so float rounding never breaks a tie. Null without positives
 * (F1 is 0 at every threshold) or without scored rows.
 */
export function bestF1Threshold(curve: ScoreCurve): ThresholdMetrics | null {
  if (curve.positives === 0 || curve.thresholds.length === 0) return null;
  let best = 0;
  for (let i = 1; i < curve.thresholds.length; i++) {
    const tp = curve.truePositives[i];
    const bestTp = curve.truePositives[best];
    const left = 2 * tp * (bestTp + curve.falsePositives[best] + curve.positives);
    const right = 2 * bestTp * (tp + curve.falsePositives[i] + curve.positives);
    if (left > right) best = i;
  }
  return metricsFromCounts(curve, curve.thresholds[best], curve.truePositives[best], curve.falsePositives[best]);
}

/**
 * The class to treat as positive by default: the label's minority class, counting a class
 * seen only among predictions as 0 rows. Ties go to the later class in sorted order, so
 * "0"/"1", "neg"/"pos" and "no"/"yes" pick the second. -1 when there are no classes.
 */
export function defaultPositiveClass(truth: Int32Array, classCount: number): number {
  const counts = new Float64Array(classCount);
  for (let i = 0; i < truth.length; i++) if (truth[i] >= 0) counts[truth[i]]++;
  let best = -1;
  for (let c = 0; c < classCount; c++) if (best < 0 || counts[c] <= counts[best]) best = c;
  return best;
}

/** Truth for ranking metrics: 1 where the label is `positiveClass`, `TRUTH_MISSING` where empty. */
export function binaryTruth(truth: Int32Array, positiveClass: number): Uint8Array {
  const out = new Uint8Array(truth.length);
  for (let i = 0; i < truth.length; i++) out[i] = truth[i] < 0 ? TRUTH_MISSING : truth[i] === positiveClass ? 1 : 0;
  return out;
}

function metricsFromCounts(curve: ScoreCurve, threshold: number, tp: number, fp: number): ThresholdMetrics {
  return {
    threshold,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: curve.positives - tp,
    trueNegatives: curve.negatives - fp,
    ...scoresFromCounts(tp, tp + fp, curve.positives),
  };
}

// Thresholds descend: the last index whose score is still >= the threshold, -1 if none.
function lastIndexAtOrAbove(thresholds: Float64Array, threshold: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (thresholds[mid] >= threshold) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function splitScores(
  scores: Float64Array,
  truth: BinaryTruth,
): { positive: Float64Array; negative: Float64Array; nanScores: number; missingTruth: number } {
  let positives = 0;
  let negatives = 0;
  let nanScores = 0;
  let missingTruth = 0;
  for (let i = 0; i < scores.length; i++) {
    const t = truthAt(truth, i);
    if (t === TRUTH_MISSING) missingTruth++;
    else if (!Number.isFinite(scores[i])) nanScores++;
    else if (t === 1) positives++;
    else negatives++;
  }
  const positive = new Float64Array(positives);
  const negative = new Float64Array(negatives);
  let p = 0;
  let q = 0;
  for (let i = 0; i < scores.length; i++) {
    const t = truthAt(truth, i);
    if (t === TRUTH_MISSING || !Number.isFinite(scores[i])) continue;
    if (t === 1) positive[p++] = scores[i];
    else negative[q++] = scores[i];
  }
  return { positive, negative, nanScores, missingTruth };
}

// Any non-zero byte other than TRUTH_MISSING counts as positive.
function truthAt(truth: BinaryTruth, i: number): number {
  const t = truth[i];
  if (typeof t === 'boolean') return t ? 1 : 0;
  return t === TRUTH_MISSING ? TRUTH_MISSING : t === 0 ? 0 : 1;
}
