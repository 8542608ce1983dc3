/**
 * A seeded, stratified (optionally grouped) split of a loaded label file written as one more
 * column of a new file (DOMAIN.md §5), for the Split Dataset command; the input is never written.
 */
import type { SplitOptions } from '../core/splits/splitOptions';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { columnByRole } from '../core/dataset/dataset';
import { countClassBalance, splitRows, SplitError, type ClassBalance, type SplitSummary } from '../core/splits/splitRows';
import { readCodedColumn } from './codedColumn';
import type { LoadedFile } from './loadDataset';
import { ColumnWriteError, writeWithColumn } from './writeWithColumn';

export type SplitFileOptions = SplitOptions;

export interface SplitFileResult {
  summary: SplitSummary;
  balance: ClassBalance;
  /** The column whose classes `balance` counts. */
  classColumn: string | null;
  rows: number;
}

export type SplitFileErrorCode = 'noColumn' | 'columnExists' | 'notUtf8' | 'isInput' | 'outputExists' | 'badOptions' | 'longRecord';

export class SplitFileError extends Error {
  constructor(
    readonly code: SplitFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SplitFileError';
  }
}

export async function splitLoadedFile(file: string, loaded: LoadedFile, options: SplitFileOptions): Promise<SplitFileResult> {
  if (loaded.encoding !== 'utf-8') throw new SplitFileError('notUtf8', `${path.basename(file)} is ${loaded.encoding}: a split copies UTF-8 files byte for byte only (save it as UTF-8 first)`);
  await checkOutput(file, options.out);
  const { dataset } = loaded;
  const existing = dataset.columns.findIndex((c) => c.name === options.column);
  if (existing >= 0 && !options.overwriteColumn) throw new SplitFileError('columnExists', `${path.basename(file)} already has a column "${options.column}"`);
  const coded = async (name: string | null) => (name === null ? undefined : readCodedColumn(loaded, indexOf(loaded, name)));
  const [label, slice, group] = [await coded(options.stratify.label), await coded(options.stratify.slice), await coded(options.group)];
  const result = runSplit({ rowCount: dataset.rowCount, ratios: options.ratios, names: options.names, seed: options.seed, label, slice, group });
  const classColumn = options.stratify.label ?? columnByRole(dataset, 'label')?.name ?? null;
  const classes = label ?? (classColumn === null ? undefined : await coded(classColumn));
  const balance = countClassBalance(result.summary.names, options.ratios, result.assignment, classes);
  try {
    await writeWithColumn(file, dataset, options.out, { name: options.column, valueOf: (row) => result.summary.names[result.assignment[row]], replace: existing >= 0 ? existing : undefined, overwrite: options.overwriteFile });
  } catch (error) {
    if (error instanceof ColumnWriteError) throw new SplitFileError(error.code, error.code === 'outputExists' ? `${options.out} exists` : `${path.basename(file)}: ${error.message}`);
    throw error;
  }
  return { summary: result.summary, balance, classColumn, rows: dataset.rowCount };
}

function runSplit(input: Parameters<typeof splitRows>[0]): ReturnType<typeof splitRows> {
  try {
    return splitRows(input);
  } catch (error) {
    if (error instanceof SplitError) throw new SplitFileError('badOptions', error.message);
    throw error;
  }
}

function indexOf(loaded: LoadedFile, name: string): number {
  const index = loaded.dataset.columns.findIndex((c) => c.name === name);
  if (index < 0) throw new SplitFileError('noColumn', `no column "${name}" (columns: ${loaded.dataset.columns.map((c) => c.name).join(', ')})`);
  return index;
}

/** The output is never the input, even through a link. */
async function checkOutput(file: string, out: string): Promise<void> {
  const [input, output] = await Promise.all([fileIdentity(file), fileIdentity(out)]);
  if (path.resolve(file) === path.resolve(out) || (input !== null && input === output)) throw new SplitFileError('isInput', `${out} is the input file: a split never rewrites its input; choose a new file`);
}

/** A file's device and inode (`dev:ino`), to tell a link to it from another file; null when it does not exist. */
export async function fileIdentity(file: string): Promise<string | null> {
  try {
    const stat = await fs.stat(file);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}
