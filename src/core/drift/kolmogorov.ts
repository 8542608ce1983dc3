/**
 * The survival function of the two-sided one-sample Kolmogorov–Smirnov statistic D_n,
 * P(D_n ≥ x): scipy's `kstwo.sf(x, n)` (stats/_ksstats.py, Simard & L'Ecuyer 2011), which
 * `ks_2samp(method="asymp")` evaluates at n = round(m·n/(m + n)). Each region uses the
 * method scipy uses there (Ruben–Gambino, Durbin's matrix, Pomeranz, Pelz–Good, 2 × the
 * one-sided Smirnov tail), so p-values agree with scipy to about 1e-10.
 */

const E128 = 2 ** 128;
const EM128 = 2 ** -128;
const LOG_2PI = Math.log(2 * Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const MIN_LOG = -708;
// cephes MINLOG: exp() of anything below underflows.
const CEPHES_MIN_LOG = -7.451332191019411e2;
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;
// B_2j / (2j(2j − 1)), j = 8 … 1 (scipy's _STIRLING_COEFFS, as doubles).
const STIRLING_COEFFS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417, -0.0005952380952380953,
  0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];

function clip(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/** x · 2^exponent without overflowing 2^exponent on the way. */
function ldexp(x: number, exponent: number): number {
  let result = x;
  let e = exponent;
  while (e > 1000) {
    result *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    result *= 2 ** -1000;
    e += 1000;
  }
  return result * 2 ** e;
}

/** scipy's `kstwo.sf(x, n)`: P(D_n ≥ x); NaN when n is not a positive integer. */
export function kolmogorovSurvival(n: number, x: number): number {
  if (!Number.isInteger(n) || n < 1 || Number.isNaN(x)) return Number.NaN;
  if (x <= 0.5 / n) return 1;
  if (x >= 1) return 0;
  return kolmogornSurvival(n, x);
}

function kolmogornSurvival(n: number, x: number): number {
  const t = n * x;
  if (t <= 1) return clip(1 - rubenGambinoLow(n, t));
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSurvival(n, x));
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clip(1 - durbinMatrixCdf(n, x));
    if (nxSquared <= 4) return clip(1 - pomeranzCdf(n, x));
    return clip(2 * smirnovSurvival(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip(2 * smirnovSurvival(n, x));
  const cdf = n <= 100_000 && n * x ** 1.5 <= 1.4 ? durbinMatrixCdf(n, x) : pelzGoodCdf(n, x);
  return clip(1 - cdf);
}

// P(D_n ≤ x) for 1/2n < x ≤ 1/n: n!/n^n · (2t − 1)^n.
function rubenGambinoLow(n: number, t: number): number {
  if (t <= 0.5) return 0;
  if (n <= 140) {
    let product = 1;
    for (let i = 1; i <= n; i++) product *= i * (1 / n) * (2 * t - 1);
    return product;
  }
  return Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
}

// log(n! / n^n) by Stirling, with n·log(n) removed up front.
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  for (const c of STIRLING_COEFFS) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k];
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += aik * b[k * m + j];
    }
  }
  return out;
}

function durbinInitialMatrix(k: number, h: number): Float64Array {
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorial = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1] = (1 - h ** j) * factorial;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * factorial;
  const matrix = new Float64Array(m * m);
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) matrix[r * m + i] = w[r - i + 1];
  for (let r = 0; r < m; r++) matrix[r * m] = v[r];
  for (let c = 0; c < m; c++) matrix[(m - 1) * m + c] = v[m - 1 - c];
  return matrix;
}

/** Durbin's matrix method as Marsaglia, Tsang and Wang compute it: P(D_n ≤ d). */
function durbinMatrixCdf(n: number, d: number): number {
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const m = 2 * k - 1;
  let h: Float64Array = durbinInitialMatrix(k, k - nd);
  let power: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let exponent = 0;
  let hExponent = 0;
  for (let nn = n; nn > 0; nn = Math.floor(nn / 2)) {
    if (nn % 2 === 1) {
      power = multiply(power, h, m);
      exponent += hExponent;
    }
    h = multiply(h, h, m);
    hExponent *= 2;
    if (Math.abs(h[(k - 1) * m + (k - 1)]) > E128) {
      for (let i = 0; i < h.length; i++) h[i] /= E128;
      hExponent += 128;
    }
  }
  let p = power[(k - 1) * m + (k - 1)];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= E128;
      exponent -= 128;
    }
  }
  return clip(exponent !== 0 ? ldexp(p, exponent) : p);
}

interface PomeranzShape {
  n: number;
  ll: number;
  ceilF: number;
  roundF: number;
}

function pomeranzBounds(i: number, s: PomeranzShape): [number, number] {
  const { n, ll, ceilF, roundF } = s;
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilF - 1;
    j2 = ll + ceilF - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilF - 1;
        j2 = n + ll + ceilF - 1;
      } else {
        j1 = half - 1 - ll - roundF - 1;
        j2 = half + ll - 1 + ceilF - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundF - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

function poissonPowers(count: number, rate: number): Float64Array {
  const out = new Float64Array(count);
  out[0] = 1;
  for (let m = 1; m < count; m++) out[m] = (out[m - 1] * rate) / m;
  return out;
}

/** Pomeranz's recursion: P(D_n ≤ x). */
function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const shape: PomeranzShape = { n, ll, ceilF: f > 0 ? 1 : 0, roundF: f > 0.5 ? 1 : 0 };
  const size = 2 * (ll + 1);
  const gPower = poissonPowers(size, g / n);
  const twoGPower = poissonPowers(size, (2 * g) / n);
  const oneMinusTwoGPower = poissonPowers(size, (1 - 2 * g) / n);
  let v0 = new Float64Array(size);
  let v1 = new Float64Array(size);
  v1[0] = 1;
  let v0s = 0;
  let v1s = 0;
  let exponent = 0;
  let [j1, j2] = pomeranzBounds(0, shape);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [v0, v1] = [v1, v0];
    [v0s, v1s] = [v1s, v0s];
    v1.fill(0);
    [j1, j2] = pomeranzBounds(i, shape);
    const powers = i === 1 || i === 2 * n + 1 ? gPower : i % 2 === 1 ? twoGPower : oneMinusTwoGPower;
    if (j2 - k1 + 1 <= 0) continue;
    const max = convolveRow(v0, v0s, v1, k1, j1, j2, powers);
    if (max > 0 && max < EM128) {
      for (let q = 0; q < size; q++) v1[q] *= E128;
      exponent -= 128;
    }
    v1s = v0s + j1 - k1;
  }
  return timesFactorial(v1[n - v1s], exponent, n);
}

/** Writes V1[0 .. j2 - j1] from V0 (stored from k1 - v0s) and the step's powers; returns its largest entry. */
function convolveRow(v0: Float64Array, v0s: number, v1: Float64Array, k1: number, j1: number, j2: number, powers: Float64Array): number {
  const length = j2 - k1 + 1;
  const start = j1 - k1;
  const count = j2 - j1 + 1;
  let max = 0;
  for (let out = 0; out < count; out++) {
    // Entry start + out of the full convolution of V0[k1 - v0s ...] with the powers.
    const index = start + out;
    let sum = 0;
    for (let a = Math.max(0, index - length + 1); a <= Math.min(index, length - 1); a++) sum += v0[k1 - v0s + a] * powers[index - a];
    v1[out] = sum;
    if (sum > max) max = sum;
  }
  return max;
}

/** answer · n! · 2^exponent, rescaling by 2^128 on the way so that the product never overflows. */
function timesFactorial(answer: number, exponent: number, n: number): number {
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > E128) {
      answer *= EM128;
      exponent += 128;
    }
    answer *= m;
  }
  return clip(exponent !== 0 ? ldexp(answer, exponent) : answer);
}

/** The Pelz–Good approximation of P(D_n ≤ x) for large n. */
function pelzGoodCdf(n: number, x: number): number {
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z3 = z2 * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qLog = -PI2 / 8 / z2;
  if (qLog < MIN_LOG) return 0;
  let q = Math.exp(qLog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const terms = [0, 0, 0, 0];
  const maxK = Math.ceil((16 * z) / Math.PI);
  for (let k = maxK; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qPower = q ** (8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) terms[i] = terms[i] * qPower + coeffs[i];
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) terms[i] = (terms[i] * q * SQRT_2PI) / divisors[i];
  q = Math.exp(-PI2 / 2 / z2);
  const sqrt3z = Math.sqrt(3) * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxK; k > 0; k--) {
    const k2 = k * k;
    const qPower = q ** k2;
    k2extra += k2 * qPower;
    k3extra += (sqrt3z + Math.PI * k) * (sqrt3z - Math.PI * k) * k2 * qPower;
  }
  terms[2] += (k2extra * PI2 * SQRT_2PI) / (-36 * z3);
  terms[3] += (k3extra * PI2 * SQRT_2PI) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += terms[i] / n ** (i / 2);
  return sum;
}

/**
 * P(D_n+ ≥ x), the one-sided Smirnov tail (scipy's `smirnov(n, x)`), by the
 * Birnbaum–Tingey sum taken in logarithms (compensated), so that n up to 10^6 keeps
 * about 1e-11 relative precision.
 */
export function smirnovSurvival(n: number, x: number): number {
  if (!(n > 0) || !(x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const nx = n * x;
  const nxFloor = Math.floor(nx);
  if (nxFloor === 0 || (nxFloor === 1 && nx === 1)) return 1 - x * (1 + x) ** (n - 1);
  if (-2 * n * x * x < CEPHES_MIN_LOG) return 0;
  if (nxFloor >= n - 1) return (1 - x) ** n;
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logP = -((6 * n * x + 1) ** 2) / 18 / n;
    return logP < -Math.LN2 ? Math.exp(logP) : 1 + Math.expm1(logP);
  }
  return clip(x * birnbaumTingeySum(n, x));
}

// Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v), in logs, scaled by its largest term.
function birnbaumTingeySum(n: number, x: number): number {
  const last = Math.floor(n * (1 - x));
  const logs = new Float64Array(last + 1);
  let logBinomial = 0;
  let compensation = 0;
  let max = Number.NEGATIVE_INFINITY;
  for (let v = 0; v <= last; v++) {
    const rest = (n - v) / n - x;
    const value = rest > 0 ? logBinomial + (v - 1) * Math.log(x + v / n) + (n - v) * Math.log(rest) : Number.NEGATIVE_INFINITY;
    logs[v] = value;
    if (value > max) max = value;
    // Kahan summation of log C(n, v + 1) = Σ log((n − j)/(j + 1)).
    const step = Math.log((n - v) / (v + 1)) - compensation;
    const next = logBinomial + step;
    compensation = next - logBinomial - step;
    logBinomial = next;
  }
  let sum = 0;
  for (let v = 0; v <= last; v++) sum += Math.exp(logs[v] - max);
  return sum * Math.exp(max);
}
