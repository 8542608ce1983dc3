/**
 * Slice audit: accuracy and macro F1 per value of a metadata column (and per combination of
 * two columns), each with a Wilson interval, flagged when even the interval's upper bound
 * falls below the overall accuracy by more than a margin. One pass over the rows per
 * grouping; per-slice confusion is kept as class-count arrays (true positives, support,
 * predicted), which is all accuracy and F1 need.
 */
import { compareCodePoints } from './classes';
import { macroF1FromCounts } from './classification';
import { SMALL_SAMPLE_N, wilsonInterval, Z_95, type Interval } from './wilson';

export interface SliceColumn {
  name: string;
  /** Per row: dictionary code, -1 = empty (empty values form their own slice). */
  codes: Int32Array;
  dictionary: readonly string[];
}

export interface SliceOptions {
  /** How far below overall accuracy the upper bound must fall to flag a slice; default 0.02. */
  margin?: number;
  /** Critical value for the interval; default `Z_95`. */
  z?: number;
  /** Also audit every pair of columns; default true. */
  pairs?: boolean;
  /** A grouping with more slices than this is left out (an id-like column is no slice); default 10 000. */
  maxSlices?: number;
}

export interface SliceKeyPart {
  column: string;
  /** The column's value; null for empty cells. */
  value: string | null;
}

export interface SliceResult {
  key: SliceKeyPart[];
  /** Scored rows in the slice. */
  n: number;
  correct: number;
  accuracy: number;
  /** `f1_score(average='macro', zero_division=0)` on the slice's rows. */
  macroF1: number;
  interval: Interval;
  /** Accuracy minus overall accuracy. */
  difference: number;
  /** Upper bound below overall accuracy − margin. */
  flagged: boolean;
  /** Overall accuracy minus the upper bound: how surely the slice is worse. */
  severity: number;
  /** Fewer than SMALL_SAMPLE_N rows: a warning next to its figures. */
  smallSample: boolean;
  /**
   * A tag put only on misclassified examples (every row with it is an error): its accuracy is 0
   * by construction, so it is never flagged (the tag was chosen because those rows were wrong).
   */
  errorOnlyTag?: boolean;
}

export interface SliceAudit {
  overall: { n: number; correct: number; accuracy: number; macroF1: number };
  /** Rows without label or prediction, left out everywhere. */
  skipped: number;
  margin: number;
  /** Flagged slices first, then by severity (highest first), then by size. */
  slices: SliceResult[];
  /** Groupings left out for having more than `maxSlices` slices. */
  omitted: string[][];
}

/** Audits every column alone and (by default) every pair of columns. */
export function auditSlices(
  truth: Int32Array,
  prediction: Int32Array,
  classCount: number,
  columns: readonly SliceColumn[],
  options: SliceOptions = {},
): SliceAudit {
  for (const column of columns) {
    if (column.codes.length !== truth.length) throw new RangeError(`slice column ${column.name} has ${column.codes.length} rows, not ${truth.length}`);
  }
  const margin = options.margin ?? 0.02;
  const z = options.z ?? Z_95;
  const maxSlices = options.maxSlices ?? 10_000;
  const overallCounts = countGroups(truth, prediction, classCount, new Int32Array(truth.length), 1);
  const overall = {
    n: overallCounts.n[0],
    correct: overallCounts.correct[0],
    accuracy: overallCounts.n[0] === 0 ? 0 : overallCounts.correct[0] / overallCounts.n[0],
    macroF1: macroF1FromCounts(overallCounts.truePositives, overallCounts.support, overallCounts.predicted, 0, classCount),
  };
  const slices: SliceResult[] = [];
  const omitted: string[][] = [];
  for (const grouping of listGroupings(columns, options.pairs ?? true, maxSlices)) {
    if (!grouping.groupOfRow) {
      omitted.push(grouping.columns);
      continue;
    }
    const counts = countGroups(truth, prediction, classCount, grouping.groupOfRow, grouping.groupCount);
    for (let g = 0; g < grouping.groupCount; g++) {
      if (counts.n[g] === 0) continue;
      slices.push(sliceResult(grouping, counts, g, classCount, overall.accuracy, margin, z));
    }
  }
  slices.sort(compareSlices);
  return { overall, skipped: overallCounts.skipped, margin, slices, omitted };
}

interface Grouping {
  columns: string[];
  /** Per row: its slice, or null when the grouping has too many slices. */
  groupOfRow: Int32Array | null;
  groupCount: number;
  keyOfGroup: (group: number) => SliceKeyPart[];
}

interface GroupCounts {
  n: Float64Array;
  correct: Float64Array;
  /** `[group * classCount + class]` */
  truePositives: Float64Array;
  support: Float64Array;
  predicted: Float64Array;
  skipped: number;
}

function countGroups(truth: Int32Array, prediction: Int32Array, classCount: number, groupOfRow: Int32Array, groups: number): GroupCounts {
  // Locals, not `counts.x[i]`: the loop runs a million times per grouping.
  const n = new Float64Array(groups);
  const correct = new Float64Array(groups);
  const truePositives = new Float64Array(groups * classCount);
  const support = new Float64Array(groups * classCount);
  const predicted = new Float64Array(groups * classCount);
  let skipped = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i];
    const p = prediction[i];
    if (t < 0 || p < 0) {
      skipped++;
      continue;
    }
    const g = groupOfRow[i];
    const base = g * classCount;
    n[g]++;
    support[base + t]++;
    predicted[base + p]++;
    if (t === p) {
      correct[g]++;
      truePositives[base + t]++;
    }
  }
  return { n, correct, truePositives, support, predicted, skipped };
}

function sliceResult(
  grouping: Grouping,
  counts: GroupCounts,
  g: number,
  classCount: number,
  overallAccuracy: number,
  margin: number,
  z: number,
): SliceResult {
  const n = counts.n[g];
  const correct = counts.correct[g];
  const accuracy = correct / n;
  const interval = wilsonInterval(correct, n, z)!;
  return {
    key: grouping.keyOfGroup(g),
    n,
    correct,
    accuracy,
    macroF1: macroF1FromCounts(counts.truePositives, counts.support, counts.predicted, g * classCount, classCount),
    interval,
    difference: accuracy - overallAccuracy,
    flagged: interval.upper < overallAccuracy - margin,
    severity: overallAccuracy - interval.upper,
    smallSample: n < SMALL_SAMPLE_N,
  };
}

function listGroupings(columns: readonly SliceColumn[], pairs: boolean, maxSlices: number): Grouping[] {
  const out = columns.map((c) => singleGrouping(c, maxSlices));
  if (!pairs) return out;
  for (let a = 0; a < columns.length; a++) {
    for (let b = a + 1; b < columns.length; b++) out.push(pairGrouping(columns[a], columns[b], maxSlices));
  }
  return out;
}

// Slice ids: the dictionary code, and one more for empty cells.
function singleGrouping(column: SliceColumn, maxSlices: number): Grouping {
  const groupCount = column.dictionary.length + 1;
  const empty = column.dictionary.length;
  const keyOfGroup = (g: number): SliceKeyPart[] => [{ column: column.name, value: g === empty ? null : column.dictionary[g] }];
  const groupOfRow = new Int32Array(column.codes.length);
  const seen = new Uint8Array(groupCount);
  let distinct = 0;
  for (let i = 0; i < groupOfRow.length; i++) {
    const g = column.codes[i] < 0 ? empty : column.codes[i];
    groupOfRow[i] = g;
    if (seen[g] === 0) {
      seen[g] = 1;
      distinct++;
    }
  }
  if (distinct > maxSlices) return { columns: [column.name], groupOfRow: null, groupCount: 0, keyOfGroup };
  return { columns: [column.name], groupOfRow, groupCount, keyOfGroup };
}

// Combinations that occur get compact ids in order of first appearance.
function pairGrouping(a: SliceColumn, b: SliceColumn, maxSlices: number): Grouping {
  const widthB = b.dictionary.length + 1;
  const rows = a.codes.length;
  const groupOfRow = new Int32Array(rows);
  const ids = combinationIds((a.dictionary.length + 1) * widthB);
  const combinations: number[] = [];
  for (let i = 0; i < rows; i++) {
    const ca = a.codes[i] < 0 ? a.dictionary.length : a.codes[i];
    const cb = b.codes[i] < 0 ? b.dictionary.length : b.codes[i];
    const combined = ca * widthB + cb;
    let id = ids.get(combined);
    if (id < 0) {
      id = combinations.length;
      if (id >= maxSlices) return { columns: [a.name, b.name], groupOfRow: null, groupCount: 0, keyOfGroup: () => [] };
      ids.set(combined, id);
      combinations.push(combined);
    }
    groupOfRow[i] = id;
  }
  const valueOf = (column: SliceColumn, code: number): string | null => (code === column.dictionary.length ? null : column.dictionary[code]);
  const keyOfGroup = (g: number): SliceKeyPart[] => [
    { column: a.name, value: valueOf(a, Math.floor(combinations[g] / widthB)) },
    { column: b.name, value: valueOf(b, combinations[g] % widthB) },
  ];
  return { columns: [a.name, b.name], groupOfRow, groupCount: combinations.length, keyOfGroup };
}

const DIRECT_TABLE_LIMIT = 1 << 22;

// A flat table when the combination space is small (the usual case, and much faster), else a Map.
function combinationIds(space: number): { get: (key: number) => number; set: (key: number, id: number) => void } {
  if (space <= DIRECT_TABLE_LIMIT) {
    const table = new Int32Array(space).fill(-1);
    return { get: (key) => table[key], set: (key, id) => void (table[key] = id) };
  }
  const map = new Map<number, number>();
  return { get: (key) => map.get(key) ?? -1, set: (key, id) => void map.set(key, id) };
}

function compareSlices(x: SliceResult, y: SliceResult): number {
  if (x.flagged !== y.flagged) return x.flagged ? -1 : 1;
  if (x.severity !== y.severity) return y.severity - x.severity;
  if (x.n !== y.n) return y.n - x.n;
  return compareCodePoints(sliceName(x), sliceName(y));
}

function sliceName(slice: SliceResult): string {
  return slice.key.map((part) => `${part.column}=${part.value ?? ''}`).join('\u0000');
}

/** Why a slice's row carries a note: a tag on errors only, or few examples. */
export function sliceNote(s: SliceResult): string {
  if (s.errorOnlyTag) return 'tag on errors only: not flagged (0% by how it was chosen)';
  if (s.smallSample) return `small sample (n = ${s.n}): see the interval`;
  return '';
}
