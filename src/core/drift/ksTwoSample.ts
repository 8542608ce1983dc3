/**
 * The two-sample Kolmogorov–Smirnov test as scipy's `ks_2samp(ref, cur, method="asymp")`
 * with the two-sided alternative: D = max |F_ref(x) − F_cur(x)| over the pooled values
 * (each ECDF difference computed as i/m − j/n, the same doubles scipy subtracts), and
 * p = kstwo.sf(D, round(m·n/(m + n))) with NumPy's round-half-to-even.
 */
import { kolmogorovSurvival } from './kolmogorov';

export interface KsResult {
  /** The KS statistic D in [0, 1]. */
  d: number;
  /** The asymptotic p-value; null where scipy gives NaN (both samples of size 1). */
  p: number | null;
}

/** Non-missing (non-NaN) values, sorted ascending. */
export function sortedPresent(values: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) count++;
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out[k++] = values[i];
  return out.sort();
}

/** D and its p-value for two samples (NaN = missing, left out); null when a sample is empty. */
export function testKsTwoSample(reference: ArrayLike<number>, current: ArrayLike<number>): KsResult | null {
  const a = sortedPresent(reference);
  const b = sortedPresent(current);
  if (a.length === 0 || b.length === 0) return null;
  const d = ksStatistic(a, b);
  const [m, n] = a.length >= b.length ? [a.length, b.length] : [b.length, a.length];
  const p = kolmogorovSurvival(roundHalfEven((m * n) / (m + n)), d);
  return { d, p: Number.isNaN(p) ? null : p };
}

/** D for two sorted, non-empty samples. */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let maxAbove = 0;
  let maxBelow = 0;
  while (i < a.length || j < b.length) {
    const value = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    while (i < a.length && a[i] <= value) i++;
    while (j < b.length && b[j] <= value) j++;
    const difference = i / a.length - j / b.length;
    if (difference > maxAbove) maxAbove = difference;
    if (-difference > maxBelow) maxBelow = -difference;
  }
  return Math.min(1, Math.max(maxAbove, maxBelow));
}

/** NumPy's `round`: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction < 0.5) return floor;
  if (fraction > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}
