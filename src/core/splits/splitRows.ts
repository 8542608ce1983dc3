/**
 * Seeded, stratified train/dev/test splits (DOMAIN.md §5). Rows are stratified by label (and
 * optionally label × slice value); in every stratum of n rows each split receives
 * floor(n·r) or ceil(n·r) rows, by largest-remainder rounding with ties broken by the seeded
 * generator, then a seeded shuffle picks which rows. With a group column no group spans two
 * splits: groups are assigned whole, stratified by their majority stratum, largest first to
 * the split furthest below its target, and the achieved counts are reported. Values are
 * compared by value (§1); a row with an empty group cell is a group of its own.
 */
import { mulberry32, type Uniform } from '../agreement/random';
import { unifyValues, type CodedColumn } from '../dataChecks/values';
import { noun } from '../plural';

/** A split with fewer examples of a class than this draws a warning. */
export const FEW_EXAMPLES = 10;
const TIE = 1e-9;

export interface SplitOptions {
  rowCount: number;
  /** Relative sizes, one per split (normalized by their sum). */
  ratios: readonly number[];
  /** Split names; default train/test, train/dev/test, else split1…splitN. */
  names?: readonly string[];
  /** A 32-bit integer: the same seed gives the same split. */
  seed: number;
  label?: CodedColumn;
  slice?: CodedColumn;
  group?: CodedColumn;
}

export interface StratumCounts {
  /** Display name: the label, or "label × slice"; "(missing)" for an empty cell. */
  stratum: string;
  label: string | null;
  slice?: string | null;
  counts: Record<string, number>;
}

export interface SplitWarning {
  code: 'fewExamples';
  split: string;
  label: string;
  count: number;
  message: string;
}

export interface SplitSummary {
  seed: number;
  names: string[];
  counts: Record<string, number>;
  /** Achieved share of rows per split. */
  ratios: Record<string, number>;
  byStratum: StratumCounts[];
  /** Groups formed (null without a group column). */
  groups: number | null;
  /** Groups found in more than one split (0 by construction; counted from the result). */
  groupsSpanning: number;
  warnings: SplitWarning[];
}

export interface SplitResult {
  /** Per row: the index of its split in `summary.names`. */
  assignment: Uint8Array;
  summary: SplitSummary;
}

export type SplitErrorCode = 'badRatios' | 'badNames' | 'badSeed' | 'badColumn';

export class SplitError extends Error {
  constructor(
    readonly code: SplitErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SplitError';
  }
}

interface Strata {
  /** Per row: stratum id. */
  ofRow: Int32Array;
  count: number;
  labelNames: string[];
  sliceNames: string[] | null;
  /** Per row: label value index, -1 when missing. */
  labelOfRow: Int32Array;
}

/** Assigns every row to exactly one split. Throws a `SplitError` on invalid options. */
export function splitRows(options: SplitOptions): SplitResult {
  const ratios = normalizeRatios(options.ratios);
  const names = splitNames(options.names, ratios.length);
  validate(options);
  const strata = buildStrata(options);
  const uniform = mulberry32(options.seed);
  const assignment = new Uint8Array(options.rowCount);
  const groups = options.group ? buildGroups(options.group, options.rowCount) : null;
  if (groups) assignGroups(groups, strata, ratios, uniform, assignment);
  else assignRows(strata, ratios, uniform, assignment);
  const groupsSpanning = groups ? countSpanning(groups, assignment) : 0;
  return { assignment, summary: summarize(options.seed, names, ratios, strata, assignment, groups?.count ?? null, groupsSpanning) };
}

function normalizeRatios(ratios: readonly number[]): number[] {
  if (ratios.length < 1 || ratios.length > 255) throw new SplitError('badRatios', 'Give between 1 and 255 ratios.');
  if (ratios.some((r) => !Number.isFinite(r) || r < 0)) throw new SplitError('badRatios', 'Ratios must be finite numbers ≥ 0.');
  const sum = ratios.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw new SplitError('badRatios', 'At least one ratio must be above 0.');
  return ratios.map((r) => r / sum);
}

function splitNames(names: readonly string[] | undefined, count: number): string[] {
  const chosen = names ? [...names] : count === 2 ? ['train', 'test'] : count === 3 ? ['train', 'dev', 'test'] : Array.from({ length: count }, (_, i) => `split${i + 1}`);
  if (chosen.length !== count) throw new SplitError('badNames', `Give one name per ratio (${count}), not ${chosen.length}.`);
  if (new Set(chosen).size !== chosen.length || chosen.some((n) => n.trim() === '')) throw new SplitError('badNames', 'Split names must be distinct and not empty.');
  return chosen;
}

function validate(options: SplitOptions): void {
  if (!Number.isInteger(options.seed)) throw new SplitError('badSeed', 'The seed must be an integer.');
  for (const [what, column] of [['label', options.label], ['slice', options.slice], ['group', options.group]] as const) {
    if (column && column.codes.length !== options.rowCount) throw new SplitError('badColumn', `The ${what} column has ${column.codes.length} rows, not ${options.rowCount}.`);
  }
}

function buildStrata(options: SplitOptions): Strata {
  const label = options.label ? unifyValues([options.label]) : null;
  const slice = options.slice ? unifyValues([options.slice]) : null;
  const labelOfRow = label ? label.rows[0] : new Int32Array(options.rowCount).fill(-1);
  const labelSlots = (label?.values.length ?? 0) + 1;
  const sliceSlots = slice ? slice.values.length + 1 : 1;
  const ofRow = new Int32Array(options.rowCount);
  for (let r = 0; r < ofRow.length; r++) {
    const l = labelOfRow[r] < 0 ? labelSlots - 1 : labelOfRow[r];
    const s = slice ? (slice.rows[0][r] < 0 ? sliceSlots - 1 : slice.rows[0][r]) : 0;
    ofRow[r] = l * sliceSlots + s;
  }
  return { ofRow, count: labelSlots * sliceSlots, labelNames: label?.values ?? [], sliceNames: slice?.values ?? null, labelOfRow };
}

/**
 * Split sizes for n items: floor(n·r) each, then one more to the largest remainders (ties
 * by a seeded draw) until they sum to n.
 */
export function allocateLargestRemainder(n: number, ratios: readonly number[], uniform: Uniform): Int32Array {
  const sizes = new Int32Array(ratios.length);
  const remainders = ratios.map((r, j) => {
    const exact = n * r;
    const nearest = Math.round(exact);
    const floor = Math.abs(exact - nearest) <= TIE ? nearest : Math.floor(exact);
    sizes[j] = floor;
    return { j, remainder: Math.max(0, exact - floor), tie: uniform() };
  });
  let left = n - sizes.reduce((a, b) => a + b, 0);
  remainders.sort((a, b) => (Math.abs(a.remainder - b.remainder) > TIE ? b.remainder - a.remainder : a.tie - b.tie));
  for (let i = 0; left > 0; i = (i + 1) % remainders.length, left--) sizes[remainders[i].j]++;
  return sizes;
}

/** Items of each bucket, bucket after bucket (a counting sort): offsets has count + 1 entries. */
function bucketize(bucketOf: Int32Array, count: number): { offsets: Uint32Array; items: Uint32Array } {
  const offsets = new Uint32Array(count + 1);
  for (let i = 0; i < bucketOf.length; i++) offsets[bucketOf[i] + 1]++;
  for (let b = 0; b < count; b++) offsets[b + 1] += offsets[b];
  const cursor = offsets.slice(0, count);
  const items = new Uint32Array(bucketOf.length);
  for (let i = 0; i < bucketOf.length; i++) items[cursor[bucketOf[i]]++] = i;
  return { offsets, items };
}

function shuffle(items: Uint32Array, start: number, end: number, uniform: Uniform): void {
  for (let i = end - 1; i > start; i--) {
    const j = start + Math.floor(uniform() * (i - start + 1));
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
}

function assignRows(strata: Strata, ratios: readonly number[], uniform: Uniform, assignment: Uint8Array): void {
  const { offsets, items } = bucketize(strata.ofRow, strata.count);
  for (let s = 0; s < strata.count; s++) {
    const start = offsets[s];
    const end = offsets[s + 1];
    if (end === start) continue;
    const sizes = allocateLargestRemainder(end - start, ratios, uniform);
    shuffle(items, start, end, uniform);
    let at = start;
    sizes.forEach((size, split) => {
      for (let k = 0; k < size; k++) assignment[items[at++]] = split;
    });
  }
}

interface Groups {
  /** Per row: group id. */
  ofRow: Int32Array;
  count: number;
}

function buildGroups(column: CodedColumn, rowCount: number): Groups {
  const unified = unifyValues([column]);
  let next = unified.values.length;
  const ofRow = new Int32Array(rowCount);
  for (let r = 0; r < rowCount; r++) ofRow[r] = unified.rows[0][r] >= 0 ? unified.rows[0][r] : next++;
  return { ofRow, count: next };
}

// Per group: its majority stratum (lowest id on a tie) and its size.
function describeGroups(groups: Groups, strata: Strata): { stratumOf: Int32Array; size: Uint32Array; offsets: Uint32Array; items: Uint32Array } {
  const { offsets, items } = bucketize(groups.ofRow, groups.count);
  const stratumOf = new Int32Array(groups.count);
  const size = new Uint32Array(groups.count);
  const tally = new Uint32Array(strata.count);
  for (let g = 0; g < groups.count; g++) {
    let best = -1;
    for (let i = offsets[g]; i < offsets[g + 1]; i++) {
      const s = strata.ofRow[items[i]];
      tally[s]++;
      if (best < 0 || tally[s] > tally[best] || (tally[s] === tally[best] && s < best)) best = s;
    }
    for (let i = offsets[g]; i < offsets[g + 1]; i++) tally[strata.ofRow[items[i]]] = 0;
    stratumOf[g] = best;
    size[g] = offsets[g + 1] - offsets[g];
  }
  return { stratumOf, size, offsets, items };
}

function assignGroups(groups: Groups, strata: Strata, ratios: readonly number[], uniform: Uniform, assignment: Uint8Array): void {
  const described = describeGroups(groups, strata);
  const byStratum = bucketize(described.stratumOf, strata.count);
  for (let s = 0; s < strata.count; s++) {
    const start = byStratum.offsets[s];
    const end = byStratum.offsets[s + 1];
    if (end === start) continue;
    shuffle(byStratum.items, start, end, uniform);
    const members = Array.from(byStratum.items.subarray(start, end));
    members.sort((a, b) => described.size[b] - described.size[a]);
    const rows = members.reduce((sum, g) => sum + described.size[g], 0);
    const deficit = ratios.map((r) => rows * r);
    for (const g of members) {
      let split = 0;
      for (let j = 1; j < deficit.length; j++) if (deficit[j] > deficit[split] + TIE) split = j;
      deficit[split] -= described.size[g];
      for (let i = described.offsets[g]; i < described.offsets[g + 1]; i++) assignment[described.items[i]] = split;
    }
  }
}

function countSpanning(groups: Groups, assignment: Uint8Array): number {
  const first = new Int32Array(groups.count).fill(-1);
  const spanning = new Uint8Array(groups.count);
  let count = 0;
  for (let r = 0; r < assignment.length; r++) {
    const g = groups.ofRow[r];
    if (first[g] < 0) first[g] = assignment[r];
    else if (first[g] !== assignment[r] && spanning[g] === 0) {
      spanning[g] = 1;
      count++;
    }
  }
  return count;
}

function record(names: readonly string[], values: ArrayLike<number>): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  names.forEach((name, j) => (out[name] = values[j]));
  return out;
}

function summarize(seed: number, names: string[], ratios: readonly number[], strata: Strata, assignment: Uint8Array, groups: number | null, groupsSpanning: number): SplitSummary {
  const k = names.length;
  const perStratum = new Uint32Array(strata.count * k);
  const counts = new Uint32Array(k);
  for (let r = 0; r < assignment.length; r++) {
    perStratum[strata.ofRow[r] * k + assignment[r]]++;
    counts[assignment[r]]++;
  }
  const rows = assignment.length;
  return {
    seed,
    names,
    counts: record(names, counts),
    ratios: record(names, Array.from(counts, (c) => (rows === 0 ? 0 : c / rows))),
    byStratum: describeStrata(strata, names, perStratum),
    groups,
    groupsSpanning,
    warnings: warnFewExamples(strata, names, ratios, assignment),
  };
}

function describeStrata(strata: Strata, names: string[], perStratum: Uint32Array): StratumCounts[] {
  const k = names.length;
  const sliceSlots = strata.sliceNames ? strata.sliceNames.length + 1 : 1;
  const out: StratumCounts[] = [];
  for (let s = 0; s < strata.count; s++) {
    const row = perStratum.subarray(s * k, s * k + k);
    if (row.every((c) => c === 0)) continue;
    const label = strata.labelNames[Math.floor(s / sliceSlots)] ?? null;
    const entry: StratumCounts = { stratum: label ?? '(missing)', label, counts: record(names, row) };
    if (strata.sliceNames) {
      const slice = strata.sliceNames[s % sliceSlots] ?? null;
      entry.slice = slice;
      entry.stratum = `${entry.stratum} × ${slice ?? '(missing)'}`;
    }
    out.push(entry);
  }
  return out;
}

function warnFewExamples(strata: Strata, names: string[], ratios: readonly number[], assignment: Uint8Array): SplitWarning[] {
  return balanceOf(strata.labelNames, strata.labelOfRow, names, ratios, assignment).warnings;
}

export interface ClassBalance {
  /** Classes compared by value (§1), in their sorted order. */
  classes: string[];
  /** Per class, per split: rows. */
  counts: number[][];
  /** A split (with a ratio above 0) that has fewer than FEW_EXAMPLES rows of a class. */
  warnings: SplitWarning[];
}

/** Rows of each class in each split (rows without a label are left out), with the few-examples warnings. */
export function countClassBalance(names: readonly string[], ratios: readonly number[], assignment: Uint8Array, label: CodedColumn | undefined): ClassBalance {
  if (!label) return { classes: [], counts: [], warnings: [] };
  const unified = unifyValues([label]);
  return balanceOf(unified.values, unified.rows[0], names, ratios, assignment);
}

function balanceOf(labelNames: readonly string[], labelOfRow: Int32Array, names: readonly string[], ratios: readonly number[], assignment: Uint8Array): ClassBalance {
  const k = names.length;
  const tally = new Uint32Array(labelNames.length * k);
  for (let r = 0; r < assignment.length; r++) if (labelOfRow[r] >= 0) tally[labelOfRow[r] * k + assignment[r]]++;
  const warnings: SplitWarning[] = [];
  labelNames.forEach((label, l) =>
    names.forEach((split, j) => {
      const count = tally[l * k + j];
      if (ratios[j] > 0 && count < FEW_EXAMPLES) warnings.push({ code: 'fewExamples', split, label, count, message: `${split} has ${count} ${noun(count, 'example')} of class ${JSON.stringify(label)} (fewer than ${FEW_EXAMPLES}).` });
    }),
  );
  return { classes: [...labelNames], counts: labelNames.map((_, l) => Array.from(tally.subarray(l * k, l * k + k))), warnings };
}
