/**
 * Model metrics of a label file, as scikit-learn computes them: the confusion matrix, per-class
 * precision/recall/F1/support with averages, and — for two classes with a score column — the
 * ranking metrics (ROC AUC, average precision, PR curve, the F1-maximizing threshold).
 */
import { type ColumnInfo, type Dataset } from '../dataset/dataset';
import { assignClasses, type ClassAssignment } from '../metrics/classes';
import { readLabelPrediction } from '../values/datasetClasses';
import { classificationReport, type AverageScores, type ClassificationReport } from '../metrics/classification';
import { computeConfusion, matrixRows } from '../metrics/confusion';
import { averagePrecision, bestF1Threshold, binaryTruth, buildScoreCurve, defaultPositiveClass, metricsAtThreshold, precisionRecallCurve, rocAuc, type ScoreCurve, type ThresholdMetrics } from '../metrics/ranking';
import { defaultThreshold, describeScoreReading, readScores, type ScoreMeaning, type ScoreReading, type ScoreScale } from '../metrics/scoreReading';

export interface MetricColumns {
  label?: string;
  prediction?: string;
  score?: string;
}

export interface ResolvedColumns {
  label: ColumnInfo;
  prediction: ColumnInfo;
  score: ColumnInfo | undefined;
}

/** The label, prediction and score columns: by name when given, else by role. */
export function resolveMetricColumns(dataset: Dataset, names: MetricColumns = {}): ResolvedColumns | string {
  const find = (name: string | undefined, role: ColumnInfo['role']) => (name !== undefined ? dataset.columns.find((c) => c.name === name) : dataset.columns.find((c) => c.role === role));
  const label = find(names.label, 'label');
  const prediction = find(names.prediction, 'prediction');
  const score = find(names.score, 'score');
  if (!label) return names.label ? `no column named "${names.label}"` : 'no label column (name one with --label, or set its role)';
  if (!prediction) return names.prediction ? `no column named "${names.prediction}"` : 'no prediction column (name one with --prediction, or set its role)';
  if (!dataset.codes[label.index]) return `the label column "${label.name}" is not categorical`;
  if (!dataset.codes[prediction.index]) return `the prediction column "${prediction.name}" is not categorical`;
  if (names.score && !score) return `no column named "${names.score}"`;
  if (score && !dataset.numbers[score.index]) return `the score column "${score.name}" is not numeric`;
  return { label, prediction, score };
}

export function assignColumns(dataset: Dataset, columns: ResolvedColumns): ClassAssignment {
  return assignClasses(dataset.dictionaries[columns.label.index]!, dataset.dictionaries[columns.prediction.index]!, dataset.codes[columns.label.index]!, dataset.codes[columns.prediction.index]!, readLabelPrediction(dataset, columns.label, columns.prediction));
}

export interface BinaryMetrics {
  positive: string;
  /** 'given': chosen by the user (option or saved setting); 'minority': the label's minority class, the default. */
  positiveChosenBy: 'given' | 'minority';
  scoreColumn: string;
  /** The score's scale: a probability, a percent (read as score / 100) or a logit/margin (its own scale). */
  scoreScale: ScoreScale;
  /**
   * How the score column was read on its scale (`core/metrics/scoreReading.ts`): P(positive) as
   * the column role says ('positive'), P(the other class) ('negative', 1 − score), the confidence
   * of each row's prediction ('prediction'), or a logit for the other class ('negated', −score).
   */
  scoreReadAs: ScoreMeaning;
  /** The same in one sentence, as every output shows it. */
  scoreReading: string;
  /** Rows the ranking metrics used: a label and a finite score (`positives` + `negatives`). */
  rankingRows: number;
  positives: number;
  negatives: number;
  rocAuc: number | null;
  rocAucReason: string | null;
  averagePrecision: number | null;
  averagePrecisionReason: string | null;
  bestF1Threshold: number | null;
  bestF1: number | null;
  threshold: number;
  atThreshold: ThresholdMetrics;
  /** The PR curve, at most ~1000 points (every point when fewer). */
  curve: { precision: number[]; recall: number[]; thresholds: number[] };
  /** Rows with a label whose score is not a finite number (empty or not a decimal number). */
  nanScores: number;
}

export interface ModelMetrics {
  /** Rows of the file. */
  rows: number;
  /** Rows with a label and a prediction: the figures are computed on them. */
  n: number;
  /** Rows left out: label or prediction empty (`leftOut.rows`). */
  skipped: number;
  /** Why rows were left out; a row with both cells empty counts in both. */
  leftOut: { rows: number; emptyLabel: number; emptyPrediction: number };
  accuracy: number;
  labels: string[];
  confusion: number[][];
  perClass: { label: string; precision: number; recall: number; f1: number; support: number; zeroDivision: { precision: boolean; recall: boolean; f1: boolean } }[];
  micro: AverageScores;
  macro: AverageScores;
  weighted: AverageScores;
  binary: BinaryMetrics | null;
  columns: { label: string; prediction: string; score: string | null };
  /** Look-alike classes (whitespace, case, Unicode normalization), one line each. */
  warnings: string[];
}

export interface MetricsOptions {
  positiveClass?: string;
  threshold?: number;
}

export function computeModelMetrics(dataset: Dataset, columns: ResolvedColumns, options: MetricsOptions = {}): ModelMetrics {
  return computeModelMetricsAndCurve(dataset, columns, options).metrics;
}

/** The metrics, and for binary data the score curve they came from (kept for live threshold changes). */
export function computeModelMetricsAndCurve(dataset: Dataset, columns: ResolvedColumns, options: MetricsOptions = {}): { metrics: ModelMetrics; curve: ScoreCurve | undefined } {
  const assigned = assignColumns(dataset, columns);
  const confusion = computeConfusion(assigned.classes, assigned.truth, assigned.prediction);
  const report = classificationReport(confusion);
  const binary = binaryMetrics(dataset, columns, assigned, options);
  const metrics = {
    rows: dataset.rowCount,
    ...fromReport(report, assigned.classes, matrixRows(confusion.counts, assigned.classes.length)),
    leftOut: countLeftOut(assigned),
    binary: binary?.metrics ?? null,
    columns: { label: columns.label.name, prediction: columns.prediction.name, score: columns.score?.name ?? null },
    warnings: [...assigned.warnings, ...unknownPositiveWarning(options.positiveClass, assigned.classes, binary?.metrics)],
  };
  return { metrics, curve: binary?.curve };
}

/**
 * A positive class chosen earlier (the views pass the one saved in `.loupe/config.json`) that is
 * not a class of this file: never a silent fallback. The CLI makes it an error (exit code 2).
 */
function unknownPositiveWarning(positive: string | undefined, classes: readonly string[], binary: BinaryMetrics | undefined): string[] {
  if (positive === undefined || classes.includes(positive)) return [];
  const instead = binary ? `; the ranking figures use the minority class "${binary.positive}" instead` : '';
  return [`the positive class "${positive}" saved in .loupe/config.json is not a class of this file (classes: ${classes.join(', ')})${instead}. Choose the positive class again in the Metrics view.`];
}

function fromReport(report: ClassificationReport, labels: string[], confusion: number[][]) {
  return {
    n: report.n,
    skipped: report.skipped,
    accuracy: report.accuracy,
    labels,
    confusion,
    perClass: report.classes.map((c) => ({ label: c.label, precision: c.precision, recall: c.recall, f1: c.f1, support: c.support, zeroDivision: c.zeroDivision })),
    micro: report.micro,
    macro: report.macro,
    weighted: report.weighted,
  };
}

function countLeftOut(assigned: ClassAssignment): ModelMetrics['leftOut'] {
  let rows = 0;
  let emptyLabel = 0;
  let emptyPrediction = 0;
  for (let i = 0; i < assigned.truth.length; i++) {
    const noLabel = assigned.truth[i] < 0;
    const noPrediction = assigned.prediction[i] < 0;
    if (noLabel) emptyLabel++;
    if (noPrediction) emptyPrediction++;
    if (noLabel || noPrediction) rows++;
  }
  return { rows, emptyLabel, emptyPrediction };
}

/** Ranking metrics when there are exactly two classes and a numeric score (P(positive)). */
function binaryMetrics(dataset: Dataset, columns: ResolvedColumns, assigned: ClassAssignment, options: MetricsOptions): { metrics: BinaryMetrics; curve: ScoreCurve } | null {
  if (assigned.classes.length !== 2 || !columns.score) return null;
  const chosen = options.positiveClass !== undefined ? assigned.classes.indexOf(options.positiveClass) : -1;
  const positive = chosen >= 0 ? chosen : defaultPositiveClass(assigned.truth, 2);
  const { curve, reading } = positiveScoreCurve(dataset, columns.score, assigned, positive);
  const read: CurveReading = { positive: assigned.classes[positive], chosenBy: chosen >= 0 ? 'given' : 'minority', scoreColumn: columns.score.name, reading };
  return { metrics: summarizeCurve(curve, read, options.threshold ?? defaultThreshold(reading.scale)), curve };
}

/** The score curve of the positive class, the score column read by DOMAIN §1's rules (see BinaryMetrics.scoreReadAs). */
function positiveScoreCurve(dataset: Dataset, score: ColumnInfo, assigned: ClassAssignment, positive: number): { curve: ScoreCurve; reading: ScoreReading } {
  const { reading, values } = readScores(dataset.numbers[score.index]!, assigned.prediction, positive);
  return { curve: buildScoreCurve(values, binaryTruth(assigned.truth, positive)), reading };
}

interface CurveReading {
  positive: string;
  chosenBy: BinaryMetrics['positiveChosenBy'];
  scoreColumn: string;
  reading: ScoreReading;
}

function summarizeCurve(curve: ScoreCurve, read: CurveReading, threshold: number): BinaryMetrics {
  const roc = rocAuc(curve);
  const ap = averagePrecision(curve);
  const best = bestF1Threshold(curve);
  const pr = precisionRecallCurve(curve);
  return {
    positive: read.positive,
    positiveChosenBy: read.chosenBy,
    scoreColumn: read.scoreColumn,
    scoreScale: read.reading.scale,
    scoreReadAs: read.reading.meaning,
    scoreReading: describeScoreReading(read.reading, read.scoreColumn, read.positive),
    rankingRows: curve.positives + curve.negatives,
    positives: curve.positives,
    negatives: curve.negatives,
    rocAuc: roc.value,
    rocAucReason: roc.reason,
    averagePrecision: ap.value,
    averagePrecisionReason: ap.reason,
    bestF1Threshold: best?.threshold ?? null,
    bestF1: best?.f1 ?? null,
    threshold,
    atThreshold: metricsAtThreshold(curve, threshold),
    curve: downsample(pr.precision, pr.recall, pr.thresholds, 1000),
    nanScores: curve.nanScores,
  };
}

/** Keeps every k-th point (and the ends) so a chart of a million distinct scores stays light. */
function downsample(precision: Float64Array, recall: Float64Array, thresholds: Float64Array, max: number): BinaryMetrics['curve'] {
  const n = precision.length;
  const step = Math.max(1, Math.ceil(n / max));
  const out = { precision: [] as number[], recall: [] as number[], thresholds: [] as number[] };
  for (let i = 0; i < n; i += step) {
    out.precision.push(precision[i]);
    out.recall.push(recall[i]);
    if (i < thresholds.length) out.thresholds.push(thresholds[i]);
  }
  if ((n - 1) % step !== 0) {
    out.precision.push(precision[n - 1]);
    out.recall.push(recall[n - 1]);
  }
  return out;
}

/** How the positive class was chosen, in words. */
export function describePositiveClass(b: Pick<BinaryMetrics, 'positive' | 'positiveChosenBy'>): string {
  return b.positiveChosenBy === 'given' ? `positive class ${b.positive} (chosen)` : `positive class ${b.positive} (the label's minority class, the default)`;
}
