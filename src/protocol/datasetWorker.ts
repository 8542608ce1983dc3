/**
 * Messages between the extension host and the dataset worker thread, which owns the
 * columns of one label file: it loads, filters, sorts and reads windows of rows, so that
 * the extension host's event loop stays free.
 */
import type { ColumnInfo } from '../core/dataset/dataset';
import type { CsvProblem } from '../core/csv/scanner';
import type { TagAnalysis } from '../core/errorAnalysis/analyzeTags';
import type { TagWeights } from '../core/errorAnalysis/tagMetrics';
import type { AuditReport, SliceReport } from '../core/audit/auditReport';
import type { ModelMetrics } from '../core/audit/modelMetrics';
import type { ThresholdMetrics } from '../core/metrics/ranking';
import type { AgreementSummary } from '../core/agreement/summary';
import type { FileLoadOptionsMessage, RowReview, TableFilter, TableSort } from './labelTable';

export interface WorkerRow {
  row: number;
  key: string;
  cells: string[];
  /** The tags written in the file's tags column. */
  fileTags: string[];
  error: boolean | null;
  line: number;
  review?: RowReview;
}

export interface LoadSummary {
  rows: number;
  columns: ColumnInfo[];
  keyColumn: string | null;
  delimiter: string;
  problems: CsvProblem[];
  problemCount: number;
  hasOutcomes: boolean;
  hasLabelers: boolean;
  byteLength: number;
  encoding: string;
  /** Tags found in the file's tags column. */
  fileTagNames: string[];
  /** Values of each categorical column (for filter pickers), by column index. */
  categories: Record<number, string[]>;
}

export interface ViewSummary {
  count: number;
  total: number;
  errors: number;
  taggedErrors: number;
}

export type WorkerRequest =
  | { id: number; type: 'load'; path: string; options: FileLoadOptionsMessage }
  | { id: number; type: 'setAnnotations'; entries: [string, string[] | null][] }
  | { id: number; type: 'fileTags'; keys: string[] }
  | { id: number; type: 'view'; filter: TableFilter; sort: TableSort | null }
  | { id: number; type: 'rows'; start: number; count: number }
  | { id: number; type: 'viewKeys'; limit: number }
  | { id: number; type: 'tagAnalysis'; weights: Record<string, Partial<TagWeights>> }
  | { id: number; type: 'keysWithTag'; tag: string }
  | { id: number; type: 'exportRows'; keys: string[]; path: string }
  | { id: number; type: 'modelMetrics'; positive?: string; threshold?: number }
  | { id: number; type: 'threshold'; threshold: number }
  | { id: number; type: 'sliceAudit'; names?: string[]; margin: number; pairs: boolean }
  | { id: number; type: 'agreement'; bySlice: boolean }
  | { id: number; type: 'keysMatching'; filter: TableFilter; limit: number }
  | { id: number; type: 'keysAt'; ranges: [number, number][] }
  | { id: number; type: 'exportTaggedCopy'; notes: [string, string][]; path: string }
  | { id: number; type: 'useJudgements'; path: string | null }
  | { id: number; type: 'useOwnLongFormat' }
  | { id: number; type: 'nextUntaggedError'; from: number }
  | { id: number; type: 'setReviewed'; keys: string[] }
  | { id: number; type: 'applyLabelFixes'; fixes: [string, string][]; path: string }
  | { id: number; type: 'auditReport'; file: string; date: string; command: string; weights: Record<string, Partial<TagWeights>>; positive?: string; margin?: number }
  | { id: number; type: 'close' };

export type WorkerRequestType = WorkerRequest['type'];

export interface WorkerResults {
  load: LoadSummary;
  /** Annotated keys that no row of the file has (kept in the sidecar, reported to the user). */
  setAnnotations: { missingKeys: string[] };
  /** Keyed by row key: built with no prototype in the worker; read with Object.hasOwn. */
  fileTags: Record<string, string[]>;
  view: ViewSummary;
  rows: WorkerRow[];
  viewKeys: string[];
  tagAnalysis: TagAnalysis;
  keysWithTag: string[];
  /** Rows written. */
  exportRows: number;
  modelMetrics: ModelMetrics;
  threshold: ThresholdMetrics;
  sliceAudit: SliceReport;
  auditReport: AuditReport;
  agreement: AgreementView | null;
  keysMatching: string[];
  keysAt: string[];
  exportTaggedCopy: number;
  /** Items of the file that matched rows, and those that did not; null: back to the labeler columns. */
  useJudgements: { items: number; matched: number; unmatched: number; labelers: number; format: string } | null;
  /** The open file read as long-format judgements (its rows are judgements, not examples). */
  useOwnLongFormat: { items: number; labelers: number };
  /** A view position, or -1. */
  nextUntaggedError: number;
  setReviewed: null;
  applyLabelFixes: { changed: number; missing: string[] };
  close: null;
}

export type WorkerEvent =
  | { type: 'head'; columns: ColumnInfo[]; keyColumn: string | null; rows: WorkerRow[]; totalBytes: number }
  | { type: 'progress'; bytesRead: number; totalBytes: number; rows: number; task: 'load' | 'scan' }
  /** Problems found after the load (ids that repeat), with all the file's problems. */
  | { type: 'problems'; problems: CsvProblem[]; problemCount: number }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'failure'; id: number; message: string };

export interface AgreementView {
  summary: AgreementSummary;
  categories: string[];
  /** Labeler-vs-labeler confusion (symmetric, counts of judgement pairs), K × K. */
  confusion: number[][] | null;
  consensus: { labeled: number; tied: number; disagreements: number };
  /** HLP per value of each slice column. */
  hlpBySlice: { column: string; value: string; hlp: number | null; items: number }[];
}

/** The load was cancelled by the user: not an error to show. */
export const CANCELLED = 'cancelled';
