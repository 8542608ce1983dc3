/**
 * One class list over a label column and two prediction columns, read together by the shared
 * value reading (`core/values/classIdentity.ts`): numbers merge and sort by value when every
 * present value of the three columns is a decimal number, booleans by truth value when every
 * one is a boolean spelling, else cells are exact text sorted by code point.
 * Classes come from the rows where all three are present (the rows both models are scored on).
 */
import { isFiniteNumberText } from '../values/numberText';
import { readClasses } from '../values/classIdentity';

const COLUMN_NAMES = ['label', 'prediction A', 'prediction B'];

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
  const identity = readClasses(columns.map((c, k) => ({ name: COLUMN_NAMES[k], dictionary: c.dictionary, codes: c.codes })));
  const rows = columns.map((c, k) => Int32Array.from(c.codes, (code) => (code < 0 || code >= c.dictionary.length ? -1 : identity.classOfCode[k][code])));
  const scored = new Uint8Array(identity.classes.length);
  for (let i = 0; i < n; i++) {
    if (rows[0][i] < 0 || rows[1][i] < 0 || rows[2][i] < 0) continue;
    scored[rows[0][i]] = scored[rows[1][i]] = scored[rows[2][i]] = 1;
  }
  const compact = new Int32Array(scored.length).fill(-1);
  const classes: string[] = [];
  scored.forEach((used, c) => {
    if (used) compact[c] = classes.push(identity.classes[c]) - 1;
  });
  const [truth, forA, forB] = rows.map((r) => r.map((c) => (c < 0 ? -1 : compact[c])));
  return { classes, numeric: identity.reading === 'number', truth, a: forA, b: forB };
}

/** Whether two label cells name the same class: by value when the classes are numbers, else as exact text; an empty cell differs from a filled one. */
export function sameLabel(x: string, y: string, numeric: boolean): boolean {
  const blankX = x.trim() === '';
  const blankY = y.trim() === '';
  if (blankX || blankY) return blankX === blankY;
  if (numeric && isFiniteNumberText(x) && isFiniteNumberText(y)) return Number(x) === Number(y);
  return x === y;
}
