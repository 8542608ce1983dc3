import type { CsvProblem, LineEndingCounts } from '../csv/scanner';
import type { ColumnKind, ColumnRole } from './roles';

export interface ColumnInfo {
  index: number;
  name: string;
  role: ColumnRole;
  kind: ColumnKind;
}

/**
 * A label file held as columns. Categorical columns are dictionary codes (-1 = empty),
 * numeric columns Float64 (NaN = empty), text stays in the file: `rowStarts` locates each
 * row's bytes so that only rows on screen are ever decoded.
 */
export interface Dataset {
  rowCount: number;
  columns: ColumnInfo[];
  /** Per column: codes for categorical columns, else null. */
  codes: (Int32Array | null)[];
  /** Per column: the dictionary of a categorical column, else null. */
  dictionaries: (string[] | null)[];
  /** Per column: values of a numeric column, else null. */
  numbers: (Float64Array | null)[];
  /** FNV-1a hash of the id column's bytes per row, when there is an id column. */
  keyHashes: Uint32Array | null;
  /** Byte offset where each row starts; entry `rowCount` is the end of the last row. */
  rowStarts: Float64Array;
  /** 1-based line where each row starts. */
  rowLines: Uint32Array;
  delimiter: number;
  /** Byte offset of the first data row. */
  dataStart: number;
  byteLength: number;
  problems: CsvProblem[];
  problemTotals: Record<string, number>;
  lineEndings: LineEndingCounts;
}

export function columnByRole(dataset: { columns: ColumnInfo[] }, role: ColumnRole): ColumnInfo | undefined {
  return dataset.columns.find((c) => c.role === role);
}

export function columnsByRole(dataset: { columns: ColumnInfo[] }, role: ColumnRole): ColumnInfo[] {
  return dataset.columns.filter((c) => c.role === role);
}
