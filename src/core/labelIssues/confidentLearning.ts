/**
 * Likely label errors from out-of-sample predicted probabilities (confident learning,
 * Northcutt et al., JAIR 2021), exactly as cleanlab's `find_label_issues(filter_by=
 * "confident_learning")` with `compute_confident_joint(calibrate=False)`: DOMAIN.md §7.
 */

/** Rows, given labels as class indices and their probabilities over the same classes. */
export interface ConfidentLearningInput {
  classCount: number;
  /** Per row: class index of the given label, -1 when missing. */
  given: Int32Array;
  /** Row-major, rows × classCount: P(class k) for row i at i·classCount + k; NaN when missing. */
  probabilities: Float64Array;
}

export interface LabelIssue {
  /** 0-based row index. */
  row: number;
  given: number;
  /** The likely true label (a class index). */
  suggested: number;
  /** p(given label): lower is more likely wrong. */
  selfConfidence: number;
  /** p(given) − max over the other classes. */
  normalizedMargin: number;
}

export interface ConfidentLearningResult {
  classCount: number;
  /** Rows with a label and every probability. */
  used: number;
  /** Rows left out: a missing label or probability. */
  leftOut: number;
  /** Per class: the mean probability of that class over the rows labelled with it (NaN when none). */
  thresholds: Float64Array;
  /** Rows = given label, columns = likely true label; diagonal raised to at least 1. */
  confidentJoint: number[][];
  /** Per row: the likely true label, -1 when no class was confident or the row was left out. */
  likely: Int32Array;
  /** Per row: 1 for a likely label error. */
  isIssue: Uint8Array;
  /** Likely label errors by self-confidence ascending, ties by row. */
  issues: LabelIssue[];
}

/** cleanlab's tolerance: a probability within 1e-6 of a class's threshold counts as confident. */
const THRESHOLD_TOLERANCE = 1e-6;

export function findLabelIssues(input: ConfidentLearningInput): ConfidentLearningResult {
  const { classCount: k, given, probabilities } = input;
  const rows = given.length;
  if (probabilities.length !== rows * k) throw new RangeError(`expected ${rows * k} probabilities, got ${probabilities.length}`);
  const usable = usableRows(input);
  const thresholds = classThresholds(input, usable);
  const likely = likelyLabels(input, usable, thresholds);
  const confidentJoint = jointOf(k, given, likely);
  const isIssue = new Uint8Array(rows);
  const issues: LabelIssue[] = [];
  for (let i = 0; i < rows; i++) {
    if (likely[i] < 0 || likely[i] === given[i]) continue;
    const base = i * k;
    // cleanlab ≥ 2.6 keeps a label the model's arg-max agrees with.
    if (argMax(probabilities, base, k) === given[i]) continue;
    isIssue[i] = 1;
    issues.push({ row: i, given: given[i], suggested: likely[i], selfConfidence: probabilities[base + given[i]], normalizedMargin: margin(probabilities, base, k, given[i]) });
  }
  issues.sort((a, b) => a.selfConfidence - b.selfConfidence || a.row - b.row);
  let used = 0;
  for (let i = 0; i < rows; i++) used += usable[i];
  return { classCount: k, used, leftOut: rows - used, thresholds, confidentJoint, likely, isIssue, issues };
}

/** Per row: 1 when it has a label in range and every probability is a number. */
function usableRows({ classCount: k, given, probabilities }: ConfidentLearningInput): Uint8Array {
  const usable = new Uint8Array(given.length);
  for (let i = 0; i < given.length; i++) {
    if (given[i] < 0 || given[i] >= k) continue;
    let ok = 1;
    for (let j = i * k; j < (i + 1) * k; j++) if (Number.isNaN(probabilities[j])) ok = 0;
    usable[i] = ok;
  }
  return usable;
}

function classThresholds({ classCount: k, given, probabilities }: ConfidentLearningInput, usable: Uint8Array): Float64Array {
  const sums = new Float64Array(k);
  const counts = new Float64Array(k);
  for (let i = 0; i < given.length; i++) {
    if (!usable[i]) continue;
    sums[given[i]] += probabilities[i * k + given[i]];
    counts[given[i]]++;
  }
  return sums.map((sum, j) => (counts[j] > 0 ? sum / counts[j] : Number.NaN));
}

function likelyLabels({ classCount: k, given, probabilities }: ConfidentLearningInput, usable: Uint8Array, thresholds: Float64Array): Int32Array {
  const likely = new Int32Array(given.length).fill(-1);
  for (let i = 0; i < given.length; i++) {
    if (!usable[i]) continue;
    const base = i * k;
    let confident = 0;
    let first = -1;
    for (let j = 0; j < k; j++) {
      // A class with no labelled rows has a NaN threshold and is never confident.
      if (probabilities[base + j] >= thresholds[j] - THRESHOLD_TOLERANCE) {
        confident++;
        if (first < 0) first = j;
      }
    }
    if (confident === 1) likely[i] = first;
    else if (confident > 1) likely[i] = argMax(probabilities, base, k);
  }
  return likely;
}

function jointOf(k: number, given: Int32Array, likely: Int32Array): number[][] {
  const joint = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < given.length; i++) if (likely[i] >= 0) joint[given[i]][likely[i]]++;
  for (let j = 0; j < k; j++) joint[j][j] = Math.max(1, joint[j][j]);
  return joint;
}

/** The first index of the largest probability in one row (numpy's `argmax`). */
function argMax(probabilities: Float64Array, base: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (probabilities[base + j] > probabilities[base + best]) best = j;
  return best;
}

function margin(probabilities: Float64Array, base: number, k: number, label: number): number {
  let other = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < k; j++) if (j !== label && probabilities[base + j] > other) other = probabilities[base + j];
  return probabilities[base + label] - other;
}

/** A likely label error as reports list it: 1-based row, file line, id, given and suggested class. */
export interface LabelIssueRow {
  row: number;
  line: number;
  id: string | null;
  label: string;
  suggested: string;
  selfConfidence: number;
  normalizedMargin: number;
}

/** The issues as report rows (`ids[i]` is the id of `issues[i]`'s row, or null). */
export function labelIssueRows(issues: readonly LabelIssue[], rowLines: ArrayLike<number>, classes: readonly string[], ids: readonly (string | null)[]): LabelIssueRow[] {
  return issues.map((e, i) => ({
    row: e.row + 1,
    line: rowLines[e.row],
    id: ids[i] ?? null,
    label: classes[e.given],
    suggested: classes[e.suggested],
    selfConfidence: e.selfConfidence,
    normalizedMargin: e.normalizedMargin,
  }));
}
