import { renderAuditMarkdown } from '../../core/audit/auditReport';
import { buildAuditReport } from '../../core/audit/buildAudit';
import { checkDataIntegrity, type DataChecksSection } from '../../core/audit/dataChecksSection';
import { resolveMetricColumns, type ResolvedColumns } from '../../core/audit/modelMetrics';
import { columnByRole } from '../../core/dataset/dataset';
import { readInputKeys } from '../../node/inputKeys';
import { findProjectRoot } from '../../node/projectFiles';
import { catalogProblemField, loadAnalysisContext } from '../analysisContext';
import { CliError } from '../cliError';
import { checkPositiveClass } from '../positiveClass';
import { noUsableRows } from '../fileProblems';
import { codedColumn, columnNamed } from '../columnValues';
import { loadForCli, problemPolicy, type CliLoadedFile } from '../loadForCli';
import { countScoreCells } from '../../node/scoreCells';
import { idsOfRows } from '../rowIds';

export interface AuditCliOptions {
  json: boolean;
  md: boolean;
  slices?: string;
  margin?: number;
  failOnFlagged: boolean;
  label?: string;
  prediction?: string;
  score?: string;
  positive?: string;
  /** Binary data with a score: the threshold for the confusion counts, on the scale the score was read (as `loupe metrics --threshold`). */
  threshold?: number;
  annotations?: string;
  /** Compute even when the file has error-level CSV problems. */
  allowProblems?: boolean;
  /** The column whose values are splits, for leakage (default: a column named "split"). */
  splitColumn?: string;
  /** Exit 1 when an input appears in two splits. */
  failOnLeakage?: boolean;
}

/** `loupe audit <csv>`: metrics, flagged slices, tags and agreement; exit 1 on flagged slices with --fail-on-flagged. */
export async function runAudit(file: string | undefined, options: AuditCliOptions, argv: string[]): Promise<{ output: string; exitCode: number }> {
  const loaded = await loadForCli(file, {}, problemPolicy(options.allowProblems));
  const columns = resolveMetricColumns(loaded.dataset, options);
  if (typeof columns === 'string') throw new CliError(`${file}: ${columns}`);
  const context = await loadAnalysisContext(file!, loaded, options.annotations);
  const report = buildAuditReport({
    dataset: loaded.dataset,
    file: file!,
    date: new Date().toISOString().slice(0, 10),
    command: `loupe ${argv.join(' ')}`,
    columns,
    tags: context.tags,
    weights: context.weights,
    slices: { names: options.slices?.split(',').map((s) => s.trim()).filter(Boolean), margin: options.margin },
    metrics: { positiveClass: options.positive ?? loaded.settings.positiveClass, threshold: options.threshold },
    scoreCells: columns.score ? await countScoreCells(loaded, columns.score) : undefined,
    dataChecks: await runDataChecks(file!, loaded, columns, options.splitColumn),
    idsOf: (rows) => idsOfRows(loaded, rows),
  });
  if (typeof report === 'string') throw new CliError(`${file}: ${report}`);
  if (report.metrics.n === 0) throw noUsableRows(file!, loaded.dataset, columns);
  checkPositiveClass(file!, report.metrics.labels, options.positive, loaded.settings.positiveClass);
  warnThresholdUnused(file!, options.threshold, report.metrics, columns.score !== undefined);
  const output = options.json ? JSON.stringify({ ...report, ...catalogProblemField(context.annotations) }, null, 2) : renderAuditMarkdown(report);
  const gateFailed = (options.failOnFlagged && report.slices.flagged > 0) || (options.failOnLeakage && (report.dataChecks?.leakedGroups ?? 0) > 0);
  return { output, exitCode: gateFailed ? 1 : 0 };
}

/** `--threshold` applies to binary data with a score; say so rather than ignore it silently. */
function warnThresholdUnused(file: string, threshold: number | undefined, metrics: { binary: unknown; labels: string[] }, hasScore: boolean): void {
  if (threshold === undefined || metrics.binary) return;
  const classes = metrics.labels.length;
  process.stderr.write(`loupe: warning: --threshold ${threshold} not used: it applies to two classes with a score column (${file} has ${classes} classes${hasScore ? '' : ' and no score column'})\n`);
}

/** Duplicates, conflicts and leakage over the input column (null when the file has none). */
async function runDataChecks(file: string, loaded: CliLoadedFile, columns: ResolvedColumns, splitName: string | undefined): Promise<DataChecksSection | null> {
  const { dataset } = loaded;
  const split = splitName !== undefined ? columnNamed(loaded, splitName, '--split-column') : dataset.columns.findIndex((c) => c.name === 'split');
  const input = columnByRole(dataset, 'input');
  if (!input) return null;
  let keys;
  try {
    keys = await readInputKeys(loaded.rowSource, dataset, input.index, file, findProjectRoot(file));
  } catch (error) {
    throw new CliError(`${file}: cannot be read (${(error as Error).message})`);
  }
  return checkDataIntegrity({
    inputColumn: input.name,
    keys: keys.keys,
    label: { name: columns.label.name, column: await codedColumn(loaded, columns.label.index) },
    split: split >= 0 ? { name: dataset.columns[split].name, column: await codedColumn(loaded, split) } : undefined,
    rowLines: dataset.rowLines,
    media: keys.media,
  });
}
