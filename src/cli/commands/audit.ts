import { renderAuditMarkdown } from '../../core/audit/auditReport';
import { buildAuditReport } from '../../core/audit/buildAudit';
import { resolveMetricColumns } from '../../core/audit/modelMetrics';
import { catalogProblemField, loadAnalysisContext } from '../analysisContext';
import { CliError } from '../cliError';
import { noUsableRows } from '../fileProblems';
import { loadForCli, problemPolicy } from '../loadForCli';

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
  annotations?: string;
  /** Compute even when the file has error-level CSV problems. */
  allowProblems?: boolean;
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
    metrics: { positiveClass: options.positive ?? loaded.settings.positiveClass },
  });
  if (typeof report === 'string') throw new CliError(`${file}: ${report}`);
  if (report.metrics.n === 0) throw noUsableRows(file!, loaded.dataset, columns);
  const output = options.json ? JSON.stringify({ ...report, ...catalogProblemField(context.annotations) }, null, 2) : renderAuditMarkdown(report);
  return { output, exitCode: options.failOnFlagged && report.slices.flagged > 0 ? 1 : 0 };
}
