import type { CodedColumn } from '../core/dataChecks/values';
import type { LoadedFile } from './loadDataset';
import { scanColumn } from './scanColumn';

/**
 * A column as dictionary codes, whatever its kind: categorical columns as loaded, other
 * columns (ids, text, numbers) read from the file once. Values are keyed in a `Map`.
 */
export async function readCodedColumn(loaded: Pick<LoadedFile, 'dataset' | 'rowSource'>, index: number): Promise<CodedColumn> {
  const { dataset } = loaded;
  const codes = dataset.codes[index];
  const dictionary = dataset.dictionaries[index];
  if (codes && dictionary) return { codes, dictionary };
  const out = new Int32Array(dataset.rowCount).fill(-1);
  const values: string[] = [];
  const codeOf = new Map<string, number>();
  await scanColumn(loaded.rowSource, dataset, index, (row, value) => {
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
