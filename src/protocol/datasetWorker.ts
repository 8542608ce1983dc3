/**
 * Messages between the extension host and the dataset worker thread, which owns the
 * columns of one label file: it loads, filters, sorts and reads windows of rows, so that
 * the extension host's event loop stays free.
 */
import type { LabelIssuesSection } from '../core/audit/labelIssuesSection';
import type { LabelFixEffect } from '../core/annotations/labelFixEffect';
import type { ColumnInfo } from '../core/dataset/dataset';
import type { CsvProblem } from '../core/csv/scanner';
import type { TagAnalysis } from '../core/errorAnalysis/analyzeTags';
import type { TagWeights } from '../core/errorAnalysis/tagMetrics';
import type { AuditReport, SliceReport } from '../core/audit/auditReport';
import type { DataChecksSection } from '../core/audit/dataChecksSection';
import type { MetricsWithScoreCells } from '../core/audit/scoreCells';
import type { ThresholdMetrics } from '../core/metrics/ranking';
import type { AgreementSummary } from '../core/agreement/summary';
import type { HlpOfSlice } from '../core/agreement/agreementDetails';
import type { FileLoadOptionsMessage, LabelIssuesSummary, RowLabelIssue, RowReview, TableFilter, TableSort } from './labelTable';

export interface WorkerRow {
  row: number;
  key: string;
  cells: string[];
  /** The tags written in the file's tags column. */
  fileTags: string[];
  error: boolean | null;
  line: number;
  review?: RowReview;
  labelIssue?: RowLabelIssue;
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
  /** Likely label errors, when the file has per-class probability columns. */
  labelIssues: LabelIssuesSummary | null;
}

export interface ViewSummary {
  count: number;
  total: number;
  errors: number;
  taggedErrors: number;
  /** Likely label errors not yet decided in review (when there are probabilities). */
  openIssues?: number;
}

/** What each request carries, by its type. */
export interface WorkerPayloads {
  load: { path: string; options: FileLoadOptionsMessage };
  setAnnotations: { entries: [string, string[] | null][] };
  fileTags: { keys: string[] };
  view: { filter: TableFilter; sort: TableSort | null };
  rows: { start: number; count: number };
  viewKeys: { limit: number };
  tagAnalysis: { weights: Record<string, Partial<TagWeights>> };
  keysWithTag: { tag: string };
  exportRows: { keys: string[]; path: string };
  modelMetrics: { positive?: string; threshold?: number };
  threshold: { threshold: number };
  sliceAudit: { names?: string[]; margin: number; pairs: boolean };
  /** `replicates`: bootstrap resamples for alpha's interval (setting loupe.agreement.bootstrapResamples; 0 skips it). */
  agreement: { bySlice: boolean; replicates?: number };
  keysMatching: { filter: TableFilter; limit: number };
  keysAt: { ranges: [number, number][] };
  exportTaggedCopy: { notes: [string, string][]; path: string };
  useJudgements: { path: string | null };
  useOwnLongFormat: Record<never, never>;
  nextUntaggedError: { from: number };
  setReviewed: { keys: string[] };
  applyLabelFixes: { fixes: [string, string][]; path: string };
  labelFixEffect: { fixes: [string, string][] };
  auditReport: { file: string; date: string; command: string; weights: Record<string, Partial<TagWeights>>; positive?: string; margin?: number };
  /** Duplicates, conflicts and leakage; `file` is the label file's path (media paths are read relative to it, inside `root`, when `hashMedia`). */
  dataChecks: { file: string; root: string; hashMedia: boolean };
  /** Likely label errors (confident learning) for the Label Issues view: the `top` lowest self-confidence. */
  labelIssuesView: { positive?: string; top: number };
  /** The position of a 0-based row in the current view, or -1 when the filter hides it. */
  positionOfRow: { row: number };
  close: Record<never, never>;
}

export type WorkerRequestType = keyof WorkerPayloads;

/** One request of type K, as the worker's handler receives it. */
export type RequestOf<K extends WorkerRequestType> = { id: number; type: K } & WorkerPayloads[K];

export type WorkerRequest = { [K in WorkerRequestType]: RequestOf<K> }[WorkerRequestType];

/** Cancels the load in progress (no reply). */
export interface CancelMessage {
  type: 'cancel';
}

export type HostToWorker = WorkerRequest | CancelMessage;

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
  /** With `scoreCells` when binary with a score column. */
  modelMetrics: MetricsWithScoreCells;
  threshold: ThresholdMetrics;
  sliceAudit: SliceReport;
  auditReport: AuditReport;
  /** Null when the file has no input column. */
  dataChecks: DataChecksSection | null;
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
  labelFixEffect: LabelFixEffect;
  /** Null when the file has no per-class probability columns (nor a binary score read as a probability). */
  labelIssuesView: LabelIssuesSection | null;
  positionOfRow: number;
  close: null;
}

export type ResultOf<K extends WorkerRequestType> = WorkerResults[K];

/** The worker's answer to every request type: a changed result type fails to compile here and at the host. */
export type WorkerHandlers = { [K in WorkerRequestType]: (request: RequestOf<K>) => Promise<ResultOf<K>> };

/** Messages the worker posts without being asked. */
export type WorkerNotice =
  | { type: 'head'; columns: ColumnInfo[]; keyColumn: string | null; rows: WorkerRow[]; totalBytes: number }
  | { type: 'progress'; bytesRead: number; totalBytes: number; rows: number; task: 'load' | 'scan' }
  /** Problems found after the load (ids that repeat), with all the file's problems. */
  | { type: 'problems'; problems: CsvProblem[]; problemCount: number };

/** The answer to request `id`: its result (typed by the request's type at the host), or why it failed. */
export type WorkerReply = { type: 'result'; id: number; result: ResultOf<WorkerRequestType> } | { type: 'failure'; id: number; code: FailureCode; message: string };

/** Why a request failed: the user cancelled it, or it could not be done (the message says why). */
export type FailureCode = 'cancelled' | 'failed';

export type WorkerEvent = WorkerNotice | WorkerReply;

export interface AgreementView {
  summary: AgreementSummary;
  categories: string[];
  /** Labeler-vs-labeler confusion (symmetric, counts of judgement pairs), K × K. */
  confusion: number[][] | null;
  consensus: { labeled: number; tied: number; disagreements: number };
  /** HLP per value of each slice column (`core/agreement/agreementDetails.ts`). */
  hlpBySlice: HlpOfSlice[];
}


