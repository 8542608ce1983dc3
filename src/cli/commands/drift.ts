import type { DriftReport } from '../../core/drift/detectDrift';
import type { DriftJson } from '../../core/drift/driftJson';
import { compareLoadedFiles, type FileDrift } from '../../node/driftFiles';
import { CliError } from '../cliError';
import { fixed, markdownTable, percent } from '../format';
import { loadForCli, problemPolicy, type CliLoadedFile } from '../loadForCli';
import { noun } from '../../core/plural';

export interface DriftCliOptions {
  json: boolean;
  /** Compare only these columns (comma-separated names). */
  columns?: string;
  /** Exit 1 when a column drifted. */
  failOnDrift?: boolean;
  allowProblems?: boolean;
}

/**
 * `loupe drift <reference.csv> <current.csv>`: data drift column by column (DOMAIN.md §5),
 * with the kinds the table infers: PSI and chi-square for categorical columns and the label,
 * the two-sample KS test for numbers and for the lengths of text cells.
 */
export async function runDrift(referenceFile: string | undefined, currentFile: string | undefined, options: DriftCliOptions): Promise<{ output: string; exitCode: number }> {
  if (!referenceFile || !currentFile) throw new CliError('drift needs two files: <reference.csv> <current.csv>');
  const reference = await loadForCli(referenceFile, {}, problemPolicy(options.allowProblems));
  const current = await loadForCli(currentFile, {}, problemPolicy(options.allowProblems));
  const wanted = chosenColumns(options.columns, reference, current);
  const { json, report } = await compareFiles(referenceFile, currentFile, reference, current, wanted);
  const exitCode = options.failOnDrift && json.driftedColumns > 0 ? 1 : 0;
  return { output: options.json ? JSON.stringify(json, null, 2) : describeDrift(referenceFile, currentFile, json, report), exitCode };
}

function chosenColumns(list: string | undefined, reference: CliLoadedFile, current: CliLoadedFile): Set<string> | null {
  if (list === undefined) return null;
  const names = new Set(list.split(',').map((s) => s.trim()).filter(Boolean));
  const known = new Set([...reference.dataset.columns, ...current.dataset.columns].map((c) => c.name));
  const unknown = [...names].filter((n) => !known.has(n));
  if (unknown.length > 0) throw new CliError(`--columns: no column named ${unknown.map((n) => JSON.stringify(n)).join(', ')} in either file`);
  if (names.size === 0) throw new CliError('--columns needs at least one column name');
  return names;
}

async function compareFiles(referenceFile: string, currentFile: string, reference: CliLoadedFile, current: CliLoadedFile, wanted: Set<string> | null): Promise<FileDrift> {
  try {
    return await compareLoadedFiles(reference, current, wanted);
  } catch (error) {
    throw new CliError(`${referenceFile} or ${currentFile}: cannot be read (${(error as Error).message})`);
  }
}

const REASONS: Record<DriftReport['skipped'][number]['reason'], string> = {
  onlyInReference: 'only in the reference file',
  onlyInCurrent: 'only in the current file',
  kindsDiffer: 'read as different kinds in the two files',
  idColumn: 'an id column',
  noLengths: 'text without lengths',
  duplicateName: 'a duplicate header name',
};

function describeDrift(referenceFile: string, currentFile: string, json: DriftJson, report: DriftReport): string {
  const lines = [
    `# Drift: ${referenceFile} → ${currentFile}`,
    '',
    `${json.rows.reference} reference rows, ${json.rows.current} current rows; ${json.driftedColumns} of ${report.columns.length} compared ${noun(report.columns.length, 'column')} drifted (categorical: PSI ≥ 0.25; numeric and text length: KS D ≥ 0.1 and p < 0.05).`,
    '',
    markdownTable(
      ['column', 'kind', 'PSI', 'chi² p', 'KS D', 'KS p', 'missing (ref → cur)', 'new categories', 'drifted'],
      report.columns.map((c) => [
        c.name,
        c.kind === 'text' ? 'text (length)' : c.kind,
        c.psi === undefined ? null : fixed(c.psi, 4),
        c.chi2P === undefined ? null : pValue(c.chi2P),
        c.ks === undefined ? null : fixed(c.ks?.d ?? null, 4),
        c.ks === undefined ? null : pValue(c.ks?.p ?? null),
        `${percent(c.missing.reference) ?? '—'} → ${percent(c.missing.current) ?? '—'}`,
        listed(c.newCategories),
        c.drifted ? '⚠ yes' : 'no',
      ]),
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'l', 'l'],
    ),
  ];
  if (report.skipped.length > 0) lines.push('', 'Not compared:', ...report.skipped.map((s) => `- ${s.name}: ${REASONS[s.reason]}`));
  return lines.join('\n');
}

function pValue(p: number | null): string | null {
  if (p === null) return null;
  return p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}

function listed(values: string[]): string {
  if (values.length === 0) return '';
  const shown = values.slice(0, 5).map((v) => JSON.stringify(v)).join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}
