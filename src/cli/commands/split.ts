import { fileIdentity } from '../../node/splitFile';
import * as path from 'node:path';
import { columnByRole } from '../../core/dataset/dataset';
import type { CodedColumn } from '../../core/dataChecks/values';
import { countClassBalance, SplitError, splitRows, type ClassBalance, type SplitSummary } from '../../core/splits/splitRows';
import { ColumnWriteError, writeWithColumn } from '../../node/writeWithColumn';
import { CliError } from '../cliError';
import { codedColumn, columnNamed } from '../columnValues';
import { markdownTable, percent } from '../format';
import { loadForCli, problemPolicy, type CliLoadedFile } from '../loadForCli';

export interface SplitCliOptions {
  json: boolean;
  /** Relative sizes, e.g. "0.6,0.2,0.2". */
  ratios?: string;
  names?: string;
  /** "label" (or a column name), optionally ",<slice column>"; "none" for a plain random split. */
  stratify?: string;
  group?: string;
  seed?: number;
  /** The new column's name (default "split"). */
  column?: string;
  overwriteColumn?: boolean;
  out?: string;
  force?: boolean;
  allowProblems?: boolean;
}

const DEFAULT_SEED = 42;

/**
 * `loupe split <csv> --out <new.csv>`: a seeded, stratified (optionally grouped) split written
 * as one more column of a copy of the file (DOMAIN.md §5). The input file is never written.
 */
export async function runSplit(file: string | undefined, options: SplitCliOptions): Promise<string> {
  const ratios = parseRatios(options.ratios);
  const out = await checkOutput(file, options);
  const loaded = await loadForCli(file, {}, problemPolicy(options.allowProblems));
  if (loaded.encoding !== 'utf-8') throw new CliError(`${file}: the file is ${loaded.encoding}; split writes a byte-for-byte copy of UTF-8 files only (save it as UTF-8 first)`);
  const columnName = options.column ?? 'split';
  const existing = newColumnIndex(file!, loaded, columnName, options.overwriteColumn ?? false);
  const { label, slice, labelName } = await strataColumns(loaded, options.stratify);
  const group = options.group === undefined ? undefined : await codedColumn(loaded, columnNamed(loaded, options.group, '--group'));
  const { assignment, summary } = seededSplit({ rowCount: loaded.dataset.rowCount, ratios, names: options.names?.split(',').map((n) => n.trim()), seed: options.seed ?? DEFAULT_SEED, label, slice, group });
  const balanceLabel = label && labelName ? { column: label, name: labelName } : await classColumn(loaded);
  const balance = countClassBalance(summary.names, ratios, assignment, balanceLabel?.column);
  await writeSplitFile(file!, loaded, out, { name: columnName, valueOf: (row) => summary.names[assignment[row]], replace: existing >= 0 ? existing : undefined, overwrite: options.force ?? false });
  const json = {
    seed: summary.seed,
    counts: summary.counts,
    ratios: summary.ratios,
    byStratum: summary.byStratum.map((s) => ({ stratum: s.stratum, label: s.label, ...(s.slice !== undefined ? { slice: s.slice } : {}), counts: s.counts })),
    groups: summary.groups,
    groupsSpanning: summary.groupsSpanning,
    warnings: balance.warnings.map((w) => w.message),
    column: columnName,
    out,
  };
  if (options.json) return JSON.stringify(json, null, 2);
  return describeSplit(file!, summary, balance, { out, column: columnName, stratifiedBy: labelName, sliceName: sliceNameOf(options.stratify), group: options.group, classColumn: balanceLabel?.name });
}

/** The index of an existing column of that name (-1 when new); refused unless --overwrite-column. */
function newColumnIndex(file: string, loaded: CliLoadedFile, columnName: string, overwrite: boolean): number {
  if (columnName.trim() === '') throw new CliError('--column needs a name');
  const existing = loaded.dataset.columns.findIndex((c) => c.name === columnName);
  if (existing >= 0 && !overwrite) throw new CliError(`${file} already has a column "${columnName}": choose another name with --column, or pass --overwrite-column to replace its values in the new file`);
  return existing;
}

function seededSplit(input: Parameters<typeof splitRows>[0]): ReturnType<typeof splitRows> {
  try {
    return splitRows(input);
  } catch (error) {
    if (error instanceof SplitError) throw new CliError(error.message);
    throw error;
  }
}

async function writeSplitFile(file: string, loaded: CliLoadedFile, out: string, column: Parameters<typeof writeWithColumn>[3]): Promise<void> {
  try {
    await writeWithColumn(file, loaded.dataset, out, column);
  } catch (error) {
    if (error instanceof ColumnWriteError) throw new CliError(error.code === 'outputExists' ? `${out} exists: pass --force to replace it` : `${file}: ${error.message}`);
    throw new CliError(`${out}: cannot be written (${(error as Error).message})`);
  }
}

function sliceNameOf(stratify: string | undefined): string | undefined {
  return stratify?.split(',')[1]?.trim();
}

function parseRatios(text: string | undefined): number[] {
  if (text === undefined) throw new CliError('missing --ratios, e.g. --ratios 0.6,0.2,0.2');
  const ratios = text.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
  if (ratios.some((r) => !Number.isFinite(r) || r < 0)) throw new CliError(`--ratios needs numbers ≥ 0 separated by commas, not "${text}"`);
  return ratios;
}

/** The output path: required, not the input (even through a link), not an existing file without --force. */
async function checkOutput(file: string | undefined, options: SplitCliOptions): Promise<string> {
  if (!file) throw new CliError('missing <csv>: the path of a label file');
  if (!options.out) throw new CliError('missing --out <new.csv>: split writes a new file and never rewrites the input');
  const out = options.out;
  const [input, output] = await Promise.all([fileIdentity(file), fileIdentity(out)]);
  if (path.resolve(file) === path.resolve(out) || (input && output && input === output)) throw new CliError(`--out ${out} is the input file: split never rewrites the input; name a new file`);
  if (output && !options.force) throw new CliError(`${out} exists: pass --force to replace it`);
  return out;
}


async function strataColumns(loaded: CliLoadedFile, stratify: string | undefined): Promise<{ label?: CodedColumn; slice?: CodedColumn; labelName?: string }> {
  if (stratify?.trim() === 'none') return {};
  const [first, second, ...rest] = (stratify ?? 'label').split(',').map((s) => s.trim());
  if (rest.length > 0) throw new CliError(`--stratify takes a label and at most one slice column, not "${stratify}"`);
  const found = loaded.dataset.columns.find((c) => c.name === first) ?? (first === 'label' ? columnByRole(loaded.dataset, 'label') : undefined);
  if (!found && stratify === undefined) return {};
  if (!found) throw new CliError(`--stratify ${first}: no such column (columns: ${loaded.dataset.columns.map((c) => c.name).join(', ')})`);
  const label = await codedColumn(loaded, found.index);
  const slice = second === undefined || second === '' ? undefined : await codedColumn(loaded, columnNamed(loaded, second, '--stratify'));
  return { label, slice, labelName: found.name };
}

/** The label column for the class-balance report when the split was not stratified by it. */
async function classColumn(loaded: CliLoadedFile): Promise<{ column: CodedColumn; name: string } | undefined> {
  const label = columnByRole(loaded.dataset, 'label');
  return label ? { column: await codedColumn(loaded, label.index), name: label.name } : undefined;
}

interface SplitDescription {
  out: string;
  column: string;
  stratifiedBy?: string;
  sliceName?: string;
  group?: string;
  classColumn?: string;
}

function describeSplit(file: string, summary: SplitSummary, balance: ClassBalance, d: SplitDescription): string {
  const rows = summary.names.reduce((sum, name) => sum + summary.counts[name], 0);
  const how = d.stratifiedBy ? `stratified by ${d.stratifiedBy}${d.sliceName ? ` × ${d.sliceName}` : ''}` : 'not stratified';
  const lines = [
    `# Split of ${file}`,
    '',
    `${rows} rows, seed ${summary.seed}, ${how}${d.group ? `, grouped by ${d.group} (${summary.groups} groups, ${summary.groupsSpanning} in more than one split)` : ''}. Written to ${d.out} as column "${d.column}".`,
    '',
    markdownTable(['split', 'rows', 'share'], summary.names.map((name) => [name, summary.counts[name], percent(summary.ratios[name])]), ['l', 'r', 'r']),
  ];
  if (balance.classes.length > 0) {
    lines.push('', `## Class balance (${d.classColumn ?? d.stratifiedBy})`, '');
    lines.push(markdownTable(['class', ...summary.names], balance.classes.map((c, i) => [c, ...balance.counts[i].map((n, j) => `${n} (${percent(share(n, summary.counts[summary.names[j]]))})`)]), ['l', ...summary.names.map(() => 'r' as const)]));
  }
  if (balance.warnings.length > 0) lines.push('', '## Warnings', '', ...balance.warnings.map((w) => `- ⚠ ${w.message}`));
  return lines.join('\n');
}

function share(n: number, total: number): number | null {
  return total === 0 ? null : n / total;
}
