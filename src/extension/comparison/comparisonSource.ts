/**
 * What the Comparison view compares, and how that becomes a `loupe compare` command line:
 * two prediction columns of one file, or the predictions of two files matched by id. Pure (no
 * `vscode`), so the choices are tested in Node.
 */
import type { ColumnRole } from '../../core/dataset/roles';
import type { ComparisonKind } from '../../core/modelComparison/rowOutcomes';
import type { TableFilter } from '../../protocol/labelTable';
import { perExampleComparability, type RecordedFileState } from '../../core/experiments/perExample';
import type { Experiment } from '../../core/experiments/schema';
import type { ComparisonSubject } from '../../protocol/comparison';

export type ComparisonSource =
  /** Two prediction columns of one file: A (before) and B (after). */
  | { kind: 'columns'; file: string; a: string; b: string }
  /** Two files joined by id; each file's prediction column is named, or its prediction role is used. */
  | { kind: 'files'; fileA: string; fileB: string; a?: string; b?: string };

/**
 * The arguments of `loupe compare … --json` for a source. Options come inline (`--a=<name>`)
 * and files after `--`, so a column or a path that starts with a dash is never read as an option.
 */
export function compareArguments(source: ComparisonSource): string[] {
  const columns = (a: string | undefined, b: string | undefined) => [...(a !== undefined ? [`--a=${a}`] : []), ...(b !== undefined ? [`--b=${b}`] : [])];
  if (source.kind === 'columns') return ['compare', '--json', ...columns(source.a, source.b), '--', source.file];
  return ['compare', '--json', ...columns(source.a, source.b), '--', source.fileA, source.fileB];
}

/** One key per source: the same comparison asked for twice shows the same panel. */
export function sourceKey(source: ComparisonSource): string {
  return JSON.stringify(source.kind === 'columns' ? [source.kind, source.file, source.a, source.b] : [source.kind, source.fileA, source.fileB, source.a ?? null, source.b ?? null]);
}

/** The view's heading: what A and B are, with paths as `relative` shows them. */
export function describeSource(source: ComparisonSource, relative: (file: string) => string): ComparisonSubject {
  if (source.kind === 'columns') return { title: `${relative(source.file)}: "${source.a}" (A) vs "${source.b}" (B)`, twoFiles: false };
  const side = (file: string, column: string | undefined) => `${relative(file)}${column !== undefined ? ` ("${column}")` : ''}`;
  return { title: `${side(source.fileA, source.a)} (A) vs ${side(source.fileB, source.b)} (B), matched by id`, twoFiles: true };
}

export type RecordsComparison =
  | { ok: true; source: ComparisonSource; subject: ComparisonSubject; older: Experiment; newer: Experiment; notes: string[] }
  /** Why the two records cannot be compared example by example, one sentence per gap. */
  | { ok: false; reasons: string[] };

/**
 * Two experiment records compared example by example: the older one is A, the newer B. Possible
 * when both kept a fingerprint of their predictions and both files are still there unchanged
 * (`perExampleComparability`); files with different ids are matched by id, and the view says
 * so. `resolve` turns a record's dataset path into an absolute path.
 */
export function recordsComparison(x: Experiment, y: Experiment, files: { a: RecordedFileState; b: RecordedFileState }, resolve: (datasetPath: string) => string): RecordsComparison {
  const [older, newer, states] = Date.parse(x.createdAt) <= Date.parse(y.createdAt) ? [x, y, files] : [y, x, { a: files.b, b: files.a }];
  const check = perExampleComparability(older, newer, states);
  // Different ids do not stop a comparison by id: the examples in one file only are counted and listed.
  const blocking = check.gaps.filter((g) => g.code !== 'different-ids');
  if (blocking.length > 0) return { ok: false, reasons: blocking.map((g) => g.message) };
  if (check.samePredictions) return { ok: false, reasons: [`"${older.name}" and "${newer.name}" saw the very same predictions on the same examples: nothing changed example by example`] };
  const [fa, fb] = [older.data.predictions!, newer.data.predictions!];
  const [pathA, pathB] = [older.data.path!, newer.data.path!];
  const source: ComparisonSource =
    pathA === pathB ? { kind: 'columns', file: resolve(pathA), a: fa.column, b: fb.column } : { kind: 'files', fileA: resolve(pathA), fileB: resolve(pathB), a: fa.column, b: fb.column };
  const subject = { title: `${older.name} (A) vs ${newer.name} (B)`, detail: `A: "${fa.column}" of ${pathA}; B: "${fb.column}" of ${pathB}`, twoFiles: source.kind === 'files' };
  const notes = check.gaps.map((g) => `The records differ: ${g.message}.`);
  return { ok: true, source, subject, older, newer, notes };
}

/** What a click in the Comparison view asks the table to show: rows of one outcome, optionally of one tag, slice value or label class. */
export interface ComparedRows {
  kind: ComparisonKind;
  tag?: string;
  slice?: { column: string; value: string };
  labelClass?: string;
}

export interface TableColumnRef {
  name: string;
  role: ColumnRole;
  index: number;
}

const SWAPPED: Readonly<Record<ComparisonKind, ComparisonKind>> = { fixed: 'broken', broken: 'fixed', changed: 'changed', bothWrong: 'bothWrong', bothRight: 'bothRight' };

/**
 * The table filter that shows the rows a click in the Comparison view names, or why there is
 * none. The table compares its prediction column (A) with another column (B): when the
 * comparison's A is that other column, the two swap, and so do fixed and broken.
 */
export function comparedRowsFilter(source: ComparisonSource, columns: readonly TableColumnRef[], rows: ComparedRows): TableFilter | string {
  if (source.kind === 'files') return 'the table shows the rows of a comparison of two columns of one file; open A\'s file to see its rows';
  const named = (name: string) => columns.find((c) => c.name === name);
  const [a, b] = [named(source.a), named(source.b)];
  if (!a || !b) return `the file no longer has the column "${!a ? source.a : source.b}"`;
  const swapped = b.role === 'prediction' && a.role !== 'prediction';
  if (a.role !== 'prediction' && !swapped) return `neither "${source.a}" nor "${source.b}" is the file's prediction column: set the role of "${source.a}" to prediction in the table's Columns menu`;
  const filter: TableFilter = { comparison: { b: (swapped ? a : b).index, kind: swapped ? SWAPPED[rows.kind] : rows.kind, ...(rows.labelClass !== undefined ? { labelClass: rows.labelClass } : {}) } };
  if (rows.tag !== undefined) filter.tag = rows.tag;
  if (rows.slice) {
    const column = named(rows.slice.column);
    if (!column) return `the file no longer has the column "${rows.slice.column}"`;
    filter.columns = [{ column: column.index, values: [rows.slice.value] }];
  }
  return filter;
}
