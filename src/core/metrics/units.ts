/**
 * One unit for every figure that is an amount of accuracy rather than a share: the gap to HLP,
 * the potential gain, the priority (a gain weighted by ease and importance) and a slice's
 * difference from overall accuracy are percentage points of accuracy ("2.35 pts") in every view,
 * CLI table and report; shares, rates and accuracies are percents ("94.0%"). JSON keeps every
 * one of them as a fraction in 0..1 (0.0235), as computed.
 */

/** `0.02347` → `"2.35 pts"`; a signed difference keeps its sign (`"−1.2 pts"` with `signed`). */
export function formatPoints(fraction: number | null | undefined, digits = 2, signed = false): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  const points = (Math.abs(fraction) * 100).toFixed(digits);
  const sign = fraction < 0 && Number(points) !== 0 ? '−' : signed && fraction > 0 ? '+' : '';
  return `${sign}${points} pts`;
}
