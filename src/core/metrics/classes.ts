/**
 * The class list shared by a label column and a prediction column, in the order
 * scikit-learn's `unique_labels` gives it, and the mapping of rows onto it.
 */
import { lookAlikeWarnings, readClasses, type ValueReading } from '../values/classIdentity';

export { compareCodePoints, isFiniteNumberText } from '../values/numberText';

/** The classes of a label/prediction pair and where each dictionary code falls among them. */
export interface ClassSpace {
  /** Class values, sorted as `unique_labels` sorts them. */
  classes: string[];
  /** True when every value is a finite number: classes then sort and merge by value. */
  numeric: boolean;
  /** Look-alike class warnings (whitespace, case, Unicode normalization). */
  warnings: string[];
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
  /** Look-alike class warnings (whitespace, case, Unicode normalization). */
  warnings: string[];
}

/**
 * Label and prediction columns as the shared value reading sees them (`core/values`): the
 * reading, every class, and per dictionary code of each column its class (-1 blank).
 */
export interface ClassReading {
  reading: ValueReading;
  classes: readonly string[];
  labelClassOfCode: Int32Array;
  predictionClassOfCode: Int32Array;
  /** Look-alike class warnings. */
  warnings: string[];
}

/** Reads a label and a prediction column on their own (no labeler columns): for callers without a dataset. */
export function readClassPair(labelDictionary: readonly string[], predictionDictionary: readonly string[], labelCodes: Int32Array, predictionCodes: Int32Array): ClassReading {
  const identity = readClasses([
    { name: 'label', dictionary: labelDictionary, codes: labelCodes },
    { name: 'prediction', dictionary: predictionDictionary, codes: predictionCodes },
  ]);
  const [labelClassOfCode, predictionClassOfCode] = identity.classOfCode;
  return { reading: identity.reading, classes: identity.classes, labelClassOfCode, predictionClassOfCode, warnings: lookAlikeWarnings(identity) };
}

/**
 * The sorted classes that occur in rows where both label and prediction are present (the rows
 * metrics are computed on, so macro averages equal scikit-learn's on those rows). Which cells
 * are one class is decided by `reading` (by default the two columns read together, see
 * `core/values/classIdentity.ts`): numbers by value ("1" / "1.0"), booleans by truth value,
 * else exact text sorted by code point, as Python's `sorted` does.
 */
export function classLabels(
  labelDictionary: readonly string[],
  predictionDictionary: readonly string[],
  labelCodes: Int32Array,
  predictionCodes: Int32Array,
  reading: ClassReading = readClassPair(labelDictionary, predictionDictionary, labelCodes, predictionCodes),
): ClassSpace {
  const scored = new Uint8Array(reading.classes.length);
  for (let i = 0; i < labelCodes.length; i++) {
    const l = labelCodes[i] >= 0 ? reading.labelClassOfCode[labelCodes[i]] : -1;
    const p = predictionCodes[i] >= 0 ? reading.predictionClassOfCode[predictionCodes[i]] : -1;
    if (l >= 0 && p >= 0) scored[l] = scored[p] = 1;
  }
  const compact = new Int32Array(reading.classes.length).fill(-1);
  const classes: string[] = [];
  scored.forEach((used, c) => {
    if (used) compact[c] = classes.push(reading.classes[c]) - 1;
  });
  const remap = (classOfCode: Int32Array) => Int32Array.from(classOfCode, (c) => (c < 0 ? -1 : compact[c]));
  return {
    classes,
    numeric: reading.reading === 'number',
    labelClassOfCode: remap(reading.labelClassOfCode),
    predictionClassOfCode: remap(reading.predictionClassOfCode),
    warnings: reading.warnings,
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
  reading?: ClassReading,
): ClassAssignment {
  const space = classLabels(labelDictionary, predictionDictionary, labelCodes, predictionCodes, reading);
  const truth = classIndices(labelCodes, space.labelClassOfCode);
  const prediction = classIndices(predictionCodes, space.predictionClassOfCode);
  return { classes: space.classes, numeric: space.numeric, truth, prediction, skipped: countSkipped(truth, prediction), warnings: space.warnings };
}

