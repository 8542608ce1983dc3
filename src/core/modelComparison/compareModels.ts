/**
 * Two predictions A (before) and B (after) on the same labelled examples, example by
 * example (DOMAIN.md §8): both right, fixed, broken, both wrong; McNemar's test; accuracy,
 * macro F1 and per-class recall of each; and the same per group of rows (a tag, a slice).
 */
import { classificationReport } from '../metrics/classification';
import { computeConfusion } from '../metrics/confusion';
import { mcnemarTest, type McNemar } from './mcnemar';

/** Per row: how the pair of predictions fared. */
export const Outcome = { Skipped: 0, BothRight: 1, Fixed: 2, Broken: 3, BothWrong: 4 } as const;

export interface OutcomeCounts {
  /** Rows with a label and both predictions. */
  n: number;
  bothRight: number;
  fixed: number;
  broken: number;
  bothWrong: number;
}

export interface ClassRecall {
  class: string;
  support: number;
  recallA: number;
  recallB: number;
}

export interface ModelComparison extends OutcomeCounts {
  /** Rows left out: label or one of the predictions empty. */
  skipped: number;
  accuracyA: number;
  accuracyB: number;
  macroF1A: number;
  macroF1B: number;
  mcnemar: McNemar;
  perClass: ClassRecall[];
  /** Per row: an `Outcome`. */
  outcomes: Uint8Array;
}

/** Groups below this size get a small-sample warning next to their delta. */
export const SMALL_GROUP = 30;

export interface GroupComparison extends OutcomeCounts {
  accuracyA: number | null;
  accuracyB: number | null;
  /** accuracyB − accuracyA; null when the group has no scored row. */
  delta: number | null;
  small: boolean;
}

/** Class indices per row (-1 = missing) for the label and the two predictions, over one class list. */
export function compareModels(classes: readonly string[], truth: Int32Array, a: Int32Array, b: Int32Array): ModelComparison {
  if (a.length !== truth.length || b.length !== truth.length) throw new RangeError('label and predictions differ in length');
  const outcomes = pairOutcomes(truth, a, b);
  const counts = countOutcomes(outcomes);
  // Both reports on the same rows: a row missing either prediction counts for neither.
  const pairedA = Int32Array.from(a, (v, i) => (outcomes[i] === Outcome.Skipped ? -1 : v));
  const pairedB = Int32Array.from(b, (v, i) => (outcomes[i] === Outcome.Skipped ? -1 : v));
  const reportA = classificationReport(computeConfusion(classes, truth, pairedA));
  const reportB = classificationReport(computeConfusion(classes, truth, pairedB));
  return {
    ...counts,
    skipped: truth.length - counts.n,
    accuracyA: reportA.accuracy,
    accuracyB: reportB.accuracy,
    macroF1A: reportA.macro.f1,
    macroF1B: reportB.macro.f1,
    mcnemar: mcnemarTest(counts.fixed, counts.broken),
    perClass: reportA.classes.map((c, k) => ({ class: c.label, support: c.support, recallA: c.recall, recallB: reportB.classes[k].recall })),
    outcomes,
  };
}

export function pairOutcomes(truth: Int32Array, a: Int32Array, b: Int32Array): Uint8Array {
  const outcomes = new Uint8Array(truth.length);
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i];
    if (t < 0 || a[i] < 0 || b[i] < 0) continue;
    const rightA = a[i] === t;
    const rightB = b[i] === t;
    outcomes[i] = rightA ? (rightB ? Outcome.BothRight : Outcome.Broken) : rightB ? Outcome.Fixed : Outcome.BothWrong;
  }
  return outcomes;
}

function countOutcomes(outcomes: Uint8Array, rows?: Iterable<number>): OutcomeCounts {
  const tally = new Float64Array(5);
  if (rows) for (const i of rows) tally[outcomes[i]]++;
  else for (let i = 0; i < outcomes.length; i++) tally[outcomes[i]]++;
  const [, bothRight, fixed, broken, bothWrong] = tally;
  return { n: bothRight + fixed + broken + bothWrong, bothRight, fixed, broken, bothWrong };
}

/** The comparison restricted to some rows (the rows that carry a tag, or a slice value). */
export function compareGroup(outcomes: Uint8Array, rows: Iterable<number>): GroupComparison {
  const counts = countOutcomes(outcomes, rows);
  if (counts.n === 0) return { ...counts, accuracyA: null, accuracyB: null, delta: null, small: true };
  const accuracyA = (counts.bothRight + counts.broken) / counts.n;
  const accuracyB = (counts.bothRight + counts.fixed) / counts.n;
  return { ...counts, accuracyA, accuracyB, delta: accuracyB - accuracyA, small: counts.n < SMALL_GROUP };
}

/** Per value of a categorical column (codes, -1 = empty): the rows of each value. */
export function rowsByCode(codes: Int32Array, valueCount: number): Uint32Array[] {
  const sizes = new Uint32Array(valueCount);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) sizes[codes[i]]++;
  const rows = Array.from(sizes, (size) => new Uint32Array(size));
  const filled = new Uint32Array(valueCount);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) rows[codes[i]][filled[codes[i]]++] = i;
  return rows;
}

/** Groups sorted by the size of the change (|delta| descending), then by name. */
export function byChange<T extends { delta: number | null; name: string }>(groups: T[]): T[] {
  return [...groups].sort((x, y) => Math.abs(y.delta ?? 0) - Math.abs(x.delta ?? 0) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}
