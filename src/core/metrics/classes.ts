/**
 * The class list shared by a label column and a prediction column, in the order
 * scikit-learn's `unique_labels` gives it, and the mapping of rows onto it.
 */
import { isBlankLabel } from '../agreement/judgements';

/** The classes of a label/prediction pair and where each dictionary code falls among them. */
export interface ClassSpace {
  /** Class values, sorted as `unique_labels` sorts them. */
  classes: string[];
  /** True when every value of both columns is a finite number: classes then sort and merge by value. */
  numeric: boolean;
  /** Per label dictionary code: its class index, -1 when the value is not a class. */
  labelClassOfCode: Int32Array;
  /** Per prediction dictionary code: its class index, -1 when the value is not a class. */
  predictionClassOfCode: Int32Array;
}

/** Rows mapped onto a class list: what every metric in this folder takes. */
export interface ClassAssignment {
  classes: string[];
  numeric: boolean;
  /** Per row: class index of the label, -1 when empty. */
  truth: Int32Array;
  /** Per row: class index of the prediction, -1 when empty. */
  prediction: Int32Array;
  /** Rows with an empty label or an empty prediction: left out of every metric. */
  skipped: number;
}

const SEEN = 1;
const SEEN_SCORED = 2;
// What pandas' C parser reads as a number (surrounding blanks allowed, no hex, no underscores).
const DECIMAL = /^[ \t]*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[ \t]*$/;

/**
 * The sorted union of the values that occur in rows where both label and prediction are
 * present (the rows metrics are computed on, so macro averages equal scikit-learn's on those
 * rows). Numbers sort by value and "1" / "1.0" are one class when every non-empty value of
 * both columns parses as a finite number, as pandas would read both columns as numbers;
 * otherwise strings sort by code point, as Python's `sorted` does.
 */
export function classLabels(
  labelDictionary: readonly string[],
  predictionDictionary: readonly string[],
  labelCodes: Int32Array,
  predictionCodes: Int32Array,
): ClassSpace {
  const labelSeen = new Uint8Array(labelDictionary.length);
  const predictionSeen = new Uint8Array(predictionDictionary.length);
  const labelBlank = blankCodes(labelDictionary);
  const predictionBlank = blankCodes(predictionDictionary);
  markSeenCodes(labelCodes, predictionCodes, labelBlank, predictionBlank, labelSeen, predictionSeen);
  const numeric = allSeenNumeric(labelDictionary, labelSeen) && allSeenNumeric(predictionDictionary, predictionSeen);
  const keyOf = numeric ? (value: string): string | number => Number(value) : (value: string): string | number => value;
  const names = new Map<string | number, string>();
  collectClassKeys(labelDictionary, labelSeen, keyOf, names);
  collectClassKeys(predictionDictionary, predictionSeen, keyOf, names);
  const keys = [...names.keys()];
  keys.sort(numeric ? (a, b) => (a as number) - (b as number) : (a, b) => compareCodePoints(a as string, b as string));
  const indexOfKey = new Map(keys.map((key, i) => [key, i]));
  return {
    classes: keys.map((key) => names.get(key)!),
    numeric,
    labelClassOfCode: Int32Array.from(labelDictionary, (v, code) => (labelBlank[code] ? -1 : (indexOfKey.get(keyOf(v)) ?? -1))),
    predictionClassOfCode: Int32Array.from(predictionDictionary, (v, code) => (predictionBlank[code] ? -1 : (indexOfKey.get(keyOf(v)) ?? -1))),
  };
}

/** Per row: the class index of a dictionary code, -1 for an empty or blank cell or a value that is not a class. */
export function classIndices(codes: Int32Array, classOfCode: Int32Array): Int32Array {
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? -1 : classOfCode[codes[i]];
  return out;
}

/** Rows left out of metrics: label or prediction empty. */
export function countSkipped(truth: Int32Array, prediction: Int32Array): number {
  let skipped = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] < 0 || prediction[i] < 0) skipped++;
  return skipped;
}

/** Class list plus per-row class indices for a label and a prediction column. */
export function assignClasses(
  labelDictionary: readonly string[],
  predictionDictionary: readonly string[],
  labelCodes: Int32Array,
  predictionCodes: Int32Array,
): ClassAssignment {
  const space = classLabels(labelDictionary, predictionDictionary, labelCodes, predictionCodes);
  const truth = classIndices(labelCodes, space.labelClassOfCode);
  const prediction = classIndices(predictionCodes, space.predictionClassOfCode);
  return { classes: space.classes, numeric: space.numeric, truth, prediction, skipped: countSkipped(truth, prediction) };
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

/** True when pandas would read the value as a finite number. */
export function isFiniteNumberText(value: string): boolean {
  return DECIMAL.test(value) && Number.isFinite(Number(value));
}

function codePointRank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x10000 : unit;
}

/** Per dictionary code: 1 when the value is whitespace only (DOMAIN.md §1: missing, never a class); decided once per distinct value. */
function blankCodes(dictionary: readonly string[]): Uint8Array {
  return Uint8Array.from(dictionary, (value) => (isBlankLabel(value) ? 1 : 0));
}

function markSeenCodes(labelCodes: Int32Array, predictionCodes: Int32Array, labelBlank: Uint8Array, predictionBlank: Uint8Array, labelSeen: Uint8Array, predictionSeen: Uint8Array): void {
  for (let i = 0; i < labelCodes.length; i++) {
    const l = labelCodes[i] >= 0 && labelBlank[labelCodes[i]] === 0 ? labelCodes[i] : -1;
    const p = predictionCodes[i] >= 0 && predictionBlank[predictionCodes[i]] === 0 ? predictionCodes[i] : -1;
    const scored = l >= 0 && p >= 0 ? SEEN_SCORED : 0;
    if (l >= 0) labelSeen[l] |= SEEN | scored;
    if (p >= 0) predictionSeen[p] |= SEEN | scored;
  }
}

function allSeenNumeric(dictionary: readonly string[], seen: Uint8Array): boolean {
  for (let code = 0; code < dictionary.length; code++) if (seen[code] !== 0 && !isFiniteNumberText(dictionary[code])) return false;
  return true;
}

// The first spelling met names a class ("1" before "1.0"), label column first.
function collectClassKeys(
  dictionary: readonly string[],
  seen: Uint8Array,
  keyOf: (value: string) => string | number,
  names: Map<string | number, string>,
): void {
  for (let code = 0; code < dictionary.length; code++) {
    if ((seen[code] & SEEN_SCORED) === 0) continue;
    const key = keyOf(dictionary[code]);
    if (!names.has(key)) names.set(key, dictionary[code]);
  }
}
