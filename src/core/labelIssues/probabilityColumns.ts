/**
 * Per-class probability columns (`p_cat`, `prob_dog`, `proba_1`, `score_cat`, `cat_prob`):
 * which header holds P(class) for each class, and the probabilities read row by row with
 * the checks DOMAIN.md §7 asks for (numbers in [0, 1], rows that sum to 1 ± 0.01).
 */
import { isFiniteNumberText } from '../metrics/classes';
import { classOfProbabilityHeader } from './probabilityHeaders';

export { classOfProbabilityHeader };

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
  /** 0-based first rows of each kind, at most `MAX_EXAMPLE_ROWS` each. */
  examples: { notNumber: number[]; outOfRange: number[]; notSummingToOne: number[] };
}

/** Tolerance on the row sum, as DOMAIN.md §7 and the issue state it. */
export const SUM_TOLERANCE = 0.01;
/** How many rows of each kind of problem are named. */
export const MAX_EXAMPLE_ROWS = 5;

type RowProblem = 'notNumber' | 'outOfRange' | 'notSummingToOne';

/** What is wrong with row `i`'s probabilities, if anything: a missing or non-numeric cell first, then a cell outside [0, 1], then the sum. */
function rowProblem(columns: readonly Float64Array[], i: number): RowProblem | undefined {
  let sum = 0;
  let bad: RowProblem | undefined;
  for (const column of columns) {
    const p = column[i];
    if (Number.isNaN(p)) return 'notNumber';
    if (p < 0 || p > 1) bad = 'outOfRange';
    sum += p;
  }
  return bad ?? (Math.abs(sum - 1) > SUM_TOLERANCE ? 'notSummingToOne' : undefined);
}

const FIRST: Record<RowProblem, 'firstNotNumber' | 'firstOutOfRange' | 'firstNotSummingToOne'> = {
  notNumber: 'firstNotNumber',
  outOfRange: 'firstOutOfRange',
  notSummingToOne: 'firstNotSummingToOne',
};

function emptyChecks(): ProbabilityChecks {
  return {
    notNumber: 0,
    outOfRange: 0,
    notSummingToOne: 0,
    firstNotNumber: -1,
    firstOutOfRange: -1,
    firstNotSummingToOne: -1,
    examples: { notNumber: [], outOfRange: [], notSummingToOne: [] },
  };
}

function record(checks: ProbabilityChecks, problem: RowProblem, row: number): void {
  checks[problem]++;
  if (checks[FIRST[problem]] < 0) checks[FIRST[problem]] = row;
  if (checks.examples[problem].length < MAX_EXAMPLE_ROWS) checks.examples[problem].push(row);
}

/** Checks every row's probabilities (one numeric column per class) without copying them. */
export function checkProbabilities(columns: readonly Float64Array[], rowCount: number): ProbabilityChecks {
  const checks = emptyChecks();
  for (let i = 0; i < rowCount; i++) {
    const problem = rowProblem(columns, i);
    if (problem !== undefined) record(checks, problem, i);
  }
  return checks;
}

/**
 * Row-major probabilities (rows × classes) from one numeric column per class; a row with a
 * cell that is missing or outside [0, 1] gets NaN for every class, so it is left out. A row
 * that does not sum to 1 is used as it is (reported, never renormalized).
 */
export function readProbabilities(columns: readonly Float64Array[], rowCount: number): { probabilities: Float64Array; checks: ProbabilityChecks } {
  const k = columns.length;
  const probabilities = new Float64Array(rowCount * k);
  const checks = emptyChecks();
  for (let i = 0; i < rowCount; i++) {
    const problem = rowProblem(columns, i);
    if (problem !== undefined) record(checks, problem, i);
    const excluded = problem === 'notNumber' || problem === 'outOfRange';
    for (let j = 0; j < k; j++) probabilities[i * k + j] = excluded ? Number.NaN : columns[j][i];
  }
  return { probabilities, checks };
}

/** Binary data: one P(positive) column gives p and 1 − p over (negative, positive) class indices. */
export function binaryProbabilityColumns(positiveScore: Float64Array, positiveIndex: 0 | 1): Float64Array[] {
  const other = positiveScore.map((p) => (Number.isNaN(p) ? Number.NaN : 1 - p));
  return positiveIndex === 1 ? [other, positiveScore] : [positiveScore, other];
}
