/**
 * Messages between the extension host and the dataset worker thread, which owns the
 * columns of one label file: it loads, filters, sorts and reads windows of rows, so that
 * the extension host's event loop stays free.
 */
import type { ColumnInfo } from '../core/dataset/dataset';
import type { LoadOptions } from '../core/dataset/loader';
import type { CsvProblem } from '../core/csv/scanner';
import type { TableFilter, TableSort } from './labelTable';

export interface WorkerRow {
  row: number;
  key: string;
  cells: string[];
  error: boolean | null;
  line: number;
}

export interface LoadSummary {
  rows: number;
  columns: ColumnInfo[];
  keyColumn: string | null;
  problems: CsvProblem[];
  problemCount: number;
  hasOutcomes: boolean;
  byteLength: number;
  encoding: string;
}

export interface ViewSummary {
  count: number;
  total: number;
  errors: number;
  taggedErrors: number;
}

export type WorkerRequest =
  | { id: number; type: 'load'; path: string; options: Pick<LoadOptions, 'delimiter' | 'delimiterHint' | 'roles'> }
  | { id: number; type: 'setTagged'; keys: string[] }
  | { id: number; type: 'view'; filter: TableFilter; sort: TableSort | null }
  | { id: number; type: 'rows'; start: number; count: number }
  | { id: number; type: 'close' };

export type WorkerRequestType = WorkerRequest['type'];

export interface WorkerResults {
  load: LoadSummary;
  setTagged: null;
  view: ViewSummary;
  rows: WorkerRow[];
  close: null;
}

export type WorkerEvent =
  | { type: 'head'; columns: ColumnInfo[]; keyColumn: string | null; rows: WorkerRow[]; totalBytes: number }
  | { type: 'progress'; bytesRead: number; totalBytes: number; rows: number }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'failure'; id: number; message: string };

/** The load was cancelled by the user: not an error to show. */
export const CANCELLED = 'cancelled';
