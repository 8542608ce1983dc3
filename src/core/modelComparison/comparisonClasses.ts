/**
 * One class list over a label column and two prediction columns, by value as `classes.ts`
 * reads a label/prediction pair: numbers merge and sort by value when every present value of
 * the three columns is a decimal number, else cells are exact text sorted by code point.
 * Classes come from the rows where all three are present (the rows both models are scored on).
 */
import { compareCodePoints, isFiniteNumberText } from '../metrics/classes';

export interface CodedColumn {
  dictionary: readonly string[];
  /** Per row: dictionary code, -1 = empty. */
  codes: Int32Array;
}

export interface ComparisonClasses {
  classes: string[];
  numeric: boolean;
  /** Per row: class index of the label, A and B; -1 when empty. */
  truth: Int32Array;
  a: Int32Array;
  b: Int32Array;
}

export function assignComparisonClasses(label: CodedColumn, a: CodedColumn, b: CodedColumn): ComparisonClasses {
  const columns = [label, a, b];
  const n = label.codes.length;
  if (a.codes.length !== n || b.codes.length !== n) throw new RangeError('label and predictions differ in length');
  const seen = columns.map((c) => new Uint8Array(c.dictionary.length));
  const scored = columns.map((c) => new Uint8Array(c.dictionary.length));
  for (let i = 0; i < n; i++) {
    const codes = [label.codes[i], a.codes[i], b.codes[i]];
    const all = codes[0] >= 0 && codes[1] >= 0 && codes[2] >= 0;
    codes.forEach((code, k) => {
      if (code < 0) return;
      seen[k][code] = 1;
      if (all) scored[k][code] = 1;
    });
  }
  const numeric = columns.every((c, k) => c.dictionary.every((v, code) => seen[k][code] === 0 || isFiniteNumberText(v)));
  const keyOf = numeric ? (v: string): string | number => Number(v) : (v: string): string | number => v;
  // The first spelling met names a class, label column first.
  const names = new Map<string | number, string>();
  columns.forEach((c, k) =>
    c.dictionary.forEach((v, code) => {
      const key = keyOf(v);
      if (scored[k][code] !== 0 && !names.has(key)) names.set(key, v);
    }),
  );
  const keys = [...names.keys()].sort(numeric ? (x, y) => (x as number) - (y as number) : (x, y) => compareCodePoints(x as string, y as string));
  const indexOfKey = new Map(keys.map((key, i) => [key, i]));
  const indices = (c: CodedColumn) => {
    const classOfCode = Int32Array.from(c.dictionary, (v) => indexOfKey.get(keyOf(v)) ?? -1);
    return Int32Array.from(c.codes, (code) => (code < 0 ? -1 : classOfCode[code]));
  };
  return { classes: keys.map((key) => names.get(key)!), numeric, truth: indices(label), a: indices(a), b: indices(b) };
}

/** Whether two label cells name the same class: by value when the classes are numbers, else as exact text; an empty cell differs from a filled one. */
export function sameLabel(x: string, y: string, numeric: boolean): boolean {
  const blankX = x.trim() === '';
  const blankY = y.trim() === '';
  if (blankX || blankY) return blankX === blankY;
  if (numeric && isFiniteNumberText(x) && isFiniteNumberText(y)) return Number(x) === Number(y);
  return x === y;
}
