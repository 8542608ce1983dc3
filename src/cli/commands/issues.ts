import { columnByRole } from '../../core/dataset/dataset';
import { describeProbabilityChecks } from '../../core/labelIssues/probabilityProblems';
import { labelIssueRows } from '../../core/labelIssues/confidentLearning';
import { binaryScoreSource, labelIssuesOfDataset, LabelIssuesUnavailable, type LabelIssueSources, type LabelIssuesOfDataset } from '../../core/labelIssues/fromDataset';
import { CliError } from '../cliError';
import { checkPositiveClass } from '../positiveClass';
import { problemLines } from '../fileProblems';
import { idsOfRows } from '../rowIds';
import { markdownTable } from '../format';
import { loadForCli, problemPolicy, type CliLoadedFile } from '../loadForCli';

export interface IssuesCliOptions {
  json: boolean;
  label?: string;
  /** Probability columns, one per class. */
  probs?: string;
  score?: string;
  positive?: string;
  limit?: number;
  /** Exit 1 when the share of likely label errors among the rows used is above this. */
  failAbove?: number;
  allowProblems?: boolean;
}

/** `loupe issues <csv>`: likely label errors by confident learning (DOMAIN.md §7). */
export async function runIssues(file: string | undefined, options: IssuesCliOptions): Promise<{ output: string; exitCode: number }> {
  const loaded = await loadForCli(file, {}, problemPolicy(options.allowProblems));
  const { dataset } = loaded;
  const label = columnIndex(loaded, options.label, 'label', '--label');
  let found: LabelIssuesOfDataset;
  try {
    found = labelIssuesOfDataset(dataset, { label, probabilityColumns: probabilityColumns(loaded, options.probs), positiveScore: binaryScore(file!, loaded, label, options) });
  } catch (error) {
    if (error instanceof LabelIssuesUnavailable) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
  const { result, classes } = found;
  const warnings = describeProbabilityChecks(dataset, found.probabilityColumns, found.checks).map((w) => w.problem);
  if (warnings.length > 0) process.stderr.write(`${problemLines(file!, warnings).join('\n')}\n`);
  if (result.used === 0) throw new CliError(`${file}: no row has both a label and probabilities for every class (${result.leftOut} rows left out)`);
  const shown = options.limit === undefined ? result.issues : result.issues.slice(0, options.limit);
  const ids = idsOfRows(loaded, shown.map((e) => e.row));
  const thresholds = Object.create(null) as Record<string, number | null>;
  classes.forEach((c, j) => (thresholds[c] = Number.isNaN(result.thresholds[j]) ? null : result.thresholds[j]));
  const json = {
    rows: dataset.rowCount,
    used: result.used,
    leftOut: result.leftOut,
    classes,
    probabilityColumns: found.probabilityColumns,
    probabilityChecks: found.checks,
    ...scoreReadingFields(found),
    probabilityProblems: probabilityProblemsJson(loaded, found),
    thresholds,
    confidentJoint: result.confidentJoint,
    issueCount: result.issues.length,
    issues: labelIssueRows(shown, dataset.rowLines, classes, ids),
  };
  const share = result.issues.length / result.used;
  const exitCode = options.failAbove !== undefined && share > options.failAbove ? 1 : 0;
  if (options.json) return { output: JSON.stringify(json, null, 2), exitCode };
  return { output: describe(file!, json, share, options.failAbove), exitCode };
}

/** How a binary score column was read, with the same keys as `loupe metrics --json`. */
function scoreReadingFields(found: LabelIssuesOfDataset): { scoreScale?: string; scoreReadAs?: string; scoreReading?: string } {
  const r = found.scoreReading;
  return r ? { scoreScale: r.scale, scoreReadAs: r.meaning, scoreReading: r.sentence } : {};
}

/** Each kind of probability problem with its count and first rows (1-based, as `issues[].row`) and lines. */
function probabilityProblemsJson(loaded: CliLoadedFile, found: LabelIssuesOfDataset): { kind: string; count: number; rows: number[]; lines: number[] }[] {
  const { checks } = found;
  return (['notNumber', 'outOfRange', 'notSummingToOne'] as const)
    .filter((kind) => checks[kind] > 0)
    .map((kind) => ({ kind, count: checks[kind], rows: checks.examples[kind].map((r) => r + 1), lines: checks.examples[kind].map((r) => loaded.dataset.rowLines[r]) }));
}

function columnIndex(loaded: CliLoadedFile, name: string | undefined, role: 'label' | 'score', flag: string): number {
  const { dataset } = loaded;
  if (name !== undefined) {
    const i = dataset.columns.findIndex((c) => c.name === name);
    if (i < 0) throw new CliError(`${flag} ${name}: no such column (columns: ${dataset.columns.map((c) => c.name).join(', ')})`);
    return i;
  }
  const column = columnByRole(dataset, role);
  if (!column) throw new CliError(`no ${role} column: name it with ${flag}`);
  return column.index;
}

function probabilityColumns(loaded: CliLoadedFile, probs: string | undefined): number[] | undefined {
  if (probs === undefined) return undefined;
  return probs.split(',').map((name) => columnIndex(loaded, name.trim(), 'score', '--probs'));
}

/** Binary data without per-class columns: the score column, read as P(positive); an unknown positive class is an error. */
function binaryScore(file: string, loaded: CliLoadedFile, label: number, options: IssuesCliOptions): LabelIssueSources['positiveScore'] {
  const { dataset, settings } = loaded;
  const scoreColumn = options.score !== undefined ? columnIndex(loaded, options.score, 'score', '--score') : columnByRole(dataset, 'score')?.index;
  if (scoreColumn === undefined || options.probs !== undefined) return undefined;
  const dictionary = dataset.dictionaries[label];
  const codes = dataset.codes[label];
  if (!dictionary || !codes) return undefined;
  const present = [...new Set(Array.from(codes).filter((c) => c >= 0))].map((c) => dictionary[c]).sort();
  if (present.length !== 2) return undefined;
  checkPositiveClass(file, present, options.positive, settings.positiveClass);
  return binaryScoreSource(dataset, label, scoreColumn, options.positive ?? settings.positiveClass, columnByRole(dataset, 'prediction')?.index);
}

function describe(file: string, json: { used: number; leftOut: number; classes: string[]; scoreReading?: string; issueCount: number; issues: { row: number; id: string | null; label: string; suggested: string; selfConfidence: number; normalizedMargin: number }[] }, share: number, failAbove: number | undefined): string {
  const lines = [
    `${file}: ${json.issueCount} likely label errors among ${json.used} rows with a label and probabilities (${(share * 100).toFixed(1)}%)${json.leftOut ? `; ${json.leftOut} rows left out` : ''}`,
    'Confident learning needs out-of-sample probabilities (cross-validated, or from a model that did not train on these rows).',
    ...(json.scoreReading ? [`score: ${json.scoreReading}`] : []),
  ];
  if (failAbove !== undefined) lines.push(share > failAbove ? `above --fail-above ${failAbove}: failing` : `within --fail-above ${failAbove}`);
  if (json.issues.length > 0) {
    lines.push(
      '',
      markdownTable(
        ['row', 'id', 'label', 'suggested', 'self-confidence', 'margin'],
        json.issues.map((e) => [e.row, e.id ?? '', e.label, e.suggested, e.selfConfidence.toFixed(4), e.normalizedMargin.toFixed(4)]),
        ['r', 'l', 'l', 'l', 'r', 'r'],
      ),
    );
  }
  return lines.join('\n');
}
