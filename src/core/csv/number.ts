const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const utf8 = new TextDecoder('utf-8');

/**
 * Parses a decimal number from bytes exactly as `Number(text)` would, without making a
 * string for the common case (sign, up to 15 digits, a point). Empty, not a decimal number
 * (`n/a`, `0x10`, `Infinity`) or out of range: NaN, left out of what needs a number.
 */
// eslint-disable-next-line complexity -- the per-cell number parser of the loader's hot loop: one pass over the bytes, no calls, no string
export function parseNumberBytes(bytes: Uint8Array, start: number, end: number): number {
  if (end <= start) return Number.NaN;
  let i = start;
  let negative = false;
  const first = bytes[i];
  if (first === 0x2d || first === 0x2b) {
    negative = first === 0x2d;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let seenPoint = false;
  let seenDigit = false;
  for (; i < end; i++) {
    const b = bytes[i];
    if (b >= 0x30 && b <= 0x39) {
      seenDigit = true;
      if (mantissa === 0 && b === 0x30 && !seenPoint) continue; // leading zeros
      mantissa = mantissa * 10 + (b - 0x30);
      digits++;
      if (seenPoint) scale++;
    } else if (b === 0x2e && !seenPoint) {
      seenPoint = true;
    } else {
      return slowParse(bytes, start, end);
    }
  }
  if (!seenDigit) return slowParse(bytes, start, end);
  if (digits > 15 || scale > 15) return slowParse(bytes, start, end);
  const value = scale === 0 ? mantissa : mantissa / POW10[scale];
  return negative ? -value : value;
}

// A decimal number as pandas writes one: no hex, binary or octal prefix, no Infinity or NaN.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Anything that is not a finite decimal number (`n/a`, `0x10`, `Infinity`, `1e999`) is NaN, as an empty cell. */
function slowParse(bytes: Uint8Array, start: number, end: number): number {
  const text = utf8.decode(bytes.subarray(start, end)).trim();
  if (!DECIMAL.test(text)) return Number.NaN;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}
