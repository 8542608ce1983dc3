/**
 * The judgement matrix every agreement statistic reads: items × raters, one Int32Array per
 * rater, codes in ONE category space shared by all raters.
 */

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
 * Distinct values, sorted like scikit-learn's `np.unique`: numerically when every value is a
 * number (ties such as "1" and "1.0" then by code point), else by code point.
 */
export function sortCategories(values: Iterable<string>): string[] {
  const distinct = [...new Set(values)];
  if (distinct.length > 0 && distinct.every(isNumericLabel)) {
    return distinct.sort((a, b) => Number(a) - Number(b) || compareCodePoints(a, b));
  }
  return distinct.sort(compareCodePoints);
}

/** Blank text is no label at all. */
export function isBlankLabel(value: string): boolean {
  return value.trim() === '';
}

/** Maps each dictionary entry to its code in `categories` (blank → NOT_LABELED). */
function mapDictionary(dictionary: readonly string[], index: Map<string, number>): Int32Array {
  return Int32Array.from(dictionary, (value) => (isBlankLabel(value) ? NOT_LABELED : index.get(value)!));
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
 * space. Blank dictionary entries count as "not labeled". Codes are copied, never shared.
 */
export function buildJudgements(columns: readonly LabelerColumn[]): Judgements {
  const itemCount = columns.length === 0 ? 0 : columns[0].codes.length;
  if (columns.some((c) => c.codes.length !== itemCount)) throw new RangeError('labeler columns differ in length');
  const categories = sortCategories(columns.flatMap((c) => c.dictionary.filter((v) => !isBlankLabel(v))));
  const index = new Map(categories.map((name, code) => [name, code]));
  return {
    itemCount,
    raters: columns.map((c, k) => remapCodes(c.codes, mapDictionary(c.dictionary, index), k)),
    raterNames: columns.map((c, k) => c.name ?? `rater ${k + 1}`),
    categories,
    itemIds: null,
  };
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

/** Renames provisional codes (in order of first sight) to the sorted shared category space. */
export function sortProvisionalCodes(names: readonly string[], raters: Int32Array[]): string[] {
  const categories = sortCategories(names);
  const index = new Map(categories.map((name, code) => [name, code]));
  const map = Int32Array.from(names, (name) => index.get(name)!);
  for (const codes of raters) {
    for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) codes[i] = map[codes[i]];
  }
  return categories;
}
