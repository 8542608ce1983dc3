import type { CodedColumn } from '../core/dataChecks/values';
import { readCodedColumn } from '../node/codedColumn';
import { scanColumn } from '../node/scanColumn';
import { CliError } from './cliError';
import type { CliLoadedFile } from './loadForCli';

/** The index of a column named on the command line; an error that lists the columns otherwise. */
export function columnNamed(loaded: CliLoadedFile, name: string, flag: string): number {
  const index = loaded.dataset.columns.findIndex((c) => c.name === name);
  if (index < 0) throw new CliError(`${flag} ${name}: no such column (columns: ${loaded.dataset.columns.map((c) => c.name).join(', ')})`);
  return index;
}

/**
 * A column as dictionary codes, whatever its kind: categorical columns as loaded, other
 * columns (ids, text, numbers) read from the file once. Values are keyed in a `Map`.
 */
export async function codedColumn(loaded: CliLoadedFile, index: number): Promise<CodedColumn> {
  try {
    return await readCodedColumn(loaded, index);
  } catch (error) {
    throw new CliError(`${loaded.rowSource}: cannot be read (${(error as Error).message})`);
  }
}

/** Every row's cell of one column, as text (from the UTF-8 copy when the file was transcoded). */
export async function readColumn(loaded: CliLoadedFile, index: number, onValue: (row: number, value: string) => void): Promise<void> {
  try {
    await scanColumn(loaded.rowSource, loaded.dataset, index, onValue);
  } catch (error) {
    throw new CliError(`${loaded.rowSource}: cannot be read (${(error as Error).message})`);
  }
}
