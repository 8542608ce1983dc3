/**
 * Ambiguity classes: which categories labelers confuse with each other.
 *
 * Labeler-vs-labeler confusion matrix M (K × K, symmetric): over every item i and every ORDERED
 * pair of two different raters who both labeled it,
 *   M_ab = Σ_i n_ia (n_ib − [a = b]).
 * Each unordered pair of judgements is thus counted once in each direction: for a ≠ b, M_ab =
 * M_ba = the number of unordered judgement pairs split between a and b; M_aa = 2 × the number
 * of unordered pairs that agree on a; Σ M = Σ_i n_i (n_i − 1).
 *
 * Ranked class pairs {a, b}, a ≠ b, by count = M_ab, with
 *   involving(a) = unordered judgement pairs with at least one judgement a = Σ_{k≠a} M_ak + M_aa / 2,
 *   rate(a, b)  = M_ab / (involving(a) + involving(b) − M_ab),
 * the share of the judgement pairs touching a or b that split between exactly a and b.
 */
import { type ItemSubset, LabelTally, listItems } from './itemTally';
import type { Judgements } from './judgements';

/** Above this many categories the dense K × K matrix is not built (the ranked pairs still are). */
export const MAX_DENSE_CATEGORIES = 2048;

export interface AmbiguityPair {
  /** Category codes, a < b. */
  a: number;
  b: number;
  /** M_ab: unordered judgement pairs on the same item, one a and one b. */
  count: number;
  /** Items with at least one judgement a and one judgement b (see `itemsConfusing`). */
  items: number;
  rate: number;
}

export interface Ambiguity {
  /** M, row-major K × K; null when K > MAX_DENSE_CATEGORIES. */
  matrix: Float64Array | null;
  /** M_aa / 2 per category: unordered agreeing pairs. */
  agreeingPairs: Float64Array;
  /** Σ_i n_i (n_i − 1) / 2: every unordered judgement pair on the same item. */
  totalPairs: number;
  /** Pairs with count > 0: count descending, then rate descending, then codes. */
  pairs: AmbiguityPair[];
}

/** Sparse tallies of the off-diagonal pairs (a < b), keyed a·K + b. */
interface PairTallies {
  index: Map<number, number>;
  a: number[];
  b: number[];
  count: number[];
  items: number[];
}

function addPair(tallies: PairTallies, a: number, b: number, key: number, count: number): void {
  const at = tallies.index.get(key);
  if (at !== undefined) {
    tallies.count[at] += count;
    tallies.items[at]++;
    return;
  }
  tallies.index.set(key, tallies.a.length);
  tallies.a.push(a);
  tallies.b.push(b);
  tallies.count.push(count);
  tallies.items.push(1);
}

/** Adds one tallied item's split pairs and agreeing pairs. */
function addItem(tally: LabelTally, tallies: PairTallies, agreeing: Float64Array, k: number): number {
  for (let x = 0; x < tally.distinctCount; x++) {
    const c = tally.distinct[x];
    const nc = tally.counts[c];
    agreeing[c] += (nc * (nc - 1)) / 2;
    for (let y = x + 1; y < tally.distinctCount; y++) {
      const e = tally.distinct[y];
      const a = Math.min(c, e);
      const b = Math.max(c, e);
      addPair(tallies, a, b, a * k + b, nc * tally.counts[e]);
    }
  }
  return (tally.labelCount * (tally.labelCount - 1)) / 2;
}

function buildMatrix(tallies: PairTallies, agreeing: Float64Array): Float64Array | null {
  const k = agreeing.length;
  if (k > MAX_DENSE_CATEGORIES) return null;
  const matrix = new Float64Array(k * k);
  for (let c = 0; c < k; c++) matrix[c * k + c] = 2 * agreeing[c];
  tallies.a.forEach((a, p) => {
    matrix[a * k + tallies.b[p]] = tallies.count[p];
    matrix[tallies.b[p] * k + a] = tallies.count[p];
  });
  return matrix;
}

function rankPairs(tallies: PairTallies, agreeing: Float64Array): AmbiguityPair[] {
  // involving(a) = Σ_{k≠a} M_ak + M_aa / 2.
  const involving = Float64Array.from(agreeing);
  tallies.a.forEach((a, p) => {
    involving[a] += tallies.count[p];
    involving[tallies.b[p]] += tallies.count[p];
  });
  const pairs = tallies.a.map((a, p) => {
    const b = tallies.b[p];
    const count = tallies.count[p];
    return { a, b, count, items: tallies.items[p], rate: count / (involving[a] + involving[b] - count) };
  });
  return pairs.sort((x, y) => y.count - x.count || y.rate - x.rate || x.a - y.a || x.b - y.b);
}

/** The labeler-vs-labeler confusion matrix and the class pairs ranked by disagreement. */
export function computeAmbiguity(judgements: Judgements, subset?: ItemSubset): Ambiguity {
  const k = judgements.categories.length;
  const items = listItems(judgements.itemCount, subset);
  const visits = items ? items.length : judgements.itemCount;
  const tally = new LabelTally(judgements.raters, k);
  const tallies: PairTallies = { index: new Map(), a: [], b: [], count: [], items: [] };
  const agreeing = new Float64Array(k);
  let totalPairs = 0;
  for (let v = 0; v < visits; v++) {
    tally.tally(items ? items[v] : v);
    if (tally.labelCount >= 2) totalPairs += addItem(tally, tallies, agreeing, k);
  }
  return { matrix: buildMatrix(tallies, agreeing), agreeingPairs: agreeing, totalPairs, pairs: rankPairs(tallies, agreeing) };
}

/** Items where one rater said a and another said b: the examples behind a ranked pair. */
export function itemsConfusing(judgements: Judgements, a: number, b: number, subset?: ItemSubset): Uint32Array {
  const items = listItems(judgements.itemCount, subset);
  const visits = items ? items.length : judgements.itemCount;
  const found: number[] = [];
  for (let v = 0; v < visits; v++) {
    const i = items ? items[v] : v;
    let seenA = false;
    let seenB = false;
    for (const codes of judgements.raters) {
      seenA ||= codes[i] === a;
      seenB ||= codes[i] === b;
    }
    if (seenA && seenB && a !== b) found.push(i);
  }
  return Uint32Array.from(found);
}
