/**
 * Categorical values compared by value, as DOMAIN.md §1 reads them: a blank cell is
 * missing; when every present value of the columns read together is a decimal number,
 * "1", "1.0" and "01" are one value; when every one is a boolean spelling, they merge by
 * truth value; otherwise values are exact text. Values are kept in `Map`s, so a value
 * named `__proto__` or `constructor` is data like any other.
 */
import { isBlankValue, readClasses } from '../values/classIdentity';

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

/** True for an empty or whitespace-only cell. */
export function isBlank(value: string): boolean {
  return isBlankValue(value);
}

/**
 * Maps the rows of one or more columns onto one list of values compared by value, through the
 * shared value reading (`core/values/classIdentity.ts`). Each value is named by its first
 * spelling met, column by column.
 */
export function unifyValues(columns: readonly CodedColumn[]): UnifiedValues {
  const identity = readClasses(columns.map((c, i) => ({ name: `column ${i + 1}`, dictionary: c.dictionary, codes: c.codes })));
  const names = new Array<string | undefined>(identity.classes.length);
  columns.forEach((c, i) => {
    const seen = seenCodes(c);
    c.dictionary.forEach((v, code) => {
      const k = identity.classOfCode[i][code];
      if (seen[code] !== 0 && k >= 0 && names[k] === undefined) names[k] = v;
    });
  });
  const rows = columns.map((c, i) => mapCodes(c.codes, identity.classOfCode[i]));
  return { values: names.map((name, k) => name ?? identity.classes[k]), comparedAs: identity.reading, rows };
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

function seenCodes(column: CodedColumn): Uint8Array {
  const seen = new Uint8Array(column.dictionary.length);
  for (let r = 0; r < column.codes.length; r++) {
    const code = column.codes[r];
    if (code >= 0 && code < seen.length) seen[code] = 1;
  }
  return seen;
}
