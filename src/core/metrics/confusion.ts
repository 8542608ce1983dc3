/** Confusion matrix (rows = label, columns = prediction), as scikit-learn's `confusion_matrix`. */

export interface Confusion {
  classes: string[];
  /** Row-major `classes.length × classes.length` counts: `counts[label * k + prediction]`. */
  counts: Float64Array;
  /** Rows counted: label and prediction both present. */
  n: number;
  /** Rows left out: label or prediction empty. */
  skipped: number;
}

/** Counts every row whose label and prediction are both present (class index >= 0). */
export function computeConfusion(classes: readonly string[], truth: Int32Array, prediction: Int32Array): Confusion {
  if (prediction.length !== truth.length) throw new RangeError(`${truth.length} labels but ${prediction.length} predictions`);
  const k = classes.length;
  const counts = new Float64Array(k * k);
  let n = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i];
    const p = prediction[i];
    if (t < 0 || p < 0) continue;
    counts[t * k + p]++;
    n++;
  }
  return { classes: [...classes], counts, n, skipped: truth.length - n };
}

/**
 * Each row divided by its label's count (`normalize='true'`): the share of each label
 * predicted as each class. A row with no examples stays 0, as scikit-learn's `nan_to_num` leaves it.
 */
export function normalizeConfusionRows(confusion: Confusion): Float64Array {
  const k = confusion.classes.length;
  const out = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    let total = 0;
    for (let c = 0; c < k; c++) total += confusion.counts[r * k + c];
    if (total === 0) continue;
    for (let c = 0; c < k; c++) out[r * k + c] = confusion.counts[r * k + c] / total;
  }
  return out;
}

/** A flat row-major square matrix as rows, for display and for comparing with nested lists. */
export function matrixRows(flat: Float64Array, size: number): number[][] {
  const rows: number[][] = [];
  for (let r = 0; r < size; r++) rows.push(Array.from(flat.subarray(r * size, (r + 1) * size)));
  return rows;
}
