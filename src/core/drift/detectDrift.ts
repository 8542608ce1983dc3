/**
 * Data drift between a reference file and a current one, column by column (DOMAIN.md §5):
 * categorical columns and the label by PSI and chi-square with their new categories,
 * numeric columns (and text lengths, when the caller reads them) by the two-sample KS test,
 * every column by its share of missing cells. Columns are matched by header name.
 */
import type { ColumnInfo } from '../dataset/dataset';
import { unifyValues, type CodedColumn } from '../dataChecks/values';
import { classifyPsi, computePsi, testChiSquare, type PsiLevel } from './categorical';
import { testKsTwoSample, type KsResult } from './ksTwoSample';

export type DriftKind = 'categorical' | 'numeric' | 'text';

export interface ColumnDrift {
  name: string;
  kind: DriftKind;
  rows: { reference: number; current: number };
  /** Share of missing cells in each file; null for a file with no rows. */
  missing: { reference: number | null; current: number | null };
  /** Categorical: PSI (null when a file has no rows) and its reading. */
  psi?: number | null;
  psiLevel?: PsiLevel | null;
  chi2?: number | null;
  chi2Dof?: number | null;
  chi2P?: number | null;
  /** Numeric and text: KS on non-missing values; null when a file has none. */
  ks?: KsResult | null;
  /** Categories present in the current file only (empty for numeric columns). */
  newCategories: string[];
  drifted: boolean;
}

/** The columns of a loaded file that drift reads. */
export type DriftInput = {
  rowCount: number;
  columns: readonly Pick<ColumnInfo, 'name' | 'role' | 'kind'>[];
  codes: readonly (Int32Array | null)[];
  dictionaries: readonly (readonly string[] | null)[];
  numbers: readonly (Float64Array | null)[];
};

export interface LengthPair {
  reference: ArrayLike<number>;
  current: ArrayLike<number>;
}

export interface DriftReport {
  columns: ColumnDrift[];
  /** Columns not compared, with why (only in one file, kinds differ, an id or text column without lengths). */
  skipped: { name: string; reason: 'onlyInReference' | 'onlyInCurrent' | 'kindsDiffer' | 'idColumn' | 'noLengths' | 'duplicateName' }[];
}

/** Categorical drift: values compared by value (DOMAIN.md §1), missing as its own category. */
export function driftCategorical(name: string, reference: CodedColumn, current: CodedColumn): ColumnDrift {
  const unified = unifyValues([reference, current]);
  const k = unified.values.length;
  const referenceCounts = countCategories(unified.rows[0], k);
  const currentCounts = countCategories(unified.rows[1], k);
  const psi = computePsi(referenceCounts, currentCounts);
  const chi = testChiSquare(referenceCounts, currentCounts);
  const newCategories = unified.values.filter((_, i) => referenceCounts[i] === 0 && currentCounts[i] > 0);
  return {
    name,
    kind: 'categorical',
    rows: { reference: reference.codes.length, current: current.codes.length },
    missing: { reference: share(referenceCounts[k], reference.codes.length), current: share(currentCounts[k], current.codes.length) },
    psi,
    psiLevel: psi === null ? null : classifyPsi(psi),
    chi2: chi?.statistic ?? null,
    chi2Dof: chi?.dof ?? null,
    chi2P: chi?.p ?? null,
    newCategories,
    drifted: psi !== null && psi >= 0.25,
  };
}

/** Numeric drift (NaN = missing): drifted when D ≥ 0.1 and p < 0.05. */
export function driftNumeric(name: string, reference: ArrayLike<number>, current: ArrayLike<number>, kind: DriftKind = 'numeric'): ColumnDrift {
  const ks = testKsTwoSample(reference, current);
  return {
    name,
    kind,
    rows: { reference: reference.length, current: current.length },
    missing: { reference: share(countNaN(reference), reference.length), current: share(countNaN(current), current.length) },
    ks,
    newCategories: [],
    drifted: ks !== null && ks.d >= 0.1 && ks.p !== null && ks.p < 0.05,
  };
}

/** Text drift: the distributions of cell lengths (NaN = missing cell) compared as numbers. */
export function driftTextLengths(name: string, lengths: LengthPair): ColumnDrift {
  return driftNumeric(name, lengths.reference, lengths.current, 'text');
}

/** Per cell: its length in code points, NaN for a missing (null or blank) cell. */
export function measureTextLengths(cells: ArrayLike<string | null>): Float64Array {
  const out = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    out[i] = cell === null || cell.trim() === '' ? Number.NaN : countCodePoints(cell);
  }
  return out;
}

/** Every column present in both files, in the reference file's order; text columns need their lengths. */
export function detectDrift(reference: DriftInput, current: DriftInput, textLengths?: ReadonlyMap<string, LengthPair>): DriftReport {
  const report: DriftReport = { columns: [], skipped: [] };
  const currentIndex = indexByName(current, report);
  const seen = new Set<string>();
  reference.columns.forEach((column, index) => {
    if (seen.has(column.name)) return report.skipped.push({ name: column.name, reason: 'duplicateName' });
    seen.add(column.name);
    const other = currentIndex.get(column.name);
    if (other === undefined) return report.skipped.push({ name: column.name, reason: 'onlyInReference' });
    const drift = compareColumn(reference, index, current, other, textLengths);
    if (typeof drift === 'string') return report.skipped.push({ name: column.name, reason: drift });
    return report.columns.push(drift);
  });
  for (const name of currentIndex.keys()) if (!seen.has(name)) report.skipped.push({ name, reason: 'onlyInCurrent' });
  return report;
}

function compareColumn(
  reference: DriftInput,
  r: number,
  current: DriftInput,
  c: number,
  textLengths: ReadonlyMap<string, LengthPair> | undefined,
): ColumnDrift | DriftReport['skipped'][number]['reason'] {
  const column = reference.columns[r];
  if (column.role === 'id' || current.columns[c].role === 'id') return 'idColumn';
  const [refCodes, curCodes] = [reference.codes[r], current.codes[c]];
  const [refDict, curDict] = [reference.dictionaries[r], current.dictionaries[c]];
  if (refCodes && curCodes && refDict && curDict) {
    return driftCategorical(column.name, { codes: refCodes, dictionary: refDict }, { codes: curCodes, dictionary: curDict });
  }
  const [refNumbers, curNumbers] = [reference.numbers[r], current.numbers[c]];
  if (refNumbers && curNumbers) return driftNumeric(column.name, refNumbers, curNumbers);
  if (column.kind === 'text' && current.columns[c].kind === 'text') {
    const lengths = textLengths?.get(column.name);
    return lengths ? driftTextLengths(column.name, lengths) : 'noLengths';
  }
  return 'kindsDiffer';
}

function indexByName(input: DriftInput, report: DriftReport): Map<string, number> {
  const index = new Map<string, number>();
  input.columns.forEach((column, i) => {
    if (index.has(column.name)) report.skipped.push({ name: column.name, reason: 'duplicateName' });
    else index.set(column.name, i);
  });
  return index;
}

// Counts per category, the last slot (index k) for missing cells.
function countCategories(rows: Int32Array, k: number): Float64Array {
  const counts = new Float64Array(k + 1);
  for (let i = 0; i < rows.length; i++) counts[rows[i] < 0 ? k : rows[i]]++;
  return counts;
}

function countNaN(values: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) count++;
  return count;
}

function share(count: number, rows: number): number | null {
  return rows === 0 ? null : count / rows;
}

function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff || i === 0 || (text.charCodeAt(i - 1) & 0xfc00) !== 0xd800) count++;
  }
  return count;
}
