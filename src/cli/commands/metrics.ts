import { computeModelMetrics, resolveMetricColumns, scoreNote, type ModelMetrics } from '../../core/audit/modelMetrics';
import type { ScoreCellCounts } from '../../core/audit/scoreCells';
import { CliError } from '../cliError';
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
  if (options.positive !== undefined && !m.labels.includes(options.positive)) throw new CliError(`--positive ${options.positive}: not a class of ${file} (classes: ${m.labels.join(', ')})`);
  const scoreCells = m.binary && columns.score ? await countScoreCells(loaded, columns.score) : null;
  if (options.json) return JSON.stringify(metricsJson(m, scoreCells), null, 2);
  return renderMetricsText(file!, m, scoreCells);
}

const averages = (a: { precision: number; recall: number; f1: number }) => ({ precision: a.precision, recall: a.recall, f1: a.f1 });

function metricsJson(m: ModelMetrics, scoreCells: ScoreCellCounts | null) {
  return {
    n: m.n,
    accuracy: m.accuracy,
    labels: m.labels,
    confusion: m.confusion,
    perClass: m.perClass.map((c) => ({ label: c.label, precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
    micro: averages(m.micro),
    macro: averages(m.macro),
    weighted: averages(m.weighted),
    binary: m.binary && {
      positive: m.binary.positive,
      scoreReadAs: m.binary.scoreReadAs,
      rocAuc: m.binary.rocAuc,
      averagePrecision: m.binary.averagePrecision,
      bestF1Threshold: m.binary.bestF1Threshold,
      bestF1: m.binary.bestF1,
      scoresNotANumber: scoreCells?.notANumber ?? 0,
      scoresEmpty: scoreCells?.empty ?? 0,
    },
    warnings: m.warnings,
  };
}

const f = (v: number) => v.toFixed(4);

function renderMetricsText(file: string, m: ModelMetrics, scoreCells: ScoreCellCounts | null): string {
  const lines = [
    ...m.warnings.map((w) => `${file}: warning: ${w}`),
    `${file}: ${m.n} examples with a label and a prediction${m.skipped ? ` (${m.skipped} without, left out)` : ''}; accuracy ${f(m.accuracy)}`,
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
  if (m.binary) lines.push('', `positive class ${m.binary.positive}${scoreNote(m.binary.scoreReadAs, m.binary.scoreColumn)}: ROC AUC ${m.binary.rocAuc ?? '—'}, average precision ${m.binary.averagePrecision ?? '—'}, best F1 ${m.binary.bestF1 ?? '—'} at threshold ${m.binary.bestF1Threshold ?? '—'}`);
  const cells = scoreCells && m.binary ? describeScoreCells(file, m.binary.scoreColumn, scoreCells) : '';
  if (cells) lines.push(cells);
  return lines.join('\n');
}
