/**
 * The two distributions of a compared column, for the drift view's charts: categorical
 * counts over the same categories (compared by value, DOMAIN.md §1, missing as its own bar),
 * numeric histograms over the same bins. The figures of the test are in `detectDrift`.
 */
import { unifyValues, type CodedColumn } from '../dataChecks/values';

/** Bars shown at most; the rest are summed into one "other" bar. */
export const MAX_BARS = 20;
export const HISTOGRAM_BINS = 20;

export interface DistributionPair {
  kind: 'bars' | 'histogram';
  /** Bar labels: categories, or bin ranges ("a – b"). */
  labels: string[];
  reference: number[];
  current: number[];
  /** Categories summed into the last bar ("other"); 0 when none. */
  folded: number;
}

/** Counts per category in each file, largest (both files together) first, missing last. */
export function countCategoriesBoth(reference: CodedColumn, current: CodedColumn): DistributionPair {
  const unified = unifyValues([reference, current]);
  const k = unified.values.length;
  const tally = (rows: Int32Array) => {
    const counts = new Array<number>(k + 1).fill(0);
    for (let i = 0; i < rows.length; i++) counts[rows[i] < 0 ? k : rows[i]]++;
    return counts;
  };
  const [ref, cur] = [tally(unified.rows[0]), tally(unified.rows[1])];
  const order = unified.values.map((_, i) => i).sort((a, b) => ref[b] + cur[b] - (ref[a] + cur[a]) || a - b);
  const shown = order.length > MAX_BARS ? order.slice(0, MAX_BARS - 1) : order;
  const rest = order.slice(shown.length);
  const pair: DistributionPair = { kind: 'bars', labels: shown.map((i) => unified.values[i]), reference: shown.map((i) => ref[i]), current: shown.map((i) => cur[i]), folded: rest.length };
  if (rest.length > 0) addBar(pair, `(${rest.length} other)`, sum(rest, ref), sum(rest, cur));
  if (ref[k] + cur[k] > 0) addBar(pair, '(missing)', ref[k], cur[k]);
  return pair;
}

/** Counts of present values in at most HISTOGRAM_BINS equal bins spanning both files (NaN = missing, left out); whole numbers get whole-number bins. */
export function histogramBoth(reference: ArrayLike<number>, current: ArrayLike<number>, bins = HISTOGRAM_BINS): DistributionPair {
  const range = rangeOf([reference, current]);
  if (range === null) return { kind: 'histogram', labels: [], reference: [], current: [], folded: 0 };
  const { min, max, integers } = range;
  const width = integers ? Math.ceil((max - min + 1) / bins) : max === min ? 1 : (max - min) / bins;
  const count = integers ? Math.ceil((max - min + 1) / width) : max === min ? 1 : bins;
  const tally = (values: ArrayLike<number>) => {
    const counts = new Array<number>(count).fill(0);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isNaN(v)) counts[Math.min(count - 1, Math.floor((v - min) / width))]++;
    }
    return counts;
  };
  const labels = Array.from({ length: count }, (_, i) => binLabel(min + i * width, min + (i + 1) * width, integers, count === 1));
  return { kind: 'histogram', labels, reference: tally(reference), current: tally(current), folded: 0 };
}

function rangeOf(columns: ArrayLike<number>[]): { min: number; max: number; integers: boolean } | null {
  let [min, max, integers] = [Infinity, -Infinity, true];
  for (const values of columns) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (Number.isNaN(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
      if (integers && !Number.isInteger(v)) integers = false;
    }
  }
  return min > max ? null : { min, max, integers };
}

function binLabel(from: number, to: number, integers: boolean, single: boolean): string {
  if (single) return formatEdge(from);
  if (integers) return to - from === 1 ? String(from) : `${from}–${to - 1}`;
  return `${formatEdge(from)} – ${formatEdge(to)}`;
}

function addBar(pair: DistributionPair, label: string, reference: number, current: number): void {
  pair.labels.push(label);
  pair.reference.push(reference);
  pair.current.push(current);
}

function sum(indices: number[], counts: number[]): number {
  return indices.reduce((total, i) => total + counts[i], 0);
}

function formatEdge(v: number): string {
  return Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toString();
}
