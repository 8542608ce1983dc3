/**
 * Categorical drift per DOMAIN.md §5: shares over the union of categories with missing
 * cells as a category of their own, PSI with zero shares replaced by 0.0001, and the
 * chi-square test of the 2 × K table of counts as scipy's
 * `chi2_contingency(table, correction=False)` (dof 0 gives statistic 0 and p 1).
 */
import { chiSquareSurvival } from '../stats/gamma';

const ZERO_SHARE = 0.0001;

export type PsiLevel = 'stable' | 'moderate' | 'drifted';

export interface ChiSquareResult {
  statistic: number;
  dof: number;
  p: number;
}

/** PSI = Σ (c − r)·ln(c/r) over shares, zero shares replaced by 0.0001; null when a file has no rows. */
export function computePsi(referenceCounts: ArrayLike<number>, currentCounts: ArrayLike<number>): number | null {
  const referenceTotal = total(referenceCounts);
  const currentTotal = total(currentCounts);
  if (referenceTotal === 0 || currentTotal === 0) return null;
  let psi = 0;
  for (let k = 0; k < referenceCounts.length; k++) {
    const r = referenceCounts[k] / referenceTotal || ZERO_SHARE;
    const c = currentCounts[k] / currentTotal || ZERO_SHARE;
    psi += (c - r) * Math.log(c / r);
  }
  return psi;
}

/** < 0.1 stable, 0.1–0.25 moderate, ≥ 0.25 drifted. */
export function classifyPsi(psi: number): PsiLevel {
  if (psi < 0.1) return 'stable';
  return psi < 0.25 ? 'moderate' : 'drifted';
}

/**
 * The chi-square test of independence of a 2 × K table (rows: reference, current). Columns
 * with no count in either row are dropped first (they would make scipy raise); null when a
 * row is empty.
 */
export function testChiSquare(referenceCounts: ArrayLike<number>, currentCounts: ArrayLike<number>): ChiSquareResult | null {
  const referenceTotal = total(referenceCounts);
  const currentTotal = total(currentCounts);
  if (referenceTotal === 0 || currentTotal === 0) return null;
  const grand = referenceTotal + currentTotal;
  let statistic = 0;
  let columns = 0;
  const rows: [ArrayLike<number>, number][] = [
    [referenceCounts, referenceTotal],
    [currentCounts, currentTotal],
  ];
  for (const [counts, rowTotal] of rows) {
    for (let k = 0; k < counts.length; k++) {
      const columnTotal = referenceCounts[k] + currentCounts[k];
      if (columnTotal === 0) continue;
      const expected = (rowTotal * columnTotal) / grand;
      statistic += (counts[k] - expected) ** 2 / expected;
    }
  }
  for (let k = 0; k < referenceCounts.length; k++) if (referenceCounts[k] + currentCounts[k] > 0) columns++;
  const dof = columns - 1;
  if (dof <= 0) return { statistic: 0, dof: 0, p: 1 };
  return { statistic, dof, p: chiSquareSurvival(statistic, dof) };
}

function total(counts: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < counts.length; k++) sum += counts[k];
  return sum;
}
