/**
 * Krippendorff's alpha for nominal data with missing values (Krippendorff 2011, "Computing
 * Krippendorff's Alpha-Reliability"). A unit u with m_u ≥ 2 values is pairable; units with
 * fewer values are left out. With n_uc values of category c in unit u:
 *   coincidences  o_ck = Σ_u n_uc (n_uk − [c = k]) / (m_u − 1),
 *   n_c = Σ_k o_ck = Σ_u n_uc,   n = Σ_c n_c (pairable values),
 *   α = 1 − D_o / D_e = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k.
 * One pass accumulates the off-diagonal mass Σ_{c≠k} o_ck = Σ_u (m_u² − Σ_c n_uc²) / (m_u − 1)
 * (as integers per m_u, divided once) and the totals n_c; Σ_{c≠k} n_c n_k = n² − Σ_c n_c².
 */
import { type ItemSubset, LabelTally, listItems } from './itemTally';
import type { Judgements } from './judgements';

export interface KrippendorffAlpha {
  alpha: number | null;
  /** n: values in pairable units. */
  pairableValues: number;
  /** Units with at least two values. */
  pairableUnits: number;
  /** D_o = Σ_{c≠k} o_ck / n. */
  observedDisagreement: number;
  /** D_e = Σ_{c≠k} n_c n_k / (n (n − 1)). */
  expectedDisagreement: number;
  reason: string | null;
}

/** α and its parts from the three sums everything reduces to. */
function alphaFromSums(n: number, units: number, offDiagonal: number, sumTotalsSquared: number): KrippendorffAlpha {
  const base = { pairableValues: n, pairableUnits: units, observedDisagreement: Number.NaN, expectedDisagreement: Number.NaN };
  if (units === 0) return { ...base, alpha: null, reason: 'no unit has two or more values' };
  const expectedPairs = n * n - sumTotalsSquared;
  const parts = { ...base, observedDisagreement: offDiagonal / n, expectedDisagreement: expectedPairs / (n * (n - 1)) };
  if (expectedPairs === 0) return { ...parts, alpha: null, reason: 'every pairable value is the same category (D_e = 0)' };
  return { ...parts, alpha: 1 - ((n - 1) * offDiagonal) / expectedPairs, reason: null };
}

/** Nominal Krippendorff's alpha over all units (or a subset), in one pass. */
export function krippendorffAlpha(judgements: Judgements, subset?: ItemSubset): KrippendorffAlpha {
  const items = listItems(judgements.itemCount, subset);
  const visits = items ? items.length : judgements.itemCount;
  const totals = new Float64Array(judgements.categories.length);
  const tally = new LabelTally(judgements.raters, totals.length);
  // Σ_u (m_u² − Σ_c n_uc²) per m_u: integers, so the sum is exact before the division.
  const disagreeingByM = new Float64Array(judgements.raters.length + 1);
  let n = 0;
  let units = 0;
  for (let k = 0; k < visits; k++) {
    tally.tally(items ? items[k] : k);
    const m = tally.labelCount;
    if (m < 2) continue;
    units++;
    n += m;
    for (let d = 0; d < tally.distinctCount; d++) totals[tally.distinct[d]] += tally.counts[tally.distinct[d]];
    disagreeingByM[m] += m * m - tally.sumOfSquares();
  }
  let offDiagonal = 0;
  for (let m = 2; m < disagreeingByM.length; m++) offDiagonal += disagreeingByM[m] / (m - 1);
  let sumTotalsSquared = 0;
  for (const t of totals) sumTotalsSquared += t * t;
  return alphaFromSums(n, units, offDiagonal, sumTotalsSquared);
}

/** The K × K coincidence matrix o_ck (row-major), for display and for checking by hand. */
export function coincidenceMatrix(judgements: Judgements, subset?: ItemSubset): Float64Array {
  const k = judgements.categories.length;
  const matrix = new Float64Array(k * k);
  const items = listItems(judgements.itemCount, subset);
  const visits = items ? items.length : judgements.itemCount;
  const tally = new LabelTally(judgements.raters, k);
  for (let v = 0; v < visits; v++) {
    tally.tally(items ? items[v] : v);
    const m = tally.labelCount;
    if (m < 2) continue;
    for (let x = 0; x < tally.distinctCount; x++) {
      const c = tally.distinct[x];
      for (let y = 0; y < tally.distinctCount; y++) {
        const e = tally.distinct[y];
        matrix[c * k + e] += (tally.counts[c] * (tally.counts[e] - (c === e ? 1 : 0))) / (m - 1);
      }
    }
  }
  return matrix;
}
