/**
 * A performance audit of a label file: metrics, slices (flagged ones first), error analysis
 * by tag and label consistency, as one JSON object and as a markdown report.
 */
import type { AgreementSummary } from '../agreement/summary';
import type { Dataset } from '../dataset/dataset';
import type { RowTags } from '../dataset/rowTags';
import type { TagAnalysis } from '../errorAnalysis/analyzeTags';
import { auditSlices, sliceNote, type SliceColumn, type SliceResult } from '../metrics/slices';
import { renderDataChecksMarkdown, type DataChecksSection } from './dataChecksSection';
import { renderLabelIssuesMarkdown, type LabelIssuesSection } from './labelIssuesMarkdown';
import { assignColumns, describePositiveClass, type ResolvedColumns } from './modelMetrics';
import { describeLeftOutScores, type MetricsWithScoreCells } from './scoreCells';
import { formatPoints } from '../metrics/units';
import { counted } from '../plural';

export interface SliceReport {
  margin: number;
  columns: string[];
  overall: { n: number; correct: number; accuracy: number; macroF1: number };
  results: SliceResult[];
  flagged: number;
  omitted: string[][];
}

export interface AuditReport {
  file: string;
  date: string;
  command: string;
  rows: number;
  /** `scoreCells` when binary with a score column: cells left out of ROC AUC and AP. */
  metrics: MetricsWithScoreCells;
  slices: SliceReport;
  tags: TagAnalysis | null;
  agreement: AgreementSummary | null;
  /** Likely label errors by confident learning (null: no probability columns); absent in reports made before it existed. */
  labelIssues?: LabelIssuesSection | null;
  csvProblems: { line: number; severity: string; message: string }[];
  csvProblemCount: number;
  /** Look-alike classes (whitespace, case, Unicode normalization) in the label, prediction and labeler columns. */
  warnings: string[];
  /** Duplicates, conflicts and leakage (null: no input column); absent when not computed. */
  dataChecks?: DataChecksSection | null;
}

export interface SliceChoice {
  /** Column names; "tags" stands for one slice per tag. Default: every slice column and the tags. */
  names?: string[];
  margin?: number;
  pairs?: boolean;
}

/** Audits slices over metadata columns (and their pairs) and over tags. */
export function auditDatasetSlices(dataset: Dataset, columns: ResolvedColumns, tags: RowTags | undefined, choice: SliceChoice = {}): SliceReport | string {
  const assigned = assignColumns(dataset, columns);
  const margin = choice.margin ?? 0.02;
  const wanted = choice.names ?? [...dataset.columns.filter((c) => c.role === 'slice' && dataset.codes[c.index]).map((c) => c.name), 'tags'];
  const sliceColumns: SliceColumn[] = [];
  for (const name of wanted) {
    if (name === 'tags') continue;
    const column = dataset.columns.find((c) => c.name === name);
    if (!column) return `no column named "${name}"`;
    if (!dataset.codes[column.index]) return `"${name}" is not a categorical column, so it has no slices`;
    sliceColumns.push({ name, codes: dataset.codes[column.index]!, dictionary: dataset.dictionaries[column.index]! });
  }
  const audit = auditSlices(assigned.truth, assigned.prediction, assigned.classes.length, sliceColumns, { margin, pairs: choice.pairs ?? true });
  const results = [...audit.slices];
  if (wanted.includes('tags') && tags) results.push(...tagSlices(assigned.truth, assigned.prediction, assigned.classes.length, tags, margin));
  results.sort((a, b) => Number(b.flagged) - Number(a.flagged) || b.severity - a.severity || b.n - a.n);
  return { margin, columns: wanted, overall: audit.overall, results, flagged: results.filter((r) => r.flagged).length, omitted: audit.omitted };
}

/** One slice per tag: the rows carrying it. */
function tagSlices(truth: Int32Array, prediction: Int32Array, classCount: number, tags: RowTags, margin: number): SliceResult[] {
  const out: SliceResult[] = [];
  tags.names.forEach((name, id) => {
    const withTag = tags.setsWithTag(id);
    const codes = Int32Array.from(tags.rowSet, (set) => (withTag[set] ? 0 : -1));
    const audit = auditSlices(truth, prediction, classCount, [{ name: 'tag', codes, dictionary: [name] }], { margin, pairs: false });
    out.push(...audit.slices.filter((s) => s.key.every((k) => k.value !== null)).map(unflagErrorOnly));
  });
  return out;
}

/** A tag on errors only is 0% accurate because of how it was chosen, not because the model fails there: kept out of the flags. */
function unflagErrorOnly(s: SliceResult): SliceResult {
  return s.n > 0 && s.correct === 0 ? { ...s, flagged: false, errorOnlyTag: true } : s;
}

function errorOnlyNote(results: readonly SliceResult[]): string[] {
  const names = results.filter((s) => s.errorOnlyTag).map((s) => `"${markdownText(s.key[0]?.value ?? '')}"`);
  if (names.length === 0) return [];
  return [`Not flagged: ${names.join(', ')} ${names.length === 1 ? 'is a tag' : 'are tags'} put only on misclassified examples, so ${names.length === 1 ? 'its' : 'their'} accuracy is 0% by how ${names.length === 1 ? 'it was' : 'they were'} chosen, not a finding about the model.`, ''];
}


const pct = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)}%`);
const num = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '—' : v.toFixed(digits));
/** Cell text in a markdown paragraph: characters markdown would read as markup are escaped. */
const markdownText = (text: string) => text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
const cell = (v: string | number) => String(v).replaceAll('|', '\\|').replaceAll('\n', ' ');

function table(header: string[], rows: (string | number)[][], right: number[] = []): string {
  const head = `| ${header.map(cell).join(' | ')} |`;
  const rule = `|${header.map((_, i) => (right.includes(i) ? '---:' : '---')).join('|')}|`;
  return [head, rule, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

export function sliceName(s: SliceResult): string {
  return s.key.map((k) => `${k.column} = ${k.value ?? '(empty)'}`).join(', ');
}

/** The report in markdown: flagged slices first, then the tables, then how to reproduce it. */
export function renderAuditMarkdown(r: AuditReport): string {
  const m = r.metrics;
  const flagged = r.slices.results.filter((s) => s.flagged);
  const out: string[] = [
    `# Loupe audit: ${r.file}`,
    '',
    `${r.date} · ${r.rows.toLocaleString('en-US')} rows · ${m.n.toLocaleString('en-US')} with a label and a prediction (${m.skipped} without) · accuracy **${pct(m.accuracy)}** · macro F1 ${num(m.macro.f1)} · ${counted(flagged.length, 'flagged slice')}`,
    '',
    ...warningsSection(r.warnings),
    `## Flagged slices`,
    '',
    flagged.length === 0
      ? `No slice falls below overall accuracy (${pct(r.slices.overall.accuracy)}) minus the margin (${pct(r.slices.margin)}) with 95% confidence.`
      : `A slice is flagged when the upper bound of its 95% Wilson interval is below overall accuracy (${pct(r.slices.overall.accuracy)}) minus ${pct(r.slices.margin)}.\n\n` + sliceTable(flagged),
    '',
    ...errorOnlyNote(r.slices.results),
    '## Per-class metrics',
    '',
    table(
      ['class', 'precision', 'recall', 'F1', 'support'],
      [
        ...m.perClass.map((c) => [c.label, num(c.precision) + (c.zeroDivision.precision ? ' ⚠' : ''), num(c.recall) + (c.zeroDivision.recall ? ' ⚠' : ''), num(c.f1) + (c.zeroDivision.f1 ? ' ⚠' : ''), c.support]),
        ['accuracy', '', '', num(m.accuracy), m.n],
        ['macro avg', num(m.macro.precision), num(m.macro.recall), num(m.macro.f1), m.n],
        ['weighted avg', num(m.weighted.precision), num(m.weighted.recall), num(m.weighted.f1), m.n],
      ],
      [1, 2, 3, 4],
    ),
    '',
    m.perClass.some((c) => c.zeroDivision.precision || c.zeroDivision.recall) ? '⚠ a division by zero, reported as 0 (as scikit-learn with `zero_division=0`).\n' : '',
    '## Confusion matrix',
    '',
    'Rows are labels, columns predictions.',
    '',
    table(['label \\ prediction', ...m.labels], m.labels.map((l, i) => [l, ...m.confusion[i]]), m.labels.map((_, i) => i + 1)),
    '',
  ];
  out.push(...rankingSection(m));
  out.push('## All slices', '', r.slices.results.length ? sliceTable(r.slices.results.slice(0, 100)) : 'No slice columns.', '');
  if (r.slices.results.length > 100) out.push(`…and ${r.slices.results.length - 100} more in the JSON report.`, '');
  if (r.tags) out.push(...tagsSection(r.tags));
  if (r.agreement) out.push(...agreementSection(r.agreement));
  if (r.labelIssues) out.push(...renderLabelIssuesMarkdown(r.labelIssues));
  if (r.dataChecks !== undefined) out.push(...renderDataChecksMarkdown(r.dataChecks));
  if (r.csvProblemCount > 0) out.push(...csvProblemsSection(r));
  out.push('---', '', `Reproduce: \`${r.command}\``, '');
  return out.join('\n');
}

/** ROC AUC, AP and best F1 for binary data, the score cells left out of them, and the figures at the threshold. */
function rankingSection(m: MetricsWithScoreCells): string[] {
  const b = m.binary;
  if (!b) return [];
  const t = b.atThreshold;
  const reading = `${capitalize(describePositiveClass(b))}; score column \`${b.scoreColumn}\`: ${markdownText(b.scoreReading)}.`;
  const figures = `On ${b.rankingRows.toLocaleString('en-US')} rows with a label and a score: ROC AUC ${num(b.rocAuc, 4)}${b.rocAucReason ? ` (${b.rocAucReason})` : ''}, average precision ${num(b.averagePrecision, 4)}, best F1 ${num(b.bestF1, 4)} at threshold ${num(b.bestF1Threshold, 4)}.`;
  const out = ['## Ranking (binary)', '', `${reading} ${figures}`, ''];
  const leftOut = describeLeftOutScores(m.scoreCells);
  if (leftOut) out.push(markdownText(leftOut), '');
  out.push(`At threshold ${t.threshold} (on the scale read): TP ${t.truePositives}, FP ${t.falsePositives}, FN ${t.falseNegatives}, TN ${t.trueNegatives}; precision ${num(t.precision, 4)}, recall ${num(t.recall, 4)}, F1 ${num(t.f1, 4)}.`, '');
  return out;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function tagsSection(tags: TagAnalysis): string[] {
  return [
    '## Error analysis by tag',
    '',
    table(
      ['tag', 'examples', 'errors', 'share of errors', 'accuracy', '95% interval', 'HLP', 'gap', 'potential gain', 'priority'],
      tags.tags.map((t) => [t.tag ?? '(untagged)', t.count, t.errors, pct(t.shareOfErrors), pct(t.accuracy), t.accuracyInterval ? `${pct(t.accuracyInterval.lower)}–${pct(t.accuracyInterval.upper)}${t.smallSample ? ' ⚠ small n' : ''}` : '—', pct(t.hlp), formatPoints(t.gapToHlp), formatPoints(t.potentialGain), formatPoints(t.priority)]),
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
    ),
    '',
  ];
}

function agreementSection(a: AgreementSummary): string[] {
  return [
    '## Label consistency',
    '',
    `${a.items.toLocaleString('en-US')} labeled items, ${a.labelers.length} labelers: percent agreement ${pct(a.percentAgreement)}, Fleiss' kappa ${num(a.fleissKappa)} (${a.fleissItems} items with ${a.fleissLabelsPerItem} labels), Krippendorff's alpha ${num(a.krippendorffAlpha)} (95% CI ${num(a.alphaCI[0])}–${num(a.alphaCI[1])}), human-level performance ${pct(a.hlp)}.`,
    '',
    a.ambiguousPairs.length ? table(['class pair', 'disagreements', 'rate'], a.ambiguousPairs.slice(0, 10).map((p) => [`${p.a} / ${p.b}`, p.count, pct(p.rate)]), [1, 2]) : '',
    '',
  ];
}

/** Look-alike classes, before any figure: they may be one class counted as two. */
function warningsSection(warnings: readonly string[] | undefined): string[] {
  if (!warnings || warnings.length === 0) return [];
  return ['## Warnings', '', ...warnings.map((w) => `- ⚠ ${markdownText(w)}`), ''];
}

/** Every problem of the file, warnings included (a report made anyway also starts with its error-level ones). */
function csvProblemsSection(r: AuditReport): string[] {
  return ['## CSV problems and warnings', '', ...r.csvProblems.slice(0, 20).map((p) => `- line ${p.line}: ${p.severity}: ${p.message}`), r.csvProblemCount > 20 ? `- …and ${r.csvProblemCount - 20} more` : '', ''];
}

function sliceTable(slices: SliceResult[]): string {
  return table(
    ['slice', 'n', 'accuracy', '95% interval', 'macro F1', 'Δ vs overall', 'flagged', 'note'],
    slices.map((s) => [sliceName(s), s.n, pct(s.accuracy), `${pct(s.interval.lower)}–${pct(s.interval.upper)}`, num(s.macroF1), formatPoints(s.difference, 1, true), s.flagged ? '⚠ yes' : '', sliceNote(s)]),
    [1, 2, 3, 4, 5],
  );
}
