/**
 * Confident learning on a loaded label file: the label column's classes, one probability
 * column per class (or, for binary data, the P(positive) score column), checked and fed to
 * `findLabelIssues`.
 */
import type { Dataset } from '../dataset/dataset';
import { classIndices, classLabels } from '../metrics/classes';
import { findLabelIssues, type ConfidentLearningResult } from './confidentLearning';
import { binaryProbabilityColumns, matchProbabilityColumns, readProbabilities, type ProbabilityChecks } from './probabilityColumns';

export interface LabelIssueSources {
  label: number;
  /** Probability column per class, by header; overrides the inferred ones when given. */
  probabilityColumns?: readonly number[];
  /** Binary data without per-class columns: the P(positive) column and the positive class. */
  positiveScore?: { column: number; positiveClass: string };
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
}

/** Why confident learning cannot run on this file, in words a user can act on. */
export class LabelIssuesUnavailable extends Error {
  readonly code = 'label-issues-unavailable';
}

export function labelIssuesOfDataset(dataset: Dataset, sources: LabelIssueSources): LabelIssuesOfDataset {
  const codes = dataset.codes[sources.label];
  const dictionary = dataset.dictionaries[sources.label];
  if (!codes || !dictionary) throw new LabelIssuesUnavailable(`the label column "${dataset.columns[sources.label].name}" is not categorical`);
  const space = classLabels(dictionary, dictionary, codes, codes);
  if (space.classes.length < 2) throw new LabelIssuesUnavailable('the label column has fewer than two classes');
  const given = classIndices(codes, space.labelClassOfCode);
  const columns = probabilityColumnsFor(dataset, sources, space.classes, space.numeric);
  const { probabilities, checks } = readProbabilities(columns.values, dataset.rowCount);
  const result = findLabelIssues({ classCount: space.classes.length, given, probabilities });
  return { classes: space.classes, probabilityColumns: columns.names, checks, result, given, probabilities };
}

function probabilityColumnsFor(dataset: Dataset, sources: LabelIssueSources, classes: string[], numeric: boolean): { values: Float64Array[]; names: string[] } {
  const headers = dataset.columns.map((c) => c.name);
  const chosen = sources.probabilityColumns ?? matchProbabilityColumns(headers, classes, numeric).columnOfClass;
  if (chosen.length === classes.length && chosen.every((c) => c >= 0)) {
    return { values: chosen.map((c) => numericColumn(dataset, c)), names: chosen.map((c) => headers[c]) };
  }
  if (sources.positiveScore && classes.length === 2) {
    const positive = classes.indexOf(sources.positiveScore.positiveClass);
    if (positive < 0) throw new LabelIssuesUnavailable(`the positive class "${sources.positiveScore.positiveClass}" is not one of the classes (${classes.join(', ')})`);
    const score = numericColumn(dataset, sources.positiveScore.column);
    return { values: binaryProbabilityColumns(score, positive as 0 | 1), names: [headers[sources.positiveScore.column], headers[sources.positiveScore.column]] };
  }
  const missing = classes.filter((_, i) => !(chosen[i] >= 0));
  throw new LabelIssuesUnavailable(`no probability column for ${missing.map((m) => `"${m}"`).join(', ')}: add columns named p_<class> (one per class), or choose them with --probs`);
}

function numericColumn(dataset: Dataset, column: number): Float64Array {
  const values = dataset.numbers[column];
  if (!values) throw new LabelIssuesUnavailable(`the probability column "${dataset.columns[column].name}" has cells that are not numbers`);
  return values;
}
