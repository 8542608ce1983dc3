/**
 * Categorical values compared by value, as DOMAIN.md §1 reads them: a blank cell is
 * missing; when every present value of the columns read together is a decimal number,
 * "1", "1.0" and "01" are one value; when every one is a boolean spelling, they merge by
 * truth value; otherwise values are exact text. Values are kept in `Map`s, so a value
 * named `__proto__` or `constructor` is data like any other.
 */
import { compareCodePoints, isFiniteNumberText } from '../metrics/classes';

/** A dictionary-encoded column: codes per row (-1 = empty) and the dictionary. */
export interface CodedColumn {
  codes: Int32Array;
  dictionary: readonly string[];
}

/** Values shared by several columns, and each column's rows mapped onto them. */
export interface UnifiedValues {
  /** Value names (first spelling met), numbers by value, else text by code point. */
  values: string[];
  /** How values were compared. */
  comparedAs: 'number' | 'boolean' | 'text';
  /** Per input column, per row: index into `values`, -1 when the cell is missing. */
  rows: Int32Array[];
}

const BOOLEAN = /^(true|false)$/i;

/** True for an empty or whitespace-only cell. */
export function isBlank(value: string): boolean {
  return value.trim() === '';
}

/** Maps the rows of one or more columns onto one list of values compared by value. */
export function unifyValues(columns: readonly CodedColumn[]): UnifiedValues {
  const seen = columns.map(seenCodes);
  const present = (test: (v: string) => boolean): boolean =>
    columns.every((c, i) => c.dictionary.every((v, code) => seen[i][code] === 0 || isBlank(v) || test(v)));
  const comparedAs = present(isFiniteNumberText) ? 'number' : present((v) => BOOLEAN.test(v.trim())) ? 'boolean' : 'text';
  const keyOf = keyFunction(comparedAs);
  const names = new Map<string | number, string>();
  columns.forEach((c, i) =>
    c.dictionary.forEach((v, code) => {
      if (seen[i][code] === 0 || isBlank(v)) return;
      const key = keyOf(v);
      if (!names.has(key)) names.set(key, v);
    }),
  );
  const keys = [...names.keys()].sort(
    comparedAs === 'number' ? (a, b) => (a as number) - (b as number) : (a, b) => compareCodePoints(String(a), String(b)),
  );
  const indexOfKey = new Map(keys.map((key, i) => [key, i]));
  const rows = columns.map((c) =>
    mapCodes(c.codes, Int32Array.from(c.dictionary, (v) => (isBlank(v) ? -1 : (indexOfKey.get(keyOf(v)) ?? -1)))),
  );
  return { values: keys.map((key) => names.get(key)!), comparedAs, rows };
}

// Per row: the value index of its code (-1 for an empty cell or a code outside the dictionary).
function mapCodes(codes: Int32Array, valueOfCode: Int32Array): Int32Array {
  const out = new Int32Array(codes.length);
  const size = valueOfCode.length;
  for (let r = 0; r < codes.length; r++) {
    const code = codes[r];
    out[r] = code >= 0 && code < size ? valueOfCode[code] : -1;
  }
  return out;
}

function keyFunction(comparedAs: UnifiedValues['comparedAs']): (v: string) => string | number {
  if (comparedAs === 'number') return (v) => Number(v);
  if (comparedAs === 'boolean') return (v) => v.trim().toLowerCase();
  return (v) => v;
}

function seenCodes(column: CodedColumn): Uint8Array {
  const seen = new Uint8Array(column.dictionary.length);
  for (let r = 0; r < column.codes.length; r++) {
    const code = column.codes[r];
    if (code >= 0 && code < seen.length) seen[code] = 1;
  }
  return seen;
}
