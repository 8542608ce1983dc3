/** Filtering and sorting of rows into a view: the order the table shows. */
import type { Dataset } from './dataset';
import { OUTCOME_ERROR } from './outcome';
import { rankDictionary, sortRowsByNumber, sortRowsByRank } from './sortKeys';

export interface ViewFilter {
  misclassified?: boolean;
}

export interface ViewSort {
  column: number;
  descending: boolean;
}

export interface ViewInputs {
  dataset: Dataset;
  outcomes: Uint8Array | undefined;
}

/** Rows that pass every filter (AND), in file order. */
export function filterRows(inputs: ViewInputs, filter: ViewFilter): Uint32Array {
  const { dataset, outcomes } = inputs;
  const n = dataset.rowCount;
  if (!filter.misclassified) return identity(n);
  if (!outcomes) return new Uint32Array(0);
  let count = 0;
  for (let i = 0; i < n; i++) if (outcomes[i] === OUTCOME_ERROR) count++;
  const out = new Uint32Array(count);
  let k = 0;
  for (let i = 0; i < n; i++) if (outcomes[i] === OUTCOME_ERROR) out[k++] = i;
  return out;
}

/** Sorts rows by a column (stable). Columns without typed values keep file order. */
export function sortRows(dataset: Dataset, rows: Uint32Array, sort: ViewSort | undefined): Uint32Array {
  if (!sort) return rows;
  const numbers = dataset.numbers[sort.column];
  if (numbers) return sortRowsByNumber(rows, numbers, sort.descending);
  const codes = dataset.codes[sort.column];
  const dictionary = dataset.dictionaries[sort.column];
  if (codes && dictionary) {
    const ranks = rankDictionary(dictionary);
    const rowRanks = new Int32Array(codes.length);
    for (let i = 0; i < codes.length; i++) rowRanks[i] = codes[i] < 0 ? -1 : ranks[codes[i]];
    return sortRowsByRank(rows, rowRanks, dictionary.length, sort.descending);
  }
  if (sort.descending) return rows.slice().reverse();
  return rows;
}

export function identity(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
