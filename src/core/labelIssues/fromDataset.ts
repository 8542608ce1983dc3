/**
 * Confident learning on a loaded label file: the label column's classes, one probability
 * column per class (or, for binary data, the P(positive) score column), checked and fed to
 * `findLabelIssues`.
 */
import type { Dataset } from '../dataset/dataset';
import { classIndices, classLabels, readClassPair, type ClassSpace } from '../metrics/classes';
import { describeScoreReading, readScores, type ScoreReading } from '../metrics/scoreReading';
import { defaultPositiveClass } from '../metrics/ranking';
import { findLabelIssues, type ConfidentLearningResult } from './confidentLearning';
import { binaryProbabilityColumns, matchProbabilityColumns, readProbabilities, type ProbabilityChecks } from './probabilityColumns';

export interface LabelIssueSources {
  label: number;
  /** Probability column per class, by header; overrides the inferred ones when given. */
  probabilityColumns?: readonly number[];
  /**
   * Binary data without per-class columns: the score column and the positive class, read as
   * metrics read it (percent, logit, a score for the other class); `prediction`, when the file
   * has one, tells which way the score points.
   */
  positiveScore?: { column: number; positiveClass: string; prediction?: number };
}

export interface LabelIssuesOfDataset {
  classes: string[];
  /** Column names of P(class) in class order (the score column twice for binary data). */
  probabilityColumns: string[];
  checks: ProbabilityChecks;
  result: ConfidentLearningResult;
  /** The inputs the result was computed from: per row the given class (-1: missing), and P(class) row-major. */
  given: Int32Array;
  probabilities: Float64Array;
  /** How the binary score column was read (absent with one column per class). */
  scoreReading?: ScoreReading & { sentence: string };
}

/** Why confident learning cannot run on this file, in words a user can act on. */
export class LabelIssuesUnavailable extends Error {
  readonly code = 'label-issues-unavailable';
}

export function labelIssuesOfDataset(dataset: Dataset, sources: LabelIssueSources): LabelIssuesOfDataset {
  const { classes, given, columns } = probabilityInputs(dataset, sources);
  const { probabilities, checks } = readProbabilities(columns.values, dataset.rowCount);
  const result = findLabelIssues({ classCount: classes.length, given, probabilities });
  return { classes, probabilityColumns: columns.names, checks, result, given, probabilities, ...(columns.reading ? { scoreReading: columns.reading } : {}) };
}

export interface ProbabilityInputs {
  classes: string[];
  /** Per row: the given label's class index, -1 when blank. */
  given: Int32Array;
  /** P(class) per class, in class order, and the columns' names (and how a binary score column was read). */
  columns: ProbabilitySource;
}

/** The label's classes and the probability column of each; throws `LabelIssuesUnavailable` saying what is missing. */
export function probabilityInputs(dataset: Dataset, sources: LabelIssueSources): ProbabilityInputs {
  const codes = dataset.codes[sources.label];
  const dictionary = dataset.dictionaries[sources.label];
  if (!codes || !dictionary) throw new LabelIssuesUnavailable(`the label column "${dataset.columns[sources.label].name}" is not categorical`);
  const space = classLabels(dictionary, dictionary, codes, codes);
  if (space.classes.length < 2) throw new LabelIssuesUnavailable('the label column has fewer than two classes');
  const given = classIndices(codes, space.labelClassOfCode);
  return { classes: space.classes, given, columns: probabilityColumnsFor(dataset, sources, space) };
}

/**
 * Headers that may hold P(class): the columns whose role is `probability` (inferred from
 * `p_<class>` headers or chosen by the user); when none has it, numeric columns of no role.
 */
function candidateHeaders(dataset: Dataset): string[] {
  const hasRole = dataset.columns.some((c) => c.role === 'probability');
  return dataset.columns.map((c) => (c.role === 'probability' || (!hasRole && c.role === 'other' && dataset.numbers[c.index]) ? c.name : ''));
}

interface ProbabilitySource {
  values: Float64Array[];
  names: string[];
  reading?: LabelIssuesOfDataset['scoreReading'];
}

function probabilityColumnsFor(dataset: Dataset, sources: LabelIssueSources, space: ClassSpace): ProbabilitySource {
  const { classes, numeric } = space;
  const headers = dataset.columns.map((c) => c.name);
  const chosen = sources.probabilityColumns ?? matchProbabilityColumns(candidateHeaders(dataset), classes, numeric).columnOfClass;
  if (chosen.length === classes.length && chosen.every((c) => c >= 0)) {
    return { values: chosen.map((c) => numericColumn(dataset, c)), names: chosen.map((c) => headers[c]) };
  }
  if (sources.positiveScore && classes.length === 2) return binaryScoreColumns(dataset, sources.label, sources.positiveScore, space);
  const missing = classes.filter((_, i) => !(chosen[i] >= 0));
  throw new LabelIssuesUnavailable(`no probability column for ${missing.map((m) => `"${m}"`).join(', ')}: add columns named p_<class> (one per class) or give columns the role "probability" (Columns menu, .loupe/config.json), or choose them with --probs`);
}

/** P(class) for the two classes from one score column, read by DOMAIN §1's rules: a percent is divided by 100, a logit goes through 1 / (1 + e^−s). */
function binaryScoreColumns(dataset: Dataset, label: number, source: NonNullable<LabelIssueSources['positiveScore']>, space: ClassSpace): ProbabilitySource {
  const positive = space.classes.indexOf(source.positiveClass);
  if (positive < 0) throw new LabelIssuesUnavailable(`the positive class "${source.positiveClass}" is not one of the classes (${space.classes.join(', ')})`);
  const name = dataset.columns[source.column].name;
  const read = readScores(numericColumn(dataset, source.column), predictedClasses(dataset, label, source.prediction, space), positive);
  const probability = read.reading.scale === 'logit' ? read.values.map((s) => 1 / (1 + Math.exp(-s))) : read.values;
  const sentence = `${describeScoreReading(read.reading, name, source.positiveClass)}${read.reading.scale === 'logit' ? `; P(${source.positiveClass}) = 1 / (1 + e^−score)` : ''}`;
  return { values: binaryProbabilityColumns(probability, positive as 0 | 1), names: [name, name], reading: { ...read.reading, sentence } };
}

/** Per row, the predicted class in the label's class space (-1: no prediction column, an empty cell, or a class the labels do not have). */
function predictedClasses(dataset: Dataset, label: number, prediction: number | undefined, space: ClassSpace): Int32Array {
  const none = new Int32Array(dataset.rowCount).fill(-1);
  const labelCodes = dataset.codes[label];
  const predictionCodes = prediction === undefined ? undefined : dataset.codes[prediction];
  if (!labelCodes || !predictionCodes || prediction === undefined) return none;
  // The two columns read together (1 and 1.0 are one class), mapped onto the label's own classes.
  const pair = readClassPair(dataset.dictionaries[label]!, dataset.dictionaries[prediction]!, labelCodes, predictionCodes);
  const spaceOfPairClass = new Int32Array(pair.classes.length).fill(-1);
  pair.labelClassOfCode.forEach((c, code) => {
    if (c >= 0) spaceOfPairClass[c] = space.labelClassOfCode[code];
  });
  return Int32Array.from(predictionCodes, (code) => (code < 0 || pair.predictionClassOfCode[code] < 0 ? -1 : spaceOfPairClass[pair.predictionClassOfCode[code]]));
}

function numericColumn(dataset: Dataset, column: number): Float64Array {
  const values = dataset.numbers[column];
  if (!values) throw new LabelIssuesUnavailable(`the probability column "${dataset.columns[column].name}" has cells that are not numbers`);
  return values;
}

/**
 * Binary data without per-class columns: the score column as P(positive), read as `loupe metrics`
 * reads it. `positive` is the class the user chose (checked by the caller); without one, the
 * label's minority class (DOMAIN §1). Undefined when the file has no score column or the label
 * does not have exactly two classes.
 */
export function binaryScoreSource(dataset: Dataset, label: number, score: number | undefined, positive: string | undefined, prediction: number | undefined): LabelIssueSources['positiveScore'] {
  const codes = dataset.codes[label];
  const dictionary = dataset.dictionaries[label];
  if (score === undefined || !codes || !dictionary) return undefined;
  const space = classLabels(dictionary, dictionary, codes, codes);
  if (space.classes.length !== 2) return undefined;
  if (positive !== undefined) return { column: score, positiveClass: positive, prediction };
  const truth = classIndices(codes, space.labelClassOfCode);
  return { column: score, positiveClass: space.classes[defaultPositiveClass(truth, 2)], prediction };
}
