/**
 * Messages between the label table webview and the extension host: one union per
 * direction. What the webview sends is validated with zod on arrival (`parseTableRequest`):
 * the host writes files, so it trusts nothing it did not check.
 */
import { z } from 'zod';
import { dataRecord } from '../core/config/dataRecord';
import { COLUMN_ROLES } from '../core/dataset/roles';
import type { LabelIssuesSummary, RowLabelIssue } from '../core/labelIssues/tableView';
import { COMPARISON_KINDS } from '../core/modelComparison/rowOutcomes';
import { mediaKindOf, type MediaKind } from '../core/media/mediaKind';

export interface TableColumn {
  index: number;
  name: string;
  role: (typeof COLUMN_ROLES)[number];
  kind: 'key' | 'text' | 'categorical' | 'numeric';
}

export interface TableProblem {
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

/** Load settings the user can change (stored in .loupe/config.json). */
/** The delimiters a user can choose for a file. */
export const DELIMITER_CHOICES = [',', '\t', ';', '|'] as const;
export type DelimiterChoice = (typeof DELIMITER_CHOICES)[number];

export interface FileLoadOptionsMessage {
  delimiter?: DelimiterChoice;
  encoding?: string;
  roles?: Record<string, (typeof COLUMN_ROLES)[number]>;
  /** The positive class saved for the file: binary data's score column is P(this class) for likely label errors. */
  positiveClass?: string;
}

/** What the labelers said about a row (when the file has labelers). */
export interface RowReview {
  labels: { labeler: string; label: string }[];
  /** The consensus label; `null` when the labelers tie or nobody labeled. */
  consensus: string | null;
  tie: boolean;
  agreement: number | null;
}

export type { LabelIssuesSummary, RowLabelIssue } from '../core/labelIssues/tableView';

/** Columns the table derives (no column of the file): sortable like the others. */
export const DERIVED_COLUMNS = ['labelQuality', 'suggestedLabel'] as const;
export type DerivedColumn = (typeof DERIVED_COLUMNS)[number];

export interface TableRow {
  /** Position of the row in the file's data rows (0-based). */
  row: number;
  /** The annotation key: the id, or the 1-based row number when there is no id column. */
  key: string;
  cells: string[];
  tags: string[];
  note: string;
  /** `true` misclassified, `false` correct, `null` unknown. */
  error: boolean | null;
  line: number;
  review?: RowReview;
  /** The label decided in review (a label fix), if any. */
  fixedLabel?: string;
  ambiguous?: boolean;
  labelIssue?: RowLabelIssue;
}

export interface TableTag {
  name: string;
  /** Rows carrying the tag, when known. */
  count: number;
  /** The key (1-9) that toggles the tag, kept in tags.json; null when it has none. */
  key: string | null;
  /** Loupe's tags (tags.json, the sidecar), the file's tags column, or both. */
  source?: 'loupe' | 'file' | 'both';
}

/**
 * Where a media cell's file is: a URI the webview may load (`webview.asWebviewUri`), or why
 * it cannot be shown (not found, or outside the workspace), with a message naming the path.
 */
/** The longest path a page may ask about (`openPath`, `resolveMedia`); a longer cell is text. */
export const MAX_PATH_CHARS = 4096;

export type MediaLocation = { state: 'ready'; kind: MediaKind; uri: string } | { state: 'missing' | 'outside'; message: string };

/** The table's settings: columns searched and columns hidden until the user shows them (by name; empty: none chosen). */
export interface TableDefaults {
  searchColumns: string[];
  hiddenColumns: string[];
}

export type HostToTable =
  | {
      type: 'init';
      fileName: string;
      columns: TableColumn[];
      keyColumn: string | null;
      readonly: boolean;
      /** Settings read where the table applies them (loupe.table.*). */
      defaults: TableDefaults;
    }
  | { type: 'progress'; bytesRead: number; totalBytes: number; rows: number }
  | {
      type: 'loaded';
      rows: number;
      problems: TableProblem[];
      problemCount: number;
      hasOutcomes: boolean;
      hasLabelers: boolean;
      /** The file's rows are judgements (example, annotator, label): the Consistency view can read them. */
      looksLong: boolean;
      delimiter: string;
      encoding: string;
      categories: Record<number, string[]>;
      /** Null when the file has no per-class probability columns (or no label). */
      labelIssues: LabelIssuesSummary | null;
    }
  | { type: 'missingKeys'; count: number; sample: string[] }
  | { type: 'busy'; message: string | null }
  /** `review`: start review mode on the rows of this filter ("Review disagreements"). */
  | { type: 'applyFilter'; filter: TableFilter; review?: boolean }
  | { type: 'goTo'; version: number; position: number }
  | { type: 'reviewClasses'; classes: string[]; ambiguousClass: string | null; classNotes: Record<string, string> }
  | { type: 'loadFailed'; message: string }
  | { type: 'view'; version: number; count: number; total: number; errors: number; taggedErrors: number; openIssues?: number }
  | { type: 'rows'; requestId: number; version: number; start: number; rows: TableRow[] }
  | { type: 'tags'; tags: TableTag[] }
  | { type: 'annotationsChanged' }
  | { type: 'sidecarProblems'; file: string; problems: TableProblem[] }
  | { type: 'media'; requestId: number; path: string; location: MediaLocation }
  /** A table key pressed (a `loupe.table.*` keybinding) or its command run from the palette. */
  | { type: 'command'; name: TableCommand }
  /** The answer to a `focus` message: the table's keybindings are live (`on`) for this page, once the workbench knows it has the focus. */
  | { type: 'keys'; seq: number; on: boolean };

/**
 * The table's actions contributed as `loupe.table.*` commands with keybindings (Keyboard Shortcuts
 * lists them, a user can rebind them). Moving keys, Enter, Escape, digits and review decisions stay
 * in the page: they depend on the cursor and the mode.
 */
export const TABLE_COMMANDS = ['tag', 'tagView', 'nextError', 'misclassified', 'disagree', 'likelyError', 'detail', 'play', 'search', 'review', 'thumbnails'] as const;
export type TableCommand = (typeof TABLE_COMMANDS)[number];

const text = z.string().max(10_000);
export const tableFilterSchema = z.object({
  misclassified: z.boolean().optional(),
  disagree: z.boolean().optional(),
  tagged: z.enum(['any', 'none']).optional(),
  tag: text.optional(),
  columns: z.array(z.object({ column: z.number().int().nonnegative(), values: z.array(text).max(10_000), byClass: z.boolean().optional() })).max(50).optional(),
  score: z.object({ min: z.number().optional(), max: z.number().optional() }).optional(),
  search: text.optional(),
  /** The columns the search looks in, by name (setting loupe.table.searchColumns); absent: every text column. */
  searchColumns: z.array(text).max(200).optional(),
  /** Labelers tie on the top label. */
  tie: z.boolean().optional(),
  /** Share of labelers giving the modal label below this. */
  agreementBelow: z.number().min(0).max(1).optional(),
  /** One labeler said a and another b. */
  pair: z.tuple([text, text]).optional(),
  /** Rows with a label fix or an "ambiguous" mark from review. */
  reviewed: z.boolean().optional(),
  /** Rows whose input repeats another row's, with conflicting labels, or across splits. */
  dataCheck: z.enum(['duplicate', 'conflicting', 'leaked']).optional(),
  /** Likely label errors (confident learning) not yet decided in review. */
  likelyError: z.boolean().optional(),
  /** Rows where column `b` (predictions B) fixed, broke or changed the prediction column's (A) answer; optionally only rows of one label class. */
  comparison: z.object({ b: z.number().int().nonnegative(), kind: z.enum(COMPARISON_KINDS), labelClass: text.optional() }).optional(),
});
export type TableFilter = z.infer<typeof tableFilterSchema>;

/** A column of the file by index, or a derived column by name. */
export const tableSortSchema = z.object({ column: z.union([z.number().int().nonnegative(), z.enum(DERIVED_COLUMNS)]), descending: z.boolean() });
export type TableSort = z.infer<typeof tableSortSchema>;

const tagName = z.string().trim().min(1).max(200);
const keys = z.array(z.string().max(10_000)).min(1).max(1_000_000);

export const tableToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('requestRows'),
    requestId: z.number().int(),
    version: z.number().int(),
    start: z.number().int().nonnegative(),
    count: z.number().int().nonnegative().max(2000),
  }),
  z.object({ type: z.literal('setView'), filter: tableFilterSchema, sort: tableSortSchema.nullable(), keepRow: z.number().int().nonnegative().optional() }),
  z.object({ type: z.literal('toggleTag'), keys, tag: tagName, on: z.boolean() }),
  z.object({ type: z.literal('setNote'), key: z.string().max(10_000), note: z.string().max(100_000) }),
  z.object({
    type: z.literal('tagSelection'),
    version: z.number().int(),
    ranges: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).min(1).max(10_000),
    tag: tagName,
    on: z.boolean(),
  }),
  z.object({ type: z.literal('tagView'), tag: tagName, on: z.boolean() }),
  z.object({ type: z.literal('nextUntaggedError'), version: z.number().int(), from: z.number().int().min(-1) }),
  z.object({ type: z.literal('cancelLoad') }),
  z.object({ type: z.literal('openPath'), path: z.string().min(1).max(MAX_PATH_CHARS) }),
  /** Where the clip or picture a cell names is; only paths with a media extension are answered. */
  z.object({
    type: z.literal('resolveMedia'),
    requestId: z.number().int(),
    path: z.string().min(1).max(MAX_PATH_CHARS).refine((p) => mediaKindOf(p) !== null, 'not an image or audio path'),
  }),
  z.object({ type: z.literal('showErrorAnalysis') }),
  z.object({ type: z.literal('showMetrics') }),
  z.object({ type: z.literal('showAgreement') }),
  /** The grid has (or lost) the keyboard focus: the host sets the `loupe.tableFocus` context key, then answers `keys`. */
  z.object({ type: z.literal('focus'), focused: z.boolean(), seq: z.number().int().nonnegative() }),
  z.object({ type: z.literal('review'), keys, label: z.string().max(1000).nullable().optional(), ambiguous: z.boolean().optional() }),
  z.object({
    type: z.literal('changeSettings'),
    roles: dataRecord(z.enum(COLUMN_ROLES)).optional(),
    delimiter: z.enum(DELIMITER_CHOICES).optional(),
    encoding: z.string().max(100).optional(),
  }),
]);
export type TableToHost = z.infer<typeof tableToHostSchema>;

/** Validates a message from the webview; `undefined` (and no effect) when it does not match. */
export function parseTableRequest(message: unknown): TableToHost | undefined {
  const parsed = tableToHostSchema.safeParse(message);
  return parsed.success ? parsed.data : undefined;
}
