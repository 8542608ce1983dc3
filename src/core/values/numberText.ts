/** How a cell's text is read as a number, and the order Python sorts strings in. */

// What pandas' C parser reads as a number (surrounding blanks allowed, no hex, no underscores).
const DECIMAL = /^[ \t]*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[ \t]*$/;

/** True when pandas would read the value as a finite number. */
export function isFiniteNumberText(value: string): boolean {
  return DECIMAL.test(value) && Number.isFinite(Number(value));
}

/** Compares strings by Unicode code point (Python's order), not by UTF-16 unit as `<` does. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (0xD800–0xDFFF) starts a code point above every BMP unit.
    return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x10000 : unit;
}
