/**
 * McNemar's test on the discordant pairs of two models (DOMAIN.md §8), as statsmodels'
 * `mcnemar(table, exact=True)` and `mcnemar(table, exact=False, correction=True)` compute it.
 */
import { binomialHalfCdf } from '../stats/binomial';
import { chiSquareSurvival } from '../stats/gamma';

export interface McNemar {
  /** min(1, 2 · P(X ≤ min(b, c))) for X ~ Binomial(b + c, ½). */
  exactP: number;
  /** (|b − c| − 1)² / (b + c); null when there is no discordant pair. */
  chi2: number | null;
  /** P(χ²₁ ≥ chi2); null with chi2. */
  chi2P: number | null;
}

/** `fixed` = A wrong and B right (b), `broken` = A right and B wrong (c). */
export function mcnemarTest(fixed: number, broken: number): McNemar {
  const n = fixed + broken;
  const exactP = Math.min(1, 2 * binomialHalfCdf(Math.min(fixed, broken), n));
  if (n === 0) return { exactP, chi2: null, chi2P: null };
  const chi2 = (Math.abs(fixed - broken) - 1) ** 2 / n;
  return { exactP, chi2, chi2P: chiSquareSurvival(chi2, 1) };
}
