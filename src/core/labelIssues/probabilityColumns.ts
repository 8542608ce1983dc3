/**
 * Per-class probability columns (`p_cat`, `prob_dog`, `proba_1`, `score_cat`, `cat_prob`):
 * which header holds P(class) for each class, and the probabilities read row by row with
 * the checks DOMAIN.md §7 asks for (numbers in [0, 1], rows that sum to 1 ± 0.01).
 */
import { isFiniteNumberText } from '../metrics/classes';

const PREFIXES = ['p_', 'prob_', 'proba_', 'probability_', 'score_'];
const SUFFIXES = ['_prob', '_proba', '_probability'];

/** The class a header names as a probability column, or undefined. */
export function classOfProbabilityHeader(header: string): string | undefined {
  const name = header.trim();
  const lower = name.toLowerCase();
  for (const prefix of PREFIXES) if (lower.startsWith(prefix) && name.length > prefix.length) return name.slice(prefix.length);
  for (const suffix of SUFFIXES) if (lower.endsWith(suffix) && name.length > suffix.length) return name.slice(0, name.length - suffix.length);
  return undefined;
}

export interface ProbabilityColumnMatch {
  /** Per class (in the order given): the column index holding P(class), -1 when none. */
  columnOfClass: number[];
  /** Classes with no column. */
  missing: string[];
}

/**
 * Matches headers to classes: exact text first, then the same number (`p_1` for class `1.0`
 * when classes are numeric), then case-insensitively when that is unambiguous.
 */
export function matchProbabilityColumns(headers: readonly string[], classes: readonly string[], numeric: boolean): ProbabilityColumnMatch {
  const named = new Map<string, number[]>();
  headers.forEach((header, index) => {
    const cls = classOfProbabilityHeader(header);
    if (cls === undefined) return;
    const list = named.get(cls) ?? [];
    list.push(index);
    named.set(cls, list);
  });
  const columnOfClass = classes.map((cls) => columnFor(named, cls, numeric));
  return { columnOfClass, missing: classes.filter((_, i) => columnOfClass[i] < 0) };
}

function columnFor(named: Map<string, number[]>, cls: string, numeric: boolean): number {
  const exact = named.get(cls);
  if (exact?.length === 1) return exact[0];
  if (numeric && isFiniteNumberText(cls)) {
    const byValue = [...named].filter(([name]) => isFiniteNumberText(name) && Number(name) === Number(cls)).flatMap(([, cols]) => cols);
    if (byValue.length === 1) return byValue[0];
  }
  const folded = [...named].filter(([name]) => name.toLowerCase() === cls.toLowerCase()).flatMap(([, cols]) => cols);
  return folded.length === 1 ? folded[0] : -1;
}

export interface ProbabilityChecks {
  /** Rows with an empty or non-numeric probability cell. */
  notNumber: number;
  /** Rows with a probability outside [0, 1]. */
  outOfRange: number;
  /** Rows whose probabilities do not sum to 1 ± 0.01 (reported, never renormalized). */
  notSummingToOne: number;
  /** 0-based first row of each kind, -1 when none. */
  firstNotNumber: number;
  firstOutOfRange: number;
  firstNotSummingToOne: number;
}

/** Tolerance on the row sum, as DOMAIN.md §7 and the issue state it. */
export const SUM_TOLERANCE = 0.01;

/**
 * Row-major probabilities (rows × classes) from one numeric column per class; a row with a
 * cell that is missing or outside [0, 1] gets NaN for every class, so it is left out.
 */
export function readProbabilities(columns: readonly Float64Array[], rowCount: number): { probabilities: Float64Array; checks: ProbabilityChecks } {
  const k = columns.length;
  const probabilities = new Float64Array(rowCount * k);
  const checks: ProbabilityChecks = { notNumber: 0, outOfRange: 0, notSummingToOne: 0, firstNotNumber: -1, firstOutOfRange: -1, firstNotSummingToOne: -1 };
  for (let i = 0; i < rowCount; i++) {
    let sum = 0;
    let bad: 'notNumber' | 'outOfRange' | undefined;
    for (let j = 0; j < k; j++) {
      const p = columns[j][i];
      if (Number.isNaN(p)) bad ??= 'notNumber';
      else if (p < 0 || p > 1) bad ??= 'outOfRange';
      probabilities[i * k + j] = p;
      sum += p;
    }
    if (bad === undefined && Math.abs(sum - 1) > SUM_TOLERANCE) {
      checks.notSummingToOne++;
      if (checks.firstNotSummingToOne < 0) checks.firstNotSummingToOne = i;
    }
    if (bad === undefined) continue;
    probabilities.fill(Number.NaN, i * k, (i + 1) * k);
    if (bad === 'notNumber') {
      checks.notNumber++;
      if (checks.firstNotNumber < 0) checks.firstNotNumber = i;
    } else {
      checks.outOfRange++;
      if (checks.firstOutOfRange < 0) checks.firstOutOfRange = i;
    }
  }
  return { probabilities, checks };
}

/** Binary data: one P(positive) column gives p and 1 − p over (negative, positive) class indices. */
export function binaryProbabilityColumns(positiveScore: Float64Array, positiveIndex: 0 | 1): Float64Array[] {
  const other = positiveScore.map((p) => (Number.isNaN(p) ? Number.NaN : 1 - p));
  return positiveIndex === 1 ? [other, positiveScore] : [positiveScore, other];
}
