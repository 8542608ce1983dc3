import type { CodedColumn } from '../core/dataChecks/values';
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
  const { dataset } = loaded;
  const codes = dataset.codes[index];
  const dictionary = dataset.dictionaries[index];
  if (codes && dictionary) return { codes, dictionary };
  const out = new Int32Array(dataset.rowCount).fill(-1);
  const values: string[] = [];
  const codeOf = new Map<string, number>();
  await readColumn(loaded, index, (row, value) => {
    if (row >= out.length || value.trim() === '') return;
    let code = codeOf.get(value);
    if (code === undefined) {
      code = values.length;
      codeOf.set(value, code);
      values.push(value);
    }
    out[row] = code;
  });
  return { codes: out, dictionary: values };
}

/** Every row's cell of one column, as text (from the UTF-8 copy when the file was transcoded). */
export async function readColumn(loaded: CliLoadedFile, index: number, onValue: (row: number, value: string) => void): Promise<void> {
  try {
    await scanColumn(loaded.rowSource, loaded.dataset, index, onValue);
  } catch (error) {
    throw new CliError(`${loaded.rowSource}: cannot be read (${(error as Error).message})`);
  }
}
