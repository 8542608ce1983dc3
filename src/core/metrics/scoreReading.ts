/**
 * How a binary score column is read (DOMAIN §1 "Reading values"). The column is P(positive)
 * unless its values or the predictions beside it say otherwise:
 * - scale: every score in [0, 1] is a probability; every score in [0, 100] with some above 1
 *   is a percent (read as score / 100); any score below 0 or above 100 makes the column
 *   logits or margins, kept on their own scale.
 * - meaning on the probability scale: P(positive) as written, P(the other class) (1 − score)
 *   or the confidence of each row's prediction (`inferScoreMeaning`).
 * - meaning on the logit scale: never 1 − score; negated when high scores go with predicting
 *   the other class (the scores rank predicted-negative rows above predicted-positive ones).
 * Thresholds, the PR curve and the best-F1 threshold are all on the scale read.
 */
import { binaryTruth, buildScoreCurve, rocAuc } from './ranking';

export type ScoreScale = 'probability' | 'percent' | 'logit';

/**
 * What the column holds once on its scale: 'positive' P(positive) (or a logit for it),
 * 'negative' P(the other class), read as 1 − score; 'prediction' the confidence of each
 * row's prediction; 'negated' a logit or margin for the other class, read as −score.
 */
export type ScoreMeaning = 'positive' | 'negative' | 'prediction' | 'negated';

export interface ScoreReading {
  scale: ScoreScale;
  meaning: ScoreMeaning;
}

/** The scale of a score column from its finite values (NaN cells are left out). */
export function detectScoreScale(scores: Float64Array): ScoreScale {
  let aboveOne = false;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!Number.isFinite(s)) continue;
    if (s < 0 || s > 100) return 'logit';
    if (s > 1) aboveOne = true;
  }
  return aboveOne ? 'percent' : 'probability';
}

/** The decision threshold when none is given: 0.5 for a probability, 0 for a logit or margin. */
export function defaultThreshold(scale: ScoreScale): number {
  return scale === 'logit' ? 0 : 0.5;
}

/** The score per row on the scale read (P(positive), or a logit/margin for the positive class), and how it was read. */
export function readScores(scores: Float64Array, prediction: Int32Array, positive: number): { reading: ScoreReading; values: Float64Array } {
  const scale = detectScoreScale(scores);
  if (scale === 'logit') {
    const meaning = contradictsPredictions(scores, prediction, positive) ? 'negated' : 'positive';
    return { reading: { scale, meaning }, values: meaning === 'negated' ? scores.map((s) => -s) : scores };
  }
  const probabilities = scale === 'percent' ? scores.map((s) => s / 100) : scores;
  const meaning = inferScoreMeaning(probabilities, prediction, positive);
  return { reading: { scale, meaning }, values: positiveProbabilities(probabilities, prediction, positive, meaning) };
}

/** True when the scores rank rows predicted as the other class above rows predicted positive (AUC against the predictions < 0.5). */
function contradictsPredictions(scores: Float64Array, prediction: Int32Array, positive: number): boolean {
  const auc = rocAuc(buildScoreCurve(scores, binaryTruth(prediction, positive))).value;
  return auc !== null && auc < 0.5;
}

/**
 * The meaning of a probability column from the predictions beside it. The role says
 * "probability of the positive class", and that reading is kept unless the predictions clearly
 * contradict it: when score ≥ 0.5 goes with predicting the other class in at least 80% of the
 * rows, the score is P(other class); when (nearly) every score is ≥ 0.5 while the predictions
 * are mixed, it is the confidence of each row's prediction.
 */
export function inferScoreMeaning(scores: Float64Array, prediction: Int32Array, positive: number): Exclude<ScoreMeaning, 'negated'> {
  let rows = 0;
  let agreesPositive = 0;
  let agreesNegative = 0;
  let high = 0;
  let predictedPositive = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    const p = prediction[i];
    if (Number.isNaN(s) || p < 0) continue;
    rows++;
    const isPositive = p === positive;
    if (isPositive) predictedPositive++;
    if (s >= 0.5) high++;
    if ((s >= 0.5) === isPositive) agreesPositive++;
    if ((s > 0.5) === !isPositive) agreesNegative++;
  }
  if (rows === 0) return 'positive';
  const mixed = predictedPositive > 0.05 * rows && predictedPositive < 0.95 * rows;
  if (mixed && high >= 0.99 * rows && agreesPositive < 0.8 * rows) return 'prediction';
  if (agreesNegative >= 0.8 * rows && agreesPositive <= 0.2 * rows) return 'negative';
  return 'positive';
}

/** P(positive) per row from a probability column read as `meaning`. */
export function positiveProbabilities(scores: Float64Array, prediction: Int32Array, positive: number, meaning: Exclude<ScoreMeaning, 'negated'>): Float64Array {
  if (meaning === 'positive') return scores;
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    out[i] = meaning === 'negative' || prediction[i] !== positive ? 1 - s : s;
  }
  return out;
}

/**
 * One sentence on how the column was read, for every output (CLI text, audit, Metrics view):
 * e.g. `prob read as a probability: P(pos) = prob`, `margin read as a logit or margin, negated: −margin`.
 */
export function describeScoreReading(reading: ScoreReading, column: string, positive: string): string {
  const value = reading.scale === 'percent' ? `${column} / 100` : column;
  const p = `P(${positive})`;
  if (reading.scale === 'logit') {
    return reading.meaning === 'negated'
      ? `${column} read as a logit or margin for the other class, negated: score for ${positive} = −${column} (high scores went with predicting the other class)`
      : `${column} read as a logit or margin for ${positive} (values outside 0–1; thresholds on its own scale)`;
  }
  const scale = reading.scale === 'percent' ? 'a percent' : 'a probability';
  if (reading.meaning === 'negative') return `${column} read as ${scale} of the other class: ${p} = 1 − ${value}`;
  if (reading.meaning === 'prediction') return `${column} read as ${scale}: the confidence of each prediction (${p} = ${value} where ${positive} is predicted, else 1 − ${value})`;
  return `${column} read as ${scale}: ${p} = ${value}`;
}
