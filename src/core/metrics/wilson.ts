/**
 * Wilson score interval for a proportion, as statsmodels'
 * `proportion_confint(k, n, alpha, method='wilson')`: unlike `p ± z·se` it stays inside
 * [0, 1] and stays wide for small n, so 2 of 3 correct is not read as a crisis.
 */

/**
 * The two-sided 95% critical value as `scipy.stats.norm.isf(0.025)` returns it (what
 * statsmodels uses), so intervals agree to the bit; the exact value is 1.95996398454005423….
 */
export const Z_95 = 1.9599639845400545;

/**
 * Fewer examples than this in a tag or a slice: its figures get a "small sample" warning next
 * to them and next to any recommendation drawn from them (a 95% Wilson interval on 30 examples
 * is still about ±17 points wide at 50% accuracy).
 */
export const SMALL_SAMPLE_N = 30;

export interface Interval {
  lower: number;
  upper: number;
}

/**
 * The interval for `successes` out of `total` at critical value `z`. Null when `total` is 0
 * (no data, no interval). Same operations in the same order as statsmodels; the bound that is
 * exactly 0 (k = 0) or 1 (k = n) in exact arithmetic is set so, rounding cannot leave 1 − 1e-16.
 */
export function wilsonInterval(successes: number, total: number, z: number = Z_95): Interval | null {
  if (total <= 0) return null;
  const q = successes / total;
  const z2 = z * z;
  const denominator = 1 + z2 / total;
  const center = (q + z2 / (2 * total)) / denominator;
  const distance = (z * Math.sqrt((q * (1 - q)) / total + z2 / (4 * total * total))) / denominator;
  return {
    lower: successes <= 0 ? 0 : clampUnit(center - distance),
    upper: successes >= total ? 1 : clampUnit(center + distance),
  };
}

/**
 * The two-sided critical value for significance `alpha` (`norm.isf(alpha / 2)`; 0.05 → 1.96),
 * by Wichura's AS241 (PPND16), accurate to about 1e-16. Taken from the lower tail so that
 * small alphas keep their precision.
 */
export function criticalValue(alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  return -normalQuantile(alpha / 2);
}

/** Inverse of the standard normal CDF for 0 < p < 1 (AS241). */
export function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(CENTRAL_NUMERATOR, r)) / polynomial(CENTRAL_DENOMINATOR, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = polynomial(NEAR_NUMERATOR, r) / polynomial(NEAR_DENOMINATOR, r);
  } else {
    r -= 5;
    value = polynomial(TAIL_NUMERATOR, r) / polynomial(TAIL_DENOMINATOR, r);
  }
  return q < 0 ? -value : value;
}

function clampUnit(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

// Horner's rule; coefficients from the constant term up.
function polynomial(coefficients: readonly number[], x: number): number {
  let sum = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) sum = sum * x + coefficients[i];
  return sum;
}

// AS241 (Wichura 1988), PPND16 coefficients, written as the doubles their 20-digit forms round to.
const CENTRAL_NUMERATOR = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const CENTRAL_DENOMINATOR = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
];
const NEAR_NUMERATOR = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const NEAR_DENOMINATOR = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9,
];
const TAIL_NUMERATOR = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const TAIL_DENOMINATOR = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];
