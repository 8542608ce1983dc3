/**
 * What the table page knows, in four parts with one owner each: the file (from the host's
 * `init` and `loaded`), the current view (from `view` and `rows`), review mode, and the
 * user's layout choices (saved with the webview state).
 */
import type { LabelIssuesSummary, TableColumn, TableSort, TableTag } from '../../src/protocol/labelTable';
import { RowCache } from './rowCache';

/** The file as the host described it. */
export interface FileState {
  columns: TableColumn[];
  tags: TableTag[];
  loaded: boolean;
  hasOutcomes: boolean;
  hasLabelers: boolean;
  delimiter: string;
  categories: Record<number, string[]>;
  /** Likely label errors (confident learning), when the file has per-class probabilities. */
  labelIssues: LabelIssuesSummary | null;
  /** The file has probabilities but error-level problems: no likely-error figure is shown. */
  labelIssuesWithheld: boolean;
}

/** The filtered, sorted view on screen, and the rows held of it. */
export interface ViewState {
  /** Changes with every new view: replies for an older one are dropped. */
  version: number;
  count: number;
  total: number;
  errors: number;
  taggedErrors: number;
  /** Likely label errors not yet decided (undefined: no probabilities). */
  openIssues: number | undefined;
  /** A view was asked for (a filter or sort changed) and has not come back yet. */
  awaitingView: boolean;
  rows: RowCache;
  nextRequest: number;
}

/** Review mode: digits decide labels among these classes. */
export interface ReviewState {
  reviewing: boolean;
  /** The queue walked: labeler disagreements, or likely label errors by label quality. */
  queue: 'disagreements' | 'likelyErrors';
  classes: string[];
  ambiguousClass: string | null;
  classNotes: Record<string, string>;
}

/** The user's layout, saved with the webview state. */
export interface LayoutState {
  sort: TableSort | null;
  hidden: Set<number>;
  widths: Record<string, number>;
  /** The row to select when the first view arrives (restored after a reload). */
  initialSelection: number;
}

export function initialFileState(): FileState {
  return { columns: [], tags: [], loaded: false, hasOutcomes: false, hasLabelers: false, delimiter: ',', categories: {}, labelIssues: null, labelIssuesWithheld: false };
}

export function initialViewState(): ViewState {
  return { version: -1, count: 0, total: 0, errors: 0, taggedErrors: 0, openIssues: undefined, awaitingView: false, rows: new RowCache(), nextRequest: 1 };
}

export function initialReviewState(): ReviewState {
  return { reviewing: false, queue: 'disagreements', classes: [], ambiguousClass: null, classNotes: {} };
}
