/**
 * The judgement matrix every agreement statistic reads: items × raters, one Int32Array per
 * rater, codes in ONE category space shared by all raters. Which cells are one category is
 * decided by the shared value reading (`core/values/classIdentity.ts`, DOMAIN.md §1), so a
 * labeler column written `6` and another written `6.0` agree.
 */
import { isBlankValue, lookAlikeWarnings, readClasses, type ValueColumn } from '../values/classIdentity';

/** The rater did not label the item. */
export const NOT_LABELED = -1;

export interface Judgements {
  itemCount: number;
  /** Per rater, per item: a code into `categories`, or NOT_LABELED. */
  raters: Int32Array[];
  raterNames: string[];
  /** Shared category names, sorted like scikit-learn (see `sortCategories`). */
  categories: string[];
  /** Item keys when items are not the rows of a file (long format, Label Studio); else null. */
  itemIds: string[] | null;
  /** Look-alike class warnings from reading the values (whitespace, case, Unicode normalization). */
  warnings?: string[];
}

/** How the labeler columns' values were read: every class, and per column and dictionary code its class (-1 blank). */
export interface JudgementReading {
  classes: readonly string[];
  /** One per labeler column, in the order of the columns. */
  classOfCode: readonly Int32Array[];
  warnings: string[];
}

/** A labeler column as the Dataset holds it: codes into the column's own dictionary, -1 = empty. */
export interface LabelerColumn {
  codes: Int32Array;
  dictionary: readonly string[];
  name?: string;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True when the text is a plain decimal number (what pandas would read as numeric). */
export function isNumericLabel(text: string): boolean {
  return NUMBER.test(text.trim());
}

/** Compares by Unicode code point, as Python's `sorted` does (JS `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return ca.done && cb.done ? 0 : ca.done ? -1 : 1;
    const diff = ca.value.codePointAt(0)! - cb.value.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
}

/**
 * Distinct values as classes, sorted like scikit-learn's `np.unique` on what pandas reads: by
 * value when every value is a number ("1" and "1.0" are one), by truth value when every value
 * is a boolean spelling, else by code point. Blank values are left out.
 */
export function sortCategories(values: Iterable<string>): string[] {
  const index = new Map<string, number>();
  const codes: number[] = [];
  for (const value of values) {
    let code = index.get(value);
    if (code === undefined) index.set(value, (code = index.size));
    codes.push(code);
  }
  return readClasses([{ name: 'values', dictionary: [...index.keys()], codes: Int32Array.from(codes) }]).classes;
}

/** Blank text is no label at all. */
export function isBlankLabel(value: string): boolean {
  return isBlankValue(value);
}

/** The labeler columns read on their own (DOMAIN.md §1), when no file-wide reading is given. */
export function readLabelerColumns(columns: readonly LabelerColumn[]): JudgementReading {
  const identity = readClasses(columns.map((c, k): ValueColumn => ({ name: c.name ?? `rater ${k + 1}`, dictionary: c.dictionary, codes: c.codes })));
  return { classes: identity.classes, classOfCode: identity.classOfCode, warnings: lookAlikeWarnings(identity) };
}

function remapCodes(codes: Int32Array, map: Int32Array, column: number): Int32Array {
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code >= map.length) throw new RangeError(`labeler column ${column}: code ${code} at item ${i} is outside its dictionary`);
    out[i] = code < 0 ? NOT_LABELED : map[code];
  }
  return out;
}

/**
 * Puts several labeler columns, each with its own dictionary, into one shared sorted category
 * space: the classes the labelers used, read as `reading` says (by default the labeler columns
 * read together). Blank dictionary entries count as "not labeled". Codes are copied, never shared.
 */
export function buildJudgements(columns: readonly LabelerColumn[], reading: JudgementReading = readLabelerColumns(columns)): Judgements {
  const itemCount = columns.length === 0 ? 0 : columns[0].codes.length;
  if (columns.some((c) => c.codes.length !== itemCount)) throw new RangeError('labeler columns differ in length');
  const used = new Uint8Array(reading.classes.length);
  columns.forEach((c, k) => markUsedClasses(c.codes, reading.classOfCode[k], used));
  const { compact, categories } = compactClasses(reading.classes, used);
  return {
    itemCount,
    raters: columns.map((c, k) => remapCodes(c.codes, Int32Array.from(reading.classOfCode[k], (x) => (x < 0 ? NOT_LABELED : compact[x])), k)),
    raterNames: columns.map((c, k) => c.name ?? `rater ${k + 1}`),
    categories,
    itemIds: null,
    warnings: reading.warnings,
  };
}

/** The used classes, in order, and each class's new index (NOT_LABELED when unused). */
function compactClasses(classes: readonly string[], used: Uint8Array): { compact: Int32Array; categories: string[] } {
  const compact = new Int32Array(used.length).fill(NOT_LABELED);
  const categories: string[] = [];
  used.forEach((u, c) => {
    if (u) compact[c] = categories.push(classes[c]) - 1;
  });
  return { compact, categories };
}

function markUsedClasses(codes: Int32Array, classOfCode: Int32Array, used: Uint8Array): void {
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code >= 0 && code < classOfCode.length && classOfCode[code] >= 0) used[classOfCode[code]] = 1;
  }
}

/** Throws when the matrix is malformed (hand-built input): ragged raters or codes outside `categories`. */
export function validateJudgements(judgements: Judgements): void {
  const { itemCount, raters, raterNames, categories } = judgements;
  if (raterNames.length !== raters.length) throw new RangeError('raterNames and raters differ in length');
  raters.forEach((codes, r) => {
    if (codes.length !== itemCount) throw new RangeError(`rater ${r} has ${codes.length} codes for ${itemCount} items`);
    for (const code of codes) if (code < NOT_LABELED || code >= categories.length) throw new RangeError(`rater ${r}: code ${code} is outside the categories`);
  });
}

/**
 * Renames provisional codes (in order of first sight) to the shared classes of the value reading
 * (spellings of one number or truth value merge). Returns the categories and the look-alike warnings.
 */
export function sortProvisionalCodes(names: readonly string[], raters: Int32Array[], raterNames?: readonly string[]): { categories: string[]; warnings: string[] } {
  const reading = readLabelerColumns(raters.map((codes, r) => ({ codes, dictionary: names, name: raterNames?.[r] })));
  const used = new Uint8Array(reading.classes.length);
  raters.forEach((codes, r) => markUsedClasses(codes, reading.classOfCode[r], used));
  const { compact, categories } = compactClasses(reading.classes, used);
  raters.forEach((codes, r) => {
    const map = reading.classOfCode[r];
    for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) codes[i] = map[codes[i]] < 0 ? NOT_LABELED : compact[map[codes[i]]];
  });
  return { categories, warnings: reading.warnings };
}
