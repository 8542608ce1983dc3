/**
 * Per-class precision, recall, F1 and support with micro, macro and weighted averages,
 * as scikit-learn's `precision_recall_fscore_support` / `classification_report` with
 * `zero_division=0`: every division by zero gives 0 and raises a flag, never NaN.
 */
import type { Confusion } from './confusion';

/** Which figures were a division by zero, reported as 0. */
export interface ZeroDivisionFlags {
  /** Nothing was predicted as the class. */
  precision: boolean;
  /** The class has no examples (support 0). */
  recall: boolean;
  /** Precision or recall was a zero division (scikit-learn's "F-score is ill-defined" warning). */
  f1: boolean;
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  zeroDivision: ZeroDivisionFlags;
}

export interface ClassScores extends Scores {
  label: string;
  /** Examples with this label. */
  support: number;
  /** Examples predicted as this class. */
  predicted: number;
  truePositives: number;
}

export interface AverageScores extends Scores {
  /** Examples averaged over (all scored rows). */
  support: number;
}

export interface ClassificationReport {
  classes: ClassScores[];
  /** Share of scored rows whose prediction equals the label; 0 when there are none. */
  accuracy: number;
  /** Rows scored. */
  n: number;
  /** Rows left out: label or prediction empty. */
  skipped: number;
  /** Pooled counts over all classes; equals accuracy for single-label data. */
  micro: AverageScores;
  /** Unweighted mean of the per-class figures (zero divisions count as 0). */
  macro: AverageScores;
  /** Mean of the per-class figures weighted by support. */
  weighted: AverageScores;
}

/** The full report from a confusion matrix. */
export function classificationReport(confusion: Confusion): ClassificationReport {
  const k = confusion.classes.length;
  const classes = confusion.classes.map((label, c) => classScores(label, confusion.counts, k, c));
  const correct = classes.reduce((sum, s) => sum + s.truePositives, 0);
  const n = confusion.n;
  return {
    classes,
    accuracy: n === 0 ? 0 : correct / n,
    n,
    skipped: confusion.skipped,
    micro: { ...scoresFromCounts(correct, n, n), support: n },
    macro: averageScores(classes, false, n),
    weighted: averageScores(classes, true, n),
  };
}

/**
 * Precision, recall and F1 from counts. F1 is `2·P·R / (P + R)` with 0 when `P + R = 0`,
 * scikit-learn 1.2's formula, so that results agree to the last bit.
 */
export function scoresFromCounts(truePositives: number, predicted: number, support: number): Scores {
  const precision = predicted === 0 ? 0 : truePositives / predicted;
  const recall = support === 0 ? 0 : truePositives / support;
  return {
    precision,
    recall,
    f1: f1FromPrecisionRecall(precision, recall),
    zeroDivision: { precision: predicted === 0, recall: support === 0, f1: predicted === 0 || support === 0 },
  };
}

export function f1FromPrecisionRecall(precision: number, recall: number): number {
  const denominator = precision + recall;
  return denominator === 0 ? 0 : (2 * precision * recall) / denominator;
}

/**
 * Macro F1 over the classes present in these counts (support > 0 or predicted > 0), i.e.
 * `f1_score(y_true, y_pred, average='macro', zero_division=0)` on the rows counted.
 * Counts for group `g` sit at `offset = g * classCount`. Returns 0 when no class is present.
 */
export function macroF1FromCounts(
  truePositives: ArrayLike<number>,
  support: ArrayLike<number>,
  predicted: ArrayLike<number>,
  offset: number,
  classCount: number,
): number {
  let sum = 0;
  let present = 0;
  for (let c = offset; c < offset + classCount; c++) {
    if (support[c] === 0 && predicted[c] === 0) continue;
    const precision = predicted[c] === 0 ? 0 : truePositives[c] / predicted[c];
    const recall = support[c] === 0 ? 0 : truePositives[c] / support[c];
    sum += f1FromPrecisionRecall(precision, recall);
    present++;
  }
  return present === 0 ? 0 : sum / present;
}

function classScores(label: string, counts: Float64Array, k: number, c: number): ClassScores {
  let support = 0;
  let predicted = 0;
  for (let j = 0; j < k; j++) {
    support += counts[c * k + j];
    predicted += counts[j * k + c];
  }
  const truePositives = counts[c * k + c];
  return { label, support, predicted, truePositives, ...scoresFromCounts(truePositives, predicted, support) };
}

// Weighted: a zero-support class has weight 0, so its substituted zeros do not taint the result.
function averageScores(classes: ClassScores[], weighted: boolean, n: number): AverageScores {
  const totalWeight = weighted ? n : classes.length;
  if (totalWeight === 0) {
    return { precision: 0, recall: 0, f1: 0, support: n, zeroDivision: { precision: true, recall: true, f1: true } };
  }
  let precision = 0;
  let recall = 0;
  let f1 = 0;
  const flags = { precision: false, recall: false, f1: false };
  for (const s of classes) {
    const w = weighted ? s.support : 1;
    precision += s.precision * w;
    recall += s.recall * w;
    f1 += s.f1 * w;
    if (w === 0) continue;
    flags.precision ||= s.zeroDivision.precision;
    flags.recall ||= s.zeroDivision.recall;
    flags.f1 ||= s.zeroDivision.f1;
  }
  return { precision: precision / totalWeight, recall: recall / totalWeight, f1: f1 / totalWeight, support: n, zeroDivision: flags };
}
