import { analyzeTags, labelerAgreement } from '../../core/errorAnalysis/analyzeTags';
import { resolveMetricColumns } from '../../core/audit/modelMetrics';
import { computeOutcomes } from '../../core/dataset/outcome';
import type { TagRow } from '../../core/errorAnalysis/tagMetrics';
import { formatPoints } from '../../core/metrics/units';
import { CliError } from '../cliError';
import { catalogProblemField, loadAnalysisContext } from '../analysisContext';
import { markdownTable, percent } from '../format';
import { noUsableRows } from '../fileProblems';
import { loadForCli, problemPolicy } from '../loadForCli';

export interface TagsOptions {
  json: boolean;
  md: boolean;
  annotations?: string;
  label?: string;
  prediction?: string;
  /** Compute even when the file has error-level CSV problems. */
  allowProblems?: boolean;
}

/** `loupe tags <csv>`: error analysis by tag, ranked by priority (see the Error Analysis view). */
export async function runTags(file: string | undefined, options: TagsOptions): Promise<string> {
  const loaded = await loadForCli(file, {}, problemPolicy(options.allowProblems));
  const columns = resolveMetricColumns(loaded.dataset, { label: options.label, prediction: options.prediction });
  if (typeof columns === 'string') throw new CliError(`${file}: ${columns}; use --label and --prediction, or set the roles in the table's Columns menu (.loupe/config.json)`);
  const outcomes = computeOutcomes(loaded.dataset, columns);
  if (!outcomes) throw new CliError(`${file}: the label and prediction columns are not categorical`);
  const context = await loadAnalysisContext(file!, loaded, options.annotations);
  const analysis = analyzeTags(outcomes, context.tags, labelerAgreement(loaded.dataset), { weights: context.weights });
  if (analysis.total === 0) throw noUsableRows(file!, loaded.dataset, columns);
  const tags = analysis.tags.map((t) => ({
    tag: t.tag,
    count: t.count,
    errors: t.errors,
    shareOfErrors: t.shareOfErrors,
    errorRateInTag: t.errorRateInTag,
    shareOfData: t.shareOfData,
    accuracy: t.accuracy,
    accuracyInterval: t.accuracyInterval,
    smallSample: t.smallSample,
    hlp: t.hlp,
    gapToHlp: t.gapToHlp,
    potentialGain: t.potentialGain,
    priority: t.priority,
  }));
  if (options.json) return JSON.stringify({ total: analysis.total, errors: analysis.errors, tags, suggestions: analysis.suggestions, ...catalogProblemField(context.annotations) }, null, 2);
  const table = markdownTable(
    ['tag', 'examples', 'errors', 'share of errors', 'error rate in tag', 'share of data', 'accuracy', '95% interval', 'HLP', 'gap to HLP', 'potential gain', 'priority'],
    analysis.tags.map((t) => [t.tag ?? '(untagged)', t.count, t.errors, percent(t.shareOfErrors), percent(t.errorRateInTag), percent(t.shareOfData), percent(t.accuracy), intervalText(t), percent(t.hlp), formatPoints(t.gapToHlp), formatPoints(t.potentialGain), formatPoints(t.priority)]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  const head = `${analysis.total.toLocaleString('en-US')} examples with a label and a prediction, ${analysis.errors.toLocaleString('en-US')} errors (accuracy ${percent(analysis.accuracy)})${analysis.overallHlp !== null ? `, labeler HLP ${percent(analysis.overallHlp)}` : ''}.`;
  const next = analysis.suggestions.map((s) => `- **${s.tag ?? '(untagged)'}**: ${s.why}${s.caution ? ` ⚠ ${s.caution}` : ''}`);
  return [head, '', table, '', 'What to do next:', ...next].join('\n');
}

function intervalText(t: TagRow): string {
  if (!t.accuracyInterval) return '—';
  return `${percent(t.accuracyInterval.lower)}–${percent(t.accuracyInterval.upper)}${t.smallSample ? ' ⚠ small n' : ''}`;
}
