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
import { averagePrecision, bestF1Threshold, binaryTruth, buildScoreCurve, defaultPositiveClass, inferScoreMeaning, metricsAtThreshold, positiveProbabilities, precisionRecallCurve, rocAuc, type ScoreCurve, type ScoreMeaning, type ThresholdMetrics } from '../metrics/ranking';

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
  scoreColumn: string;
  /**
   * How the score column was read: P(positive) as the column role says, unless the predictions
   * show it is P(the other class) ('negative', read as 1 − score) or the confidence of each
   * row's prediction ('prediction', read as score when positive is predicted, else 1 − score).
   */
  scoreReadAs: ScoreMeaning;
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
  nanScores: number;
}

export interface ModelMetrics {
  n: number;
  skipped: number;
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
    ...fromReport(report, assigned.classes, matrixRows(confusion.counts, assigned.classes.length)),
    binary: binary?.metrics ?? null,
    columns: { label: columns.label.name, prediction: columns.prediction.name, score: columns.score?.name ?? null },
    warnings: assigned.warnings,
  };
  return { metrics, curve: binary?.curve };
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

/** Ranking metrics when there are exactly two classes and a numeric score (P(positive)). */
function binaryMetrics(dataset: Dataset, columns: ResolvedColumns, assigned: ClassAssignment, options: MetricsOptions): { metrics: BinaryMetrics; curve: ScoreCurve } | null {
  if (assigned.classes.length !== 2 || !columns.score) return null;
  const chosen = options.positiveClass !== undefined ? assigned.classes.indexOf(options.positiveClass) : -1;
  const positive = chosen >= 0 ? chosen : defaultPositiveClass(assigned.truth, 2);
  const { curve, meaning } = positiveScoreCurve(dataset, columns.score, assigned, positive);
  return { metrics: summarizeCurve(curve, assigned.classes[positive], columns.score.name, options.threshold ?? 0.5, meaning), curve };
}

/** The score curve of the positive class, the score column read as its meaning says (see BinaryMetrics.scoreReadAs). */
function positiveScoreCurve(dataset: Dataset, score: ColumnInfo, assigned: ClassAssignment, positive: number): { curve: ScoreCurve; meaning: ScoreMeaning } {
  const raw = dataset.numbers[score.index]!;
  const meaning = inferScoreMeaning(raw, assigned.prediction, positive);
  return { curve: buildScoreCurve(positiveProbabilities(raw, assigned.prediction, positive, meaning), binaryTruth(assigned.truth, positive)), meaning };
}

function summarizeCurve(curve: ScoreCurve, positive: string, scoreColumn: string, threshold: number, scoreReadAs: ScoreMeaning): BinaryMetrics {
  const roc = rocAuc(curve);
  const ap = averagePrecision(curve);
  const best = bestF1Threshold(curve);
  const pr = precisionRecallCurve(curve);
  return {
    positive,
    scoreColumn,
    scoreReadAs,
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

/** Says how the score column was read when it is not P(positive) as written ('' when it is). */
export function scoreNote(readAs: ScoreMeaning, column: string): string {
  if (readAs === 'negative') return ` (${column} read as the probability of the other class: 1 − ${column})`;
  if (readAs === 'prediction') return ` (${column} read as the confidence of each prediction)`;
  return '';
}
