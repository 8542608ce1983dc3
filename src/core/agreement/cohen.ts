/**
 * Cohen's kappa, unweighted, exactly as `sklearn.metrics.cohen_kappa_score`: over the N items
 * both raters labeled, with confusion matrix C, row totals r_c and column totals s_c,
 *   κ = 1 − Σ_{a≠b} C_ab / Σ_{a≠b} E_ab,  E_ab = r_a s_b / N,
 * which is (p_o − p_e) / (1 − p_e) with p_o = Σ_c C_cc / N and p_e = Σ_c r_c s_c / N².
 * Computed as 1 − N·D / (N² − Σ_c r_c s_c) with D = N − Σ_c C_cc: integer sums, one division.
 * Undefined (null, with a reason) when N = 0 or p_e = 1 (both used one and the same category).
 */
import { type ItemSubset, listItems } from './itemTally';
import type { Judgements } from './judgements';

export interface KappaResult {
  kappa: number | null;
  /** Items in the comparison. */
  n: number;
  /** p_o: observed agreement (NaN when n = 0). */
  observed: number;
  /** p_e: agreement expected from the two marginals (NaN when n = 0). */
  expected: number;
  reason: string | null;
}

export interface RaterPairKappa extends KappaResult {
  a: number;
  b: number;
}

/** Running totals of a two-rater comparison, so kappa needs no K × K matrix. */
export class KappaTotals {
  n = 0;
  agreements = 0;
  readonly rowTotals: Float64Array;
  readonly columnTotals: Float64Array;

  constructor(categoryCount: number) {
    this.rowTotals = new Float64Array(categoryCount);
    this.columnTotals = new Float64Array(categoryCount);
  }

  add(x: number, y: number): void {
    this.n++;
    if (x === y) this.agreements++;
    this.rowTotals[x]++;
    this.columnTotals[y]++;
  }

  result(): KappaResult {
    const n = this.n;
    if (n === 0) return { kappa: null, n, observed: Number.NaN, expected: Number.NaN, reason: 'no item was labeled by both' };
    let chancePairs = 0;
    for (let c = 0; c < this.rowTotals.length; c++) chancePairs += this.rowTotals[c] * this.columnTotals[c];
    const observed = this.agreements / n;
    const expected = chancePairs / (n * n);
    const denominator = n * n - chancePairs;
    if (denominator === 0) {
      return { kappa: null, n, observed, expected, reason: 'expected agreement is 1: both used one and the same category' };
    }
    return { kappa: 1 - (n * (n - this.agreements)) / denominator, n, observed, expected, reason: null };
  }
}

/** Cohen's kappa between two code columns over the items where both are ≥ 0. */
export function cohenKappa(x: Int32Array, y: Int32Array, categoryCount: number, subset?: ItemSubset): KappaResult {
  if (x.length !== y.length) throw new RangeError('the two columns differ in length');
  const items = listItems(x.length, subset);
  const visits = items ? items.length : x.length;
  const totals = new KappaTotals(categoryCount);
  for (let k = 0; k < visits; k++) {
    const i = items ? items[k] : k;
    const a = x[i];
    const b = y[i];
    if (a >= 0 && b >= 0) totals.add(a, b);
  }
  return totals.result();
}

/** Cohen's kappa for every pair of raters (a < b), each over the items both labeled. */
export function pairwiseCohenKappa(judgements: Judgements, subset?: ItemSubset): RaterPairKappa[] {
  const { raters, categories } = judgements;
  const pairs: RaterPairKappa[] = [];
  for (let a = 0; a < raters.length; a++) {
    for (let b = a + 1; b < raters.length; b++) {
      pairs.push({ a, b, ...cohenKappa(raters[a], raters[b], categories.length, subset) });
    }
  }
  return pairs;
}
