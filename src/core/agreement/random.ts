/**
 * Seeded randomness for the bootstrap: mulberry32 (32-bit state, fast, good enough for
 * resampling) and exact binomial draws built on it.
 */

/** A uniform draw in (0, 1) (never 0, so logarithms stay finite). */
export type Uniform = () => number;

/** mulberry32: deterministic for a given 32-bit seed. */
export function mulberry32(seed: number): Uniform {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/**
 * Binomial(n, p) by inversion (numpy's method for small n·p): walk the pmf from 0, each term
 * from the last. A walk past n·p + 10 sd (reachable only through rounding; true mass < 1e-12)
 * restarts.
 */
function binomialByInversion(n: number, p: number, uniform: Uniform): number {
  const s = p / (1 - p);
  const a = (n + 1) * s;
  const first = Math.exp(n * Math.log1p(-p));
  const bound = Math.min(n, n * p + 10 * Math.sqrt(n * p * (1 - p) + 1));
  for (;;) {
    let u = uniform();
    let f = first;
    let x = 0;
    while (u > f && x <= bound) {
      u -= f;
      x++;
      f *= a / x - s;
    }
    if (x <= bound) return x;
  }
}

const STIRLING_TAIL = [
  0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211,
  0.0138761288230707, 0.0118967099458917, 0.010411265261972, 0.00925546218271273, 0.00833056343336287,
];

/** log(k!) − [(k + ½) log(k + 1) − (k + 1) + ½ log 2π]: the Stirling series remainder. */
function stirlingTail(k: number): number {
  if (k <= 9) return STIRLING_TAIL[k];
  const kp1sq = (k + 1) * (k + 1);
  return (1 / 12 - (1 / 360 - 1 / 1260 / kp1sq) / kp1sq) / (k + 1);
}

/** Binomial(n, p), p ≤ ½, n·p ≥ 10: Hörmann's BTRS transformed rejection (exact). */
function binomialByRejection(n: number, p: number, uniform: Uniform): number {
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const r = p / (1 - p);
  const alpha = (2.83 + 5.1 / b) * spq;
  const m = Math.floor((n + 1) * p);
  for (;;) {
    const u = uniform() - 0.5;
    let v = uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    const bound =
      (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1))) +
      (n + 1) * Math.log((n - m + 1) / (n - k + 1)) +
      (k + 0.5) * Math.log((r * (n - k + 1)) / (k + 1)) +
      stirlingTail(m) + stirlingTail(n - m) - stirlingTail(k) - stirlingTail(n - k);
    if (v <= bound) return k;
  }
}

/** An exact Binomial(n, p) draw. */
export function drawBinomial(n: number, p: number, uniform: Uniform): number {
  if (n <= 0 || !(p > 0)) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - drawBinomial(n, 1 - p, uniform);
  return n * p < 10 ? binomialByInversion(n, p, uniform) : binomialByRejection(n, p, uniform);
}
