import { computeModelMetrics, describePositiveClass, resolveMetricColumns, type BinaryMetrics, type ModelMetrics } from '../../core/audit/modelMetrics';
import type { ScoreCellCounts } from '../../core/audit/scoreCells';
import { CliError } from '../cliError';
import { checkPositiveClass } from '../positiveClass';
import { noUsableRows } from '../fileProblems';
import { markdownTable } from '../format';
import { loadForCli, problemPolicy } from '../loadForCli';
import { countScoreCells, describeScoreCells } from '../../node/scoreCells';

export interface MetricsCliOptions {
  json: boolean;
  label?: string;
  prediction?: string;
  score?: string;
  positive?: string;
  threshold?: number;
  /** Compute even when the file has error-level CSV problems. */
  allowProblems?: boolean;
}

/** `loupe metrics <csv>`: confusion matrix, per-class P/R/F1, averages, and ranking metrics for binary data. */
export async function runMetrics(file: string | undefined, options: MetricsCliOptions): Promise<string> {
  const loaded = await loadForCli(file, {}, problemPolicy(options.allowProblems));
  const { dataset, settings } = loaded;
  const columns = resolveMetricColumns(dataset, options);
  if (typeof columns === 'string') throw new CliError(`${file}: ${columns}`);
  const m = computeModelMetrics(dataset, columns, { positiveClass: options.positive ?? settings.positiveClass, threshold: options.threshold });
  if (m.n === 0) throw noUsableRows(file!, dataset, columns);
  checkPositiveClass(file!, m.labels, options.positive, settings.positiveClass);
  if (options.threshold !== undefined && !m.binary) process.stderr.write(`loupe: warning: --threshold ${options.threshold} not used: it applies to two classes with a score column (${file} has ${m.labels.length} classes${columns.score ? '' : ' and no score column'})\n`);
  const scoreCells = m.binary && columns.score ? await countScoreCells(loaded, columns.score) : null;
  if (options.json) return JSON.stringify(metricsJson(m, scoreCells), null, 2);
  return renderMetricsText(file!, m, scoreCells);
}

const averages = (a: ModelMetrics['macro']) => ({ precision: a.precision, recall: a.recall, f1: a.f1, support: a.support, zeroDivision: a.zeroDivision });

/** Every figure the Metrics view shows, with the rows it was computed on (README "JSON of loupe metrics"). */
function metricsJson(m: ModelMetrics, scoreCells: ScoreCellCounts | null) {
  return {
    rows: m.rows,
    n: m.n,
    leftOut: m.leftOut,
    accuracy: m.accuracy,
    labels: m.labels,
    columns: m.columns,
    confusion: m.confusion,
    perClass: m.perClass.map((c) => ({ label: c.label, precision: c.precision, recall: c.recall, f1: c.f1, support: c.support, zeroDivision: c.zeroDivision })),
    micro: averages(m.micro),
    macro: averages(m.macro),
    weighted: averages(m.weighted),
    zeroDivision: zeroDivisionWarnings(m),
    binary: m.binary && binaryJson(m.binary, scoreCells),
    warnings: m.warnings,
  };
}

function binaryJson(b: BinaryMetrics, scoreCells: ScoreCellCounts | null) {
  const cells = { empty: scoreCells?.empty ?? 0, notANumber: scoreCells?.notANumber ?? 0, first: scoreCells?.first ?? null };
  return {
    positive: b.positive,
    positiveChosenBy: b.positiveChosenBy,
    scoreColumn: b.scoreColumn,
    scoreScale: b.scoreScale,
    scoreReadAs: b.scoreReadAs,
    scoreReading: b.scoreReading,
    rankingRows: b.rankingRows,
    positives: b.positives,
    negatives: b.negatives,
    scoreCells: cells,
    rocAuc: b.rocAuc,
    rocAucReason: b.rocAucReason,
    averagePrecision: b.averagePrecision,
    averagePrecisionReason: b.averagePrecisionReason,
    bestF1Threshold: b.bestF1Threshold,
    bestF1: b.bestF1,
    atThreshold: b.atThreshold,
    // The PR curve the Metrics view draws (at most ~1,000 points), thresholds on the scale read.
    curve: b.curve,
    // Former names of scoreCells.notANumber and scoreCells.empty, kept for scripts that read them.
    scoresNotANumber: cells.notANumber,
    scoresEmpty: cells.empty,
  };
}

/** scikit-learn's zero_division warnings: the classes whose precision, recall or F1 had a zero denominator. */
function zeroDivisionWarnings(m: ModelMetrics): { precision: string[]; recall: string[]; f1: string[] } {
  const which = (key: 'precision' | 'recall' | 'f1') => m.perClass.filter((c) => c.zeroDivision[key]).map((c) => c.label);
  return { precision: which('precision'), recall: which('recall'), f1: which('f1') };
}

const f = (v: number) => v.toFixed(4);
const fm = (v: number | null) => (v === null ? '—' : f(v));

function renderMetricsText(file: string, m: ModelMetrics, scoreCells: ScoreCellCounts | null): string {
  const lines = [
    ...m.warnings.map((w) => `${file}: warning: ${w}`),
    `${file}: ${m.n} examples with a label and a prediction${m.skipped ? ` (${m.skipped} without, left out)` : ''}; accuracy ${f(m.accuracy)}`,
    ...(m.skipped ? [leftOutText(m.leftOut)] : []),
    '',
    markdownTable(
      ['class', 'precision', 'recall', 'f1-score', 'support'],
      [
        ...m.perClass.map((c) => [c.label, f(c.precision) + (c.zeroDivision.precision ? ' *' : ''), f(c.recall) + (c.zeroDivision.recall ? ' *' : ''), f(c.f1), c.support]),
        ['micro avg', f(m.micro.precision), f(m.micro.recall), f(m.micro.f1), m.n],
        ['macro avg', f(m.macro.precision), f(m.macro.recall), f(m.macro.f1), m.n],
        ['weighted avg', f(m.weighted.precision), f(m.weighted.recall), f(m.weighted.f1), m.n],
      ],
      ['l', 'r', 'r', 'r', 'r'],
    ),
  ];
  if (m.perClass.some((c) => c.zeroDivision.precision || c.zeroDivision.recall)) lines.push('', '* a division by zero, reported as 0 (zero_division=0)');
  if (m.binary) lines.push('', ...binaryText(file, m.binary, scoreCells));
  return lines.join('\n');
}

function leftOutText(l: ModelMetrics['leftOut']): string {
  const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;
  const parts = [l.emptyLabel ? `${rows(l.emptyLabel)} with an empty label` : '', l.emptyPrediction ? `${rows(l.emptyPrediction)} with an empty prediction` : ''].filter(Boolean);
  return `left out: ${parts.join(', ')}`;
}

function binaryText(file: string, b: BinaryMetrics, scoreCells: ScoreCellCounts | null): string[] {
  const t = b.atThreshold;
  const lines = [
    `${describePositiveClass(b)}; score: ${b.scoreReading}`,
    `ranking on ${b.rankingRows} rows with a label and a score (${b.positives} positive, ${b.negatives} negative): ROC AUC ${fm(b.rocAuc)}, average precision ${fm(b.averagePrecision)}, best F1 ${fm(b.bestF1)} at threshold ${b.bestF1Threshold ?? '—'}`,
    `at threshold ${t.threshold}: TP ${t.truePositives}, FP ${t.falsePositives}, FN ${t.falseNegatives}, TN ${t.trueNegatives}; precision ${f(t.precision)}${t.zeroDivision.precision ? ' *' : ''}, recall ${f(t.recall)}${t.zeroDivision.recall ? ' *' : ''}, F1 ${f(t.f1)}`,
  ];
  const cells = scoreCells ? describeScoreCells(file, b.scoreColumn, scoreCells) : '';
  if (cells) lines.push(cells);
  return lines;
}
