/**
 * Fleiss' kappa as `statsmodels.stats.inter_rater.fleiss_kappa(table, method='fleiss')`, for N
 * items that each have exactly m labels, n_ic of category c:
 *   P_i = (Σ_c n_ic² − m) / (m (m − 1)),   P̄ = mean_i P_i,
 *   p_c = Σ_i n_ic / (N m),                P̄e = Σ_c p_c²,
 *   κ = (P̄ − P̄e) / (1 − P̄e)             (null when P̄e = 1: every label is the same category).
 * Fleiss needs a fixed number of labels per item: from judgements, m is the most common label
 * count among items with ≥ 2 labels (ties go to the larger m) and only items with m labels count.
 */
import { type ItemSubset, LabelTally, listItems } from './itemTally';
import type { Judgements } from './judgements';

export interface FleissKappa {
  kappa: number | null;
  /** P̄: mean within-item pair agreement. */
  observed: number;
  /** P̄e: chance agreement from the category shares. */
  expected: number;
  /** m: labels per item used. */
  ratersPerItem: number;
  /** N: items with exactly m labels (the ones used). */
  items: number;
  /** Items with ≥ 1 label but not m labels (left out). */
  excludedItems: number;
  reason: string | null;
}

/** κ from integer totals: Σ_i Σ_c n_ic², the category totals, N and m (exact until the last divisions). */
function kappaFromTotals(sumSquares: number, categoryTotals: Float64Array, items: number, m: number): Omit<FleissKappa, 'excludedItems'> {
  const labels = items * m;
  const observed = (sumSquares - labels) / (labels * (m - 1));
  let sumTotalsSquared = 0;
  for (const t of categoryTotals) sumTotalsSquared += t * t;
  const expected = sumTotalsSquared / (labels * labels);
  const base = { observed, expected, ratersPerItem: m, items };
  if (sumTotalsSquared === labels * labels) return { ...base, kappa: null, reason: 'every label is the same category (P̄e = 1)' };
  return { ...base, kappa: (observed - expected) / (1 - expected), reason: null };
}

/** Fleiss' kappa of a subjects × categories count table whose rows all sum to the same m ≥ 2. */
export function fleissKappaFromTable(table: readonly (readonly number[])[]): Omit<FleissKappa, 'excludedItems'> {
  if (table.length === 0) throw new RangeError('the table has no rows');
  const m = table[0].reduce((s, v) => s + v, 0);
  if (m < 2) throw new RangeError('each row needs at least two ratings');
  const totals = new Float64Array(table[0].length);
  let sumSquares = 0;
  for (const row of table) {
    if (row.length !== totals.length || row.reduce((s, v) => s + v, 0) !== m) throw new RangeError('rows differ in length or in their number of ratings');
    row.forEach((v, c) => {
      totals[c] += v;
      sumSquares += v * v;
    });
  }
  return kappaFromTotals(sumSquares, totals, table.length, m);
}

/** Histogram of label counts per item (index = count). */
function countLabelsPerItem(judgements: Judgements, items: Uint32Array | null): Float64Array {
  const histogram = new Float64Array(judgements.raters.length + 1);
  const visits = items ? items.length : judgements.itemCount;
  for (let k = 0; k < visits; k++) {
    const i = items ? items[k] : k;
    let n = 0;
    for (const codes of judgements.raters) if (codes[i] >= 0) n++;
    histogram[n]++;
  }
  return histogram;
}

/** The most common label count ≥ 2; ties go to the larger count (more raters per item). */
function chooseRatersPerItem(histogram: Float64Array): number {
  let best = 0;
  for (let m = 2; m < histogram.length; m++) if (histogram[m] > 0 && (best === 0 || histogram[m] >= histogram[best])) best = m;
  return best;
}

/** Fleiss' kappa over the items having the most common number of labels m ≥ 2. */
export function fleissKappa(judgements: Judgements, subset?: ItemSubset): FleissKappa {
  const items = listItems(judgements.itemCount, subset);
  const histogram = countLabelsPerItem(judgements, items);
  const labeled = histogram.reduce((s, v) => s + v, 0) - histogram[0];
  const m = chooseRatersPerItem(histogram);
  if (m === 0) {
    const none = { kappa: null, observed: Number.NaN, expected: Number.NaN, ratersPerItem: 0, items: 0 };
    return { ...none, excludedItems: labeled, reason: 'no item has two or more labels' };
  }
  const totals = new Float64Array(judgements.categories.length);
  const tally = new LabelTally(judgements.raters, totals.length);
  const visits = items ? items.length : judgements.itemCount;
  let sumSquares = 0;
  for (let k = 0; k < visits; k++) {
    tally.tally(items ? items[k] : k);
    if (tally.labelCount !== m) continue;
    for (let d = 0; d < tally.distinctCount; d++) totals[tally.distinct[d]] += tally.counts[tally.distinct[d]];
    sumSquares += tally.sumOfSquares();
  }
  return { ...kappaFromTotals(sumSquares, totals, histogram[m], m), excludedItems: labeled - histogram[m] };
}
