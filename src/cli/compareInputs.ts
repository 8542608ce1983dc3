/**
 * What `loupe compare` compares: a label and two predictions over the same examples, either
 * two prediction columns of one file or the prediction columns of two files joined by id.
 */
import type { ColumnRole } from '../core/dataset/roles';
import { columnByRole, type ColumnInfo, type Dataset } from '../core/dataset/dataset';
import { assignComparisonClasses, sameLabel, type CodedColumn, type ComparisonClasses } from '../core/modelComparison/comparisonClasses';
import { sharedTags } from '../core/modelComparison/compareGroups';
import { joinById, LISTED_IDS, type IdJoin } from '../core/modelComparison/joinById';
import type { RowTags } from '../core/dataset/rowTags';
import { releaseLoadedFile } from '../node/loadDataset';
import { readColumn } from '../node/scanColumn';
import { loadAnalysisContext } from './analysisContext';
import { CliError } from './cliError';
import { loadForCli, problemPolicy, type CliLoadedFile } from './loadForCli';

export interface CompareSources {
  files: string[];
  /** Column of prediction A (in the first file) and of B (in the second file, or the same one). */
  a?: string;
  b?: string;
  allowProblems?: boolean;
}

export interface SliceColumn {
  column: string;
  codes: Int32Array;
  dictionary: readonly string[];
}

export interface LabelMismatch {
  id: string;
  labelA: string;
  labelB: string;
}

export interface ComparisonInputs {
  twoFiles: boolean;
  columns: { label: string; a: string; b: string };
  /** Per compared row (matched rows in the two-file form). */
  classes: ComparisonClasses;
  rowCount: number;
  /** Tags of a compared row: with two files, the tags it carries in both. */
  tagsOf(row: number): readonly string[];
  slices: SliceColumn[];
  join: IdJoin | null;
  labelMismatches: { count: number; examples: LabelMismatch[]; checked: boolean };
}

export async function readComparisonInputs(sources: CompareSources): Promise<ComparisonInputs> {
  const [fileA, fileB, extra] = sources.files;
  if (extra !== undefined) throw new CliError(`compare takes one file (with --a and --b) or two files, not ${sources.files.length}`);
  if (fileB === undefined) return oneFile(fileA, sources);
  return twoFiles(fileA, fileB, sources);
}

async function oneFile(file: string | undefined, sources: CompareSources): Promise<ComparisonInputs> {
  if (sources.a === undefined || sources.b === undefined) throw new CliError('compare <csv> needs the two prediction columns: --a <column> --b <column> (or give two files: compare <a.csv> <b.csv>)');
  const loaded = await loadForCli(file, { roles: predictionRoles([sources.a, sources.b]) }, problemPolicy(sources.allowProblems));
  try {
    const { dataset } = loaded;
    const label = labelColumn(file!, dataset);
    const a = predictionColumn(file!, dataset, sources.a);
    const b = predictionColumn(file!, dataset, sources.b);
    const classes = assignComparisonClasses(coded(dataset, label), coded(dataset, a), coded(dataset, b));
    const tags = (await loadAnalysisContext(file!, loaded)).tags;
    return {
      twoFiles: false,
      columns: { label: label.name, a: a.name, b: b.name },
      classes,
      rowCount: dataset.rowCount,
      tagsOf: (row) => tags.tagsOfRow(row),
      slices: sliceColumns(dataset, null, [a, b]),
      join: null,
      labelMismatches: { count: 0, examples: [], checked: false },
    };
  } finally {
    await releaseLoadedFile(loaded);
  }
}

async function twoFiles(fileA: string, fileB: string, sources: CompareSources): Promise<ComparisonInputs> {
  const policy = problemPolicy(sources.allowProblems);
  const loadedA = await loadForCli(fileA, { roles: predictionRoles([sources.a]) }, policy);
  const loadedB = await loadForCli(fileB, { roles: predictionRoles([sources.b]) }, policy);
  try {
    const [a, b] = [loadedA.dataset, loadedB.dataset];
    const label = labelColumn(fileA, a);
    const predA = predictionColumn(fileA, a, sources.a);
    const predB = predictionColumn(fileB, b, sources.b);
    const idsA = await readIds(fileA, loadedA);
    const join = joinById(idsA, await readIds(fileB, loadedB));
    const classes = assignComparisonClasses(coded(a, label, join.rowsA), coded(a, predA, join.rowsA), coded(b, predB, join.rowsB));
    const tagsA = (await loadAnalysisContext(fileA, loadedA)).tags;
    const tagsB = (await loadAnalysisContext(fileB, loadedB)).tags;
    const labelB = columnByRole(b, 'label');
    return {
      twoFiles: true,
      columns: { label: label.name, a: predA.name, b: predB.name },
      classes,
      rowCount: join.rowsA.length,
      tagsOf: tagsInBoth(tagsA, tagsB, join),
      slices: sliceColumns(a, join.rowsA, [predA]),
      join,
      labelMismatches: labelB && b.codes[labelB.index] ? labelMismatches(loadedA, label, loadedB, labelB, join, idsA, classes.numeric) : { count: 0, examples: [], checked: false },
    };
  } finally {
    await releaseLoadedFile(loadedA);
    await releaseLoadedFile(loadedB);
  }
}

/** The columns named on the command line are read as predictions (categorical), whatever their inferred role. Names are data: a null-prototype map. */
function predictionRoles(names: (string | undefined)[]): Record<string, ColumnRole> | undefined {
  const roles: Record<string, ColumnRole> = Object.create(null) as Record<string, ColumnRole>;
  for (const name of names) if (name !== undefined) roles[name] = 'prediction';
  return Object.keys(roles).length > 0 ? roles : undefined;
}

function labelColumn(file: string, dataset: Dataset): ColumnInfo {
  const label = columnByRole(dataset, 'label');
  if (!label || !dataset.codes[label.index]) throw new CliError(`${file}: no label column (set its role in the table's Columns menu, .loupe/config.json)`);
  return label;
}

function predictionColumn(file: string, dataset: Dataset, name: string | undefined): ColumnInfo {
  const column = name !== undefined ? dataset.columns.find((c) => c.name === name) : columnByRole(dataset, 'prediction');
  if (!column) throw new CliError(name !== undefined ? `${file}: no column named "${name}" (columns: ${dataset.columns.map((c) => c.name).join(', ')})` : `${file}: no prediction column (name one with --a / --b, or set its role)`);
  if (!dataset.codes[column.index]) throw new CliError(`${file}: the column "${column.name}" is not categorical`);
  return column;
}

function coded(dataset: Dataset, column: ColumnInfo, rows?: Uint32Array): CodedColumn {
  const codes = dataset.codes[column.index]!;
  return { dictionary: dataset.dictionaries[column.index]!, codes: rows ? Int32Array.from(rows, (r) => codes[r]) : codes };
}

async function readIds(file: string, loaded: CliLoadedFile): Promise<string[]> {
  const key = loaded.dataset.columns.findIndex((c) => c.kind === 'key');
  if (key < 0) throw new CliError(`${file}: no id column: two files are matched by id (set a column's role to id in the Columns menu, .loupe/config.json)`);
  return readColumn(loaded.rowSource, loaded.dataset, key);
}

/** Tags a matched example carries in both files; tag sets are interned, so each pair of sets is intersected once. */
function tagsInBoth(tagsA: RowTags, tagsB: RowTags, join: IdJoin): (row: number) => readonly string[] {
  const cache = new Map<string, readonly string[]>();
  return (row) => {
    const [ra, rb] = [join.rowsA[row], join.rowsB[row]];
    const pair = `${tagsA.rowSet[ra]},${tagsB.rowSet[rb]}`;
    let shared = cache.get(pair);
    if (!shared) cache.set(pair, (shared = sharedTags(tagsA.tagsOfRow(ra), tagsB.tagsOfRow(rb))));
    return shared;
  };
}

// A slice column with more values than this is an identifier, not a slice.
const MAX_SLICE_VALUES = 50;

/** The slice columns (not the compared predictions), per compared row. */
function sliceColumns(dataset: Dataset, rows: Uint32Array | null, compared: ColumnInfo[]): SliceColumn[] {
  return dataset.columns
    .filter((c) => c.role === 'slice' && !compared.includes(c) && dataset.codes[c.index] && dataset.dictionaries[c.index]!.length <= MAX_SLICE_VALUES)
    .map((c) => {
      const codes = dataset.codes[c.index]!;
      return { column: c.name, dictionary: dataset.dictionaries[c.index]!, codes: rows ? Int32Array.from(rows, (r) => codes[r]) : codes };
    });
}

/** Matched examples whose label differs between the files (by value): counted, the first ones listed. A's label is the one used. */
function labelMismatches(loadedA: CliLoadedFile, labelA: ColumnInfo, loadedB: CliLoadedFile, labelB: ColumnInfo, join: IdJoin, idsA: readonly string[], numeric: boolean): ComparisonInputs['labelMismatches'] {
  const text = (loaded: CliLoadedFile, column: ColumnInfo, row: number) => {
    const code = loaded.dataset.codes[column.index]![row];
    return code < 0 ? '' : loaded.dataset.dictionaries[column.index]![code];
  };
  const examples: LabelMismatch[] = [];
  let count = 0;
  for (let i = 0; i < join.rowsA.length; i++) {
    const [x, y] = [text(loadedA, labelA, join.rowsA[i]), text(loadedB, labelB, join.rowsB[i])];
    if (sameLabel(x, y, numeric)) continue;
    if (count++ < LISTED_IDS) examples.push({ id: idsA[join.rowsA[i]], labelA: x, labelB: y });
  }
  return { count, examples, checked: true };
}
