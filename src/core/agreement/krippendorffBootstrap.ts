/**
 * Percentile bootstrap interval for nominal Krippendorff's alpha. A replicate resamples the U
 * pairable units (m_u ≥ 2) with replacement, U draws, and recomputes alpha; the interval is the
 * (1 − level)/2 and (1 + level)/2 quantiles of the replicate alphas (linear interpolation, numpy's
 * default). Replicates whose resample has no variation (D_e = 0) are left out and counted.
 *
 * Speed: alpha depends on a unit only through its pattern (its multiset of values), so units are
 * grouped into P patterns once, O(units). A replicate then draws how many times each pattern is
 * drawn by successive conditional binomials, w_p ~ Binomial(U − Σ_{q<p} w_q, U_p / Σ_{q≥p} U_q),
 * which together are exactly Multinomial(U, U_p / U), the same distribution as U unit draws, at
 * O(P) per replicate instead of O(U). P is small when classes are few (5 raters, 10 classes:
 * about 3,000 patterns for 1M units) and at most U.
 * Deterministic for a given seed (mulberry32).
 */
import { type ItemSubset, LabelTally, listItems } from './itemTally';
import type { Judgements } from './judgements';
import { drawBinomial, mulberry32, type Uniform } from './random';

interface UnitPatterns {
  /** U_p: units per pattern, in descending order (ties: order of first sight); heavy patterns first keeps binomial draws cheap. */
  units: Float64Array;
  /** m_p: values per unit. */
  values: Float64Array;
  /** (m_p² − Σ_c n_pc²) / (m_p − 1): a unit's off-diagonal coincidence mass Σ_{c≠k} o_ck. */
  offDiagonal: Float64Array;
  /** CSR: pattern p's categories and counts are entries start[p] .. start[p + 1]. */
  start: Uint32Array;
  category: Int32Array;
  count: Float64Array;
  totalUnits: number;
}

/** Sorts the tallied unit's distinct categories into scratch (insertion sort: a handful of values). */
function sortDistinct(tally: LabelTally, scratch: Int32Array): number {
  const size = tally.distinctCount;
  for (let d = 0; d < size; d++) {
    const c = tally.distinct[d];
    let at = d;
    for (; at > 0 && scratch[at - 1] > c; at--) scratch[at] = scratch[at - 1];
    scratch[at] = c;
  }
  return size;
}

/** A key naming the tallied unit's multiset of values (a number while that stays exact). */
function patternKey(tally: LabelTally, scratch: Int32Array, radix: number, numeric: boolean): number | string {
  const size = sortDistinct(tally, scratch);
  if (!numeric) return Array.from(scratch.subarray(0, size), (c) => `${c}x${tally.counts[c]}`).join(',');
  const countRadix = scratch.length + 1;
  let key = 0;
  for (let d = 0; d < size; d++) key = (key * radix + scratch[d] + 1) * countRadix + tally.counts[scratch[d]];
  return key;
}

/** Whether numeric pattern keys (≤ raters digits of base (K + 1)(raters + 1)) stay below 2^52. */
function fitsNumericKey(categoryCount: number, raterCount: number): boolean {
  return raterCount * Math.log2((categoryCount + 1) * (raterCount + 1)) < 52;
}

/** Pattern key → pattern id: an open-addressing table for numeric keys (no allocation per unit), a Map for text keys. */
class PatternIndex {
  private keys = new Float64Array(1024);
  private ids = new Int32Array(1024).fill(-1);
  private size = 0;
  private readonly textKeys = new Map<string, number>();

  /** The id of `key`; a new key gets id `next`. */
  idOf(key: number | string, next: number): number {
    if (typeof key === 'string') {
      const known = this.textKeys.get(key);
      if (known === undefined) this.textKeys.set(key, next);
      return known ?? next;
    }
    const mask = this.ids.length - 1;
    // Fibonacci hashing of the key's low and high 32 bits.
    let slot = Math.imul((key % 4294967296) ^ Math.floor(key / 4294967296), 0x9e3779b1) & mask;
    for (; this.ids[slot] >= 0; slot = (slot + 1) & mask) if (this.keys[slot] === key) return this.ids[slot];
    this.keys[slot] = key;
    this.ids[slot] = next;
    if (++this.size * 2 > this.ids.length) this.grow();
    return next;
  }

  private grow(): void {
    const { keys, ids } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.ids = new Int32Array(ids.length * 2).fill(-1);
    this.size = 0;
    for (let slot = 0; slot < ids.length; slot++) if (ids[slot] >= 0) this.idOf(keys[slot], ids[slot]);
  }
}

/** Groups the pairable units by pattern: how many units each has, and one unit to read it from. */
function collectPatterns(judgements: Judgements, items: Uint32Array | null): UnitPatterns {
  const radix = judgements.categories.length + 1;
  const numeric = fitsNumericKey(judgements.categories.length, judgements.raters.length);
  const tally = new LabelTally(judgements.raters, judgements.categories.length);
  const scratch = new Int32Array(judgements.raters.length);
  const index = new PatternIndex();
  const units: number[] = [];
  const firstItem: number[] = [];
  const visits = items ? items.length : judgements.itemCount;
  for (let k = 0; k < visits; k++) {
    const item = items ? items[k] : k;
    tally.tally(item);
    if (tally.labelCount < 2) continue;
    const p = index.idOf(patternKey(tally, scratch, radix, numeric), units.length);
    if (p < units.length) {
      units[p]++;
    } else {
      units.push(1);
      firstItem.push(item);
    }
  }
  return packPatterns(units, firstItem, tally);
}

/** Orders patterns by unit count (then first sight) and packs them into typed arrays. */
function packPatterns(units: number[], firstItem: number[], tally: LabelTally): UnitPatterns {
  const order = units.map((_, p) => p).sort((a, b) => units[b] - units[a] || a - b);
  const out: UnitPatterns = {
    units: Float64Array.from(order, (p) => units[p]),
    values: new Float64Array(order.length),
    offDiagonal: new Float64Array(order.length),
    start: new Uint32Array(order.length + 1),
    category: new Int32Array(order.length * tally.distinct.length),
    count: new Float64Array(order.length * tally.distinct.length),
    totalUnits: units.reduce((s, u) => s + u, 0),
  };
  let at = 0;
  order.forEach((p, q) => {
    // Re-reading one unit of the pattern gives its categories and counts.
    tally.tally(firstItem[p]);
    for (let d = 0; d < tally.distinctCount; d++, at++) {
      out.category[at] = tally.distinct[d];
      out.count[at] = tally.counts[tally.distinct[d]];
    }
    const m = tally.labelCount;
    out.values[q] = m;
    out.offDiagonal[q] = (m * m - tally.sumOfSquares()) / (m - 1);
    out.start[q + 1] = at;
  });
  return out;
}

/** The three sums alpha needs, accumulated over the units one replicate drew. */
class ReplicateSums {
  n = 0;
  offDiagonal = 0;
  readonly totals: Float64Array;

  constructor(
    private readonly patterns: UnitPatterns,
    categoryCount: number,
  ) {
    this.totals = new Float64Array(categoryCount);
  }

  reset(): void {
    this.n = 0;
    this.offDiagonal = 0;
    this.totals.fill(0);
  }

  /** Adds `draws` units of pattern p. */
  add(p: number, draws: number): void {
    const { patterns, totals } = this;
    this.n += draws * patterns.values[p];
    this.offDiagonal += draws * patterns.offDiagonal[p];
    for (let e = patterns.start[p]; e < patterns.start[p + 1]; e++) totals[patterns.category[e]] += draws * patterns.count[e];
  }

  alpha(): number | null {
    let sumTotalsSquared = 0;
    for (const t of this.totals) sumTotalsSquared += t * t;
    const expectedPairs = this.n * this.n - sumTotalsSquared;
    return expectedPairs === 0 ? null : 1 - ((this.n - 1) * this.offDiagonal) / expectedPairs;
  }
}

/** One replicate: how often each pattern is drawn in U draws with replacement, by conditional binomials. */
function drawReplicate(patterns: UnitPatterns, sums: ReplicateSums, uniform: Uniform): number | null {
  sums.reset();
  let remainingDraws = patterns.totalUnits;
  let remainingUnits = patterns.totalUnits;
  const last = patterns.units.length - 1;
  for (let p = 0; p <= last && remainingDraws > 0; p++) {
    const units = patterns.units[p];
    const draws = p === last ? remainingDraws : drawBinomial(remainingDraws, units / remainingUnits, uniform);
    if (draws > 0) sums.add(p, draws);
    remainingDraws -= draws;
    remainingUnits -= units;
  }
  return sums.alpha();
}

/** Linear-interpolation quantile of sorted values (numpy's default, "type 7"). */
function quantileSorted(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface AlphaInterval {
  /** Percentile bounds; null when fewer than two replicates had a defined alpha. */
  lower: number | null;
  upper: number | null;
  level: number;
  replicates: number;
  /** Replicates without variation (D_e = 0), left out of the percentiles. */
  undefinedReplicates: number;
  seed: number;
  /** Distinct unit patterns: what one replicate costs. */
  patterns: number;
}

export interface BootstrapOptions {
  /** Default 1000. */
  replicates?: number;
  /** mulberry32 seed; default 1. */
  seed?: number;
  /** Default 0.95. */
  level?: number;
  subset?: ItemSubset;
}

/** Seeded percentile bootstrap interval for nominal alpha, resampling pairable units. */
export function bootstrapKrippendorffAlpha(judgements: Judgements, options: BootstrapOptions = {}): AlphaInterval {
  const replicates = options.replicates ?? 1000;
  const seed = options.seed ?? 1;
  const level = options.level ?? 0.95;
  const patterns = collectPatterns(judgements, listItems(judgements.itemCount, options.subset));
  const uniform = mulberry32(seed);
  const sums = new ReplicateSums(patterns, judgements.categories.length);
  const alphas: number[] = [];
  for (let r = 0; r < replicates && patterns.totalUnits > 0; r++) {
    const alpha = drawReplicate(patterns, sums, uniform);
    if (alpha !== null) alphas.push(alpha);
  }
  const sorted = Float64Array.from(alphas).sort();
  const enough = sorted.length >= 2;
  return {
    lower: enough ? quantileSorted(sorted, (1 - level) / 2) : null,
    upper: enough ? quantileSorted(sorted, (1 + level) / 2) : null,
    level,
    replicates,
    undefinedReplicates: replicates - alphas.length,
    seed,
    patterns: patterns.units.length,
  };
}
