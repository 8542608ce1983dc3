/** Worker thread entry: owns one label file's columns and answers the host's requests. */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { splitTagCell } from '../core/annotations/annotations';
import { emptyRecord } from '../core/config/dataRecord';
import { columnByRole, type ColumnInfo } from '../core/dataset/dataset';
import { computeOutcomes, OUTCOME_CORRECT, OUTCOME_ERROR } from '../core/dataset/outcome';
import { RowTags } from '../core/dataset/rowTags';
import { filterRows, identity, sortRows, type ViewFilter } from '../core/dataset/view';
import { scoreLeaveOneOut, summarizeHlp, type LeaveOneOutScores } from '../core/agreement/labelers';
import { computeAmbiguity, itemsConfusing } from '../core/agreement/ambiguity';
import { computeConsensus, TIE, type ItemConsensus } from '../core/agreement/consensus';
import { judgementsOfDataset } from '../core/agreement/fromDataset';
import type { Judgements } from '../core/agreement/judgements';
import { summarizeAgreement } from '../core/agreement/summary';
import { writeLabelFixes } from '../node/applyLabelFixes';
import { writeTaggedCopy } from '../node/exportTaggedCopy';
import { readExternalJudgements } from '../node/externalJudgements';
import { alignJudgements } from '../core/agreement/align';
import { analyzeTags, type TagAnalysis } from '../core/errorAnalysis/analyzeTags';
import { TagSetCounts, type TagWeights } from '../core/errorAnalysis/tagMetrics';
import { loadDatasetFile, releaseLoadedFile, reportDuplicateIds, type LoadedFile } from '../node/loadDataset';
import { auditDatasetSlices, type AuditReport, type SliceReport } from '../core/audit/auditReport';
import { buildAuditReport } from '../core/audit/buildAudit';
import { computeModelMetricsAndCurve, resolveMetricColumns, type ModelMetrics, type ResolvedColumns } from '../core/audit/modelMetrics';
import { metricsAtThreshold, type ScoreCurve, type ThresholdMetrics } from '../core/metrics/ranking';
import { RowReader } from '../node/rowReader';
import { writeRowsAsInFile } from '../node/exportRows';
import { readColumn, searchColumn } from '../node/scanColumn';
import type { FileLoadOptionsMessage, RowReview, TableSort } from '../protocol/labelTable';
import { CANCELLED, type AgreementView, type LoadSummary, type WorkerResults, type ViewSummary, type WorkerEvent, type WorkerRequest, type WorkerRow } from '../protocol/datasetWorker';
import { KeyIndex } from '../core/dataset/keyIndex';

interface State {
  file: LoadedFile;
  reader: RowReader;
  keys: KeyIndex;
  outcomes: Uint8Array | undefined;
  tags: RowTags;
  view: Uint32Array;
  /** Caches of what needs a pass over the file. */
  search: { needle: string; matches: Uint8Array } | undefined;
  text: Map<number, string[]>;
  agreement: LeaveOneOutScores | undefined | null;
  curve: ScoreCurve | undefined;
  judgements: Judgements | undefined;
  /** Judgements whose items are not this file's rows (the file itself is in long format). */
  standalone: Judgements | undefined;
  tagCounts: TagSetCounts | undefined;
  overallHlp: number | null;
  consensus: ItemConsensus | undefined;
  reviewedRows: Uint8Array;
  pair: { key: string; matches: Uint8Array } | undefined;
}

let state: State | undefined;
let abort: AbortController | undefined;
const port = parentPort!;

function post(event: WorkerEvent): void {
  port.postMessage(event);
}

port.on('message', (message: WorkerRequest | { type: 'cancel' }) => {
  if (message.type === 'cancel') {
    abort?.abort();
    return;
  }
  handle(message).then(
    (result) => post({ type: 'result', id: message.id, result }),
    (error: unknown) => post({ type: 'failure', id: message.id, message: error instanceof Error ? error.message : String(error) }),
  );
});

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.type) {
    case 'load':
      return load(request.path, request.options);
    case 'setAnnotations':
      return setAnnotations(request.entries);
    case 'fileTags':
      return fileTags(request.keys);
    case 'view':
      return view(request.filter, request.sort);
    case 'rows':
      return rows(request.start, request.count);
    case 'viewKeys':
      return viewKeys(request.limit);
    case 'tagAnalysis':
      return tagAnalysis(request.weights);
    case 'keysWithTag':
      return keysWithTag(request.tag);
    case 'exportRows':
      return exportRows(request.keys, request.path);
    case 'modelMetrics':
      return modelMetrics(request.positive, request.threshold);
    case 'threshold':
      return threshold(request.threshold);
    case 'sliceAudit':
      return sliceAudit(request.names, request.margin, request.pairs);
    case 'auditReport':
      return auditReport(request);
    case 'agreement':
      return agreementView(request.bySlice);
    case 'keysMatching':
      return keysMatching(request.filter, request.limit);
    case 'keysAt':
      return keysAt(request.ranges);
    case 'useJudgements':
      return useJudgements(request.path);
    case 'useOwnLongFormat':
      return useOwnLongFormat();
    case 'exportTaggedCopy': {
      const s = requireState();
      return writeTaggedCopy(s.file.rowSource, s.file.dataset, s.tags, new Map(request.notes), request.path);
    }
    case 'nextUntaggedError':
      return nextUntaggedError(request.from);
    case 'setReviewed':
      return setReviewed(request.keys);
    case 'applyLabelFixes':
      return applyLabelFixes(request.fixes, request.path);
    case 'close':
      state?.reader.close();
      if (state) void releaseLoadedFile(state.file);
      state = undefined;
      return null;
  }
}

async function load(path: string, options: FileLoadOptionsMessage): Promise<LoadSummary> {
  abort = new AbortController();
  let file: LoadedFile;
  try {
    file = await loadDatasetFile(path, options, {
      signal: abort.signal,
      partWorker: join(__dirname, 'parsePartWorker.js'),
      // UTF-8 copies of other encodings go to the extension's storage (DatasetClient removes the folder).
      cacheDir: (workerData as { cacheDir?: string } | null)?.cacheDir,
      // Checked once the rows are on screen (below): it takes a pass over every id.
      checkIds: false,
      onHead: (head, totalBytes) => {
        const keyColumn = head.columns.find((c) => c.kind === 'key');
        const tagColumn = head.columns.find((c) => c.role === 'tags');
        const rows: WorkerRow[] = head.rows.map((cells, i) => ({
          row: i,
          key: keyColumn ? (cells[keyColumn.index] ?? '') : String(i + 1),
          cells: pad(cells, head.columns.length),
          fileTags: tagColumn ? splitTagCell(cells[tagColumn.index] ?? '') : [],
          error: null,
          line: head.lines[i],
        }));
        post({ type: 'head', columns: head.columns, keyColumn: keyColumn?.name ?? null, rows, totalBytes });
      },
      onProgress: (bytesRead, totalBytes, rowCount) => post({ type: 'progress', bytesRead, totalBytes, rows: rowCount, task: 'load' }),
    });
  } catch (error) {
    if (abort.signal.aborted) throw new Error(CANCELLED);
    throw error;
  }
  const { dataset } = file;
  const reader = new RowReader(file.rowSource, dataset);
  const keyIndex = dataset.columns.findIndex((c) => c.kind === 'key');
  const keys = new KeyIndex(dataset, (row) => reader.read([row])[0][keyIndex]);
  const outcomes = computeOutcomes(dataset);
  const judgements = judgementsOfDataset(dataset);
  const consensus = judgements ? computeConsensus(judgements) : undefined;
  const tags = new RowTags(dataset);
  state?.reader.close();
  if (state) void releaseLoadedFile(state.file);
  state = {
    file,
    reader,
    keys,
    outcomes,
    tags,
    view: identity(dataset.rowCount),
    search: undefined,
    text: new Map(),
    agreement: null,
    curve: undefined,
    judgements,
    consensus,
    reviewedRows: new Uint8Array(dataset.rowCount),
    tagCounts: undefined,
    overallHlp: null,
    standalone: undefined,
    pair: undefined,
  };
  setImmediate(() => checkIdsAfterLoad(file));
  return {
    rows: dataset.rowCount,
    columns: dataset.columns,
    keyColumn: dataset.columns[keyIndex]?.name ?? null,
    delimiter: String.fromCharCode(dataset.delimiter),
    problems: dataset.problems,
    problemCount: Object.values(dataset.problemTotals).reduce((a, b) => a + b, 0),
    hasOutcomes: outcomes !== undefined,
    hasLabelers: consensus !== undefined,
    byteLength: file.totalBytes,
    encoding: file.encoding,
    fileTagNames: [...tags.names],
    categories: categoriesOf(dataset.columns, dataset.dictionaries),
  };
}

function categoriesOf(columns: ColumnInfo[], dictionaries: (string[] | null)[]): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (const c of columns) {
    const dictionary = dictionaries[c.index];
    if (dictionary && dictionary.length <= 500) out[c.index] = [...dictionary].sort();
  }
  return out;
}

function pad(cells: string[], width: number): string[] {
  const out = cells.slice(0, width);
  while (out.length < width) out.push('');
  return out;
}

function requireState(): State {
  if (!state) throw new Error('no label file is loaded');
  return state;
}

/** The sidecar's tag overrides (null: no override), resolved to rows. */
function setAnnotations(entries: [string, string[] | null][]): { missingKeys: string[] } {
  const s = requireState();
  const found = s.keys.rowsOf(entries.map(([key]) => key));
  const overrides = new Map<number, string[]>();
  const missingKeys: string[] = [];
  for (const [key, tags] of entries) {
    const row = found.get(key);
    if (row === undefined) missingKeys.push(key);
    else if (tags) overrides.set(row, tags);
  }
  // Not `s.tagCounts?.move(s.tags.applyOverrides(…))`: optional chaining would skip applying.
  const changes = s.tags.applyOverrides(overrides);
  s.tagCounts?.move(changes);
  return { missingKeys };
}

function fileTags(keys: string[]): Record<string, string[]> {
  const s = requireState();
  const out = emptyRecord<string[]>();
  for (const [key, row] of s.keys.rowsOf(keys)) out[key] = s.tags.fileTagsOfRow(row);
  return out;
}

/** Rows passing a filter, without changing the table's view. */
async function matchingRows(s: State, filter: ViewFilter): Promise<Uint32Array> {
  const { dataset } = s.file;
  let searchMatches: Uint8Array | undefined;
  if (filter.search) searchMatches = await searchInput(s, filter.search);
  const pairMatches = filter.pair ? pairRows(s, filter.pair) : undefined;
  return filterRows({ dataset, outcomes: s.outcomes, disagreement: s.consensus?.disagreement, tags: s.tags, searchMatches, consensus: s.consensus, pairMatches, reviewedRows: s.reviewedRows }, filter);
}

async function keysMatching(filter: ViewFilter, limit: number): Promise<string[]> {
  const s = requireState();
  const rows = (await matchingRows(s, filter)).subarray(0, limit);
  return keysOfRows(s, Array.from(rows));
}

/** The keys of rows (many rows: one pass over the file beats one read per row). */
async function keysOfRows(s: State, rows: number[]): Promise<string[]> {
  const keyIndex = s.file.dataset.columns.findIndex((c) => c.kind === 'key');
  if (keyIndex < 0) return rows.map((row) => String(row + 1));
  if (rows.length > 5000) {
    const ids = await columnText(s, keyIndex);
    return rows.map((row) => ids[row]);
  }
  return s.reader.read(rows).map((cells) => cells[keyIndex]);
}

async function view(filter: ViewFilter, sort: TableSort | null): Promise<ViewSummary> {
  const s = requireState();
  const { dataset } = s.file;
  const filtered = await matchingRows(s, filter);
  let text: string[] | undefined;
  if (sort && !dataset.numbers[sort.column] && !dataset.codes[sort.column]) text = await columnText(s, sort.column);
  s.view = sortRows(dataset, filtered, sort ?? undefined, text);
  return summarize(s);
}

async function searchInput(s: State, needle: string): Promise<Uint8Array> {
  if (s.search?.needle === needle) return s.search.matches;
  const { dataset } = s.file;
  const input = columnByRole(dataset, 'input') ?? dataset.columns.find((c) => c.kind === 'text') ?? dataset.columns[0];
  const matches = await searchColumn(s.file.rowSource, dataset, input.index, needle);
  s.search = { needle, matches };
  return matches;
}

async function columnText(s: State, column: number): Promise<string[]> {
  let values = s.text.get(column);
  if (!values) {
    values = await readColumn(s.file.rowSource, s.file.dataset, column);
    s.text.clear(); // keep one text column at a time: memory stays bounded
    s.text.set(column, values);
  }
  return values;
}

function summarize(s: State): ViewSummary {
  let errors = 0;
  let taggedErrors = 0;
  const outcomes = s.outcomes;
  const rowSet = s.tags.rowSet;
  if (outcomes) {
    for (let i = 0; i < outcomes.length; i++) {
      if (outcomes[i] !== OUTCOME_ERROR) continue;
      errors++;
      if (rowSet[i] !== 0) taggedErrors++;
    }
  }
  return { count: s.view.length, total: s.file.dataset.rowCount, errors, taggedErrors };
}

function rows(start: number, count: number): WorkerRow[] {
  const s = requireState();
  const end = Math.min(s.view.length, start + count);
  const picked = Array.from(s.view.subarray(start, Math.max(start, end)));
  const cells = s.reader.read(picked);
  const { rowLines } = s.file.dataset;
  return picked.map((row, i) => ({
    row,
    key: s.keys.keyOf(row, cells[i]),
    cells: cells[i],
    fileTags: s.tags.fileTagsOfRow(row),
    error: s.outcomes ? (s.outcomes[row] === OUTCOME_ERROR ? true : s.outcomes[row] === OUTCOME_CORRECT ? false : null) : null,
    line: rowLines[row],
    review: reviewOf(s, row),
  }));
}

/** The keys of the rows in the current view (for "tag every row of this filter"). */
async function viewKeys(limit: number): Promise<string[]> {
  const s = requireState();
  return keysOfRows(s, Array.from(s.view.subarray(0, Math.min(limit, s.view.length))));
}

function tagAnalysis(weights: Record<string, Partial<TagWeights>>): TagAnalysis {
  const s = requireState();
  if (!s.outcomes) throw new Error('the file has no label and prediction columns');
  // Labeler agreement per row and the per-set counts are computed once per load; tag edits
  // then move rows between sets (setAnnotations) instead of recounting a million rows.
  if (s.agreement === null) s.agreement = s.judgements ? scoreLeaveOneOut(s.judgements) : undefined;
  if (!s.tagCounts) {
    s.tagCounts = new TagSetCounts(s.outcomes, s.tags.rowSet, s.agreement);
    s.overallHlp = s.agreement ? summarizeHlp(s.agreement).hlp : null;
  }
  return analyzeTags(s.outcomes, s.tags, s.agreement, { weights, counts: s.tagCounts, overallHlp: s.overallHlp });
}

async function keysWithTag(tag: string): Promise<string[]> {
  const s = requireState();
  const id = s.tags.tagId(tag);
  if (id === undefined) return [];
  const withTag = s.tags.setsWithTag(id);
  const rows: number[] = [];
  for (let row = 0; row < s.tags.rowSet.length; row++) if (withTag[s.tags.rowSet[row]]) rows.push(row);
  return keysOfRows(s, rows);
}

/** Writes the header and the chosen rows, byte for byte as they are in the file (file order). */
async function exportRows(keys: string[], target: string): Promise<number> {
  const s = requireState();
  const rows = [...s.keys.rowsOf(keys).values()].sort((a, b) => a - b);
  await writeRowsAsInFile(s.file.rowSource, s.file.dataset, rows, target);
  return rows.length;
}

function metricColumns(s: State): ResolvedColumns {
  const columns = resolveMetricColumns(s.file.dataset);
  if (typeof columns === 'string') throw new Error(columns);
  return columns;
}

function modelMetrics(positive: string | undefined, at: number | undefined): ModelMetrics {
  const s = requireState();
  const columns = metricColumns(s);
  const { metrics, curve } = computeModelMetricsAndCurve(s.file.dataset, columns, { positiveClass: positive, threshold: at });
  s.curve = curve; // kept for live threshold changes
  return metrics;
}

function threshold(at: number): ThresholdMetrics {
  const s = requireState();
  if (!s.curve) throw new Error('no binary score curve: open the metrics first');
  return metricsAtThreshold(s.curve, at);
}

function sliceAudit(names: string[] | undefined, margin: number, pairs: boolean): SliceReport {
  const s = requireState();
  const report = auditDatasetSlices(s.file.dataset, metricColumns(s), s.tags, { names, margin, pairs });
  if (typeof report === 'string') throw new Error(report);
  return report;
}

function auditReport(request: Extract<WorkerRequest, { type: 'auditReport' }>): AuditReport {
  const s = requireState();
  const report = buildAuditReport({
    dataset: s.file.dataset,
    file: request.file,
    date: request.date,
    command: request.command,
    columns: metricColumns(s),
    tags: s.tags,
    weights: request.weights,
    slices: { margin: request.margin },
    metrics: { positiveClass: request.positive },
  });
  if (typeof report === 'string') throw new Error(report);
  return report;
}

/** What the labelers said about a row, for the table and the review queue. */
function reviewOf(s: State, row: number): RowReview | undefined {
  const j = s.judgements;
  const c = s.consensus;
  if (!j || !c) return undefined;
  const labels = j.raters.flatMap((codes, r) => (codes[row] >= 0 ? [{ labeler: j.raterNames[r], label: j.categories[codes[row]] }] : []));
  const consensus = c.consensus[row];
  const agreement = c.agreement[row];
  return { labels, consensus: consensus >= 0 ? j.categories[consensus] : null, tie: c.modal[row] === TIE, agreement: Number.isNaN(agreement) ? null : agreement };
}

function pairRows(s: State, pair: [string, string]): Uint8Array {
  const key = pair.join('\u0000');
  if (s.pair?.key === key) return s.pair.matches;
  const matches = new Uint8Array(s.file.dataset.rowCount);
  const j = s.judgements;
  const a = j?.categories.indexOf(pair[0]) ?? -1;
  const b = j?.categories.indexOf(pair[1]) ?? -1;
  if (j && a >= 0 && b >= 0) for (const item of itemsConfusing(j, a, b)) matches[item] = 1;
  s.pair = { key, matches };
  return matches;
}

function agreementView(bySlice: boolean): AgreementView | null {
  const s = requireState();
  // A long-format file on its own: its rows are judgements, so there are no slices of examples.
  if (s.standalone) return judgementsView(s.standalone, computeConsensus(s.standalone), []);
  const j = s.judgements;
  if (!j || !s.consensus) return null;
  s.agreement ??= scoreLeaveOneOut(j);
  const scores = s.agreement;
  const hlpBySlice: AgreementView['hlpBySlice'] = [];
  if (bySlice && scores) {
    for (const column of s.file.dataset.columns.filter((c) => c.role === 'slice' && s.file.dataset.codes[c.index])) {
      const codes = s.file.dataset.codes[column.index]!;
      s.file.dataset.dictionaries[column.index]!.forEach((value, code) => {
        const mask = Uint8Array.from(codes, (c) => (c === code ? 1 : 0));
        const estimate = summarizeHlp(scores, mask);
        hlpBySlice.push({ column: column.name, value, hlp: estimate.hlp, items: estimate.items });
      });
    }
  }
  return judgementsView(j, s.consensus, hlpBySlice);
}

function judgementsView(j: Judgements, consensus: ItemConsensus, hlpBySlice: AgreementView['hlpBySlice']): AgreementView {
  const ambiguity = computeAmbiguity(j);
  const k = j.categories.length;
  return {
    summary: summarizeAgreement(j, { replicates: 1000, seed: 1 }),
    categories: j.categories,
    confusion: ambiguity.matrix ? Array.from({ length: k }, (_, a) => Array.from(ambiguity.matrix!.subarray(a * k, (a + 1) * k))) : null,
    consensus: { labeled: consensus.labeledItems, tied: consensus.tiedItems, disagreements: consensus.disagreementItems },
    hlpBySlice,
  };
}

function setReviewed(keys: string[]): null {
  const s = requireState();
  s.reviewedRows.fill(0);
  for (const row of s.keys.rowsOf(keys).values()) s.reviewedRows[row] = 1;
  return null;
}

async function applyLabelFixes(fixes: [string, string][], target: string): Promise<{ changed: number; missing: string[] }> {
  const s = requireState();
  const label = s.file.dataset.columns.find((c) => c.role === 'label');
  if (!label) throw new Error('the file has no label column');
  const rows = s.keys.rowsOf(fixes.map(([key]) => key));
  const byRow = new Map<number, string>();
  const missing: string[] = [];
  for (const [key, value] of fixes) {
    const row = rows.get(key);
    if (row === undefined) missing.push(key);
    else byRow.set(row, value);
  }
  if (s.file.encoding !== 'utf-8') throw new Error(`label fixes can only be applied to UTF-8 files (this one is ${s.file.encoding})`);
  const changed = await writeLabelFixes(s.file.rowSource, s.file.dataset, label.index, byRow, target);
  return { changed, missing };
}

/** The keys of rows at view positions (ranges inclusive), e.g. a Shift-selection. */
async function keysAt(ranges: [number, number][]): Promise<string[]> {
  const s = requireState();
  const rows: number[] = [];
  for (const [a, b] of ranges) for (let p = a; p <= Math.min(b, s.view.length - 1); p++) rows.push(s.view[p]);
  return keysOfRows(s, rows);
}

/** The next position after `from` in the view whose row is misclassified and has no tag. */
function nextUntaggedError(from: number): number {
  const s = requireState();
  if (!s.outcomes) return -1;
  const rowSet = s.tags.rowSet;
  for (let p = from + 1; p < s.view.length; p++) {
    const row = s.view[p];
    if (s.outcomes[row] === OUTCOME_ERROR && rowSet[row] === 0) return p;
  }
  return -1;
}

/** Ids that repeat, reported after the load result went out (the table is usable meanwhile). */
function checkIdsAfterLoad(file: LoadedFile): void {
  if (state?.file !== file) return;
  try {
    if (reportDuplicateIds(file) === 0) return;
  } catch {
    return; // the file changed or went away: the next load reads it again
  }
  const { dataset } = file;
  post({ type: 'problems', problems: dataset.problems, problemCount: Object.values(dataset.problemTotals).reduce((a, b) => a + b, 0) });
}

/** Labeler judgements from another file (long format, Label Studio), merged by id; null path: the file's own labelers. */
async function useJudgements(file: string | null): Promise<WorkerResults['useJudgements']> {
  const s = requireState();
  s.standalone = undefined;
  let result: WorkerResults['useJudgements'] = null;
  if (file === null) {
    s.judgements = judgementsOfDataset(s.file.dataset);
  } else {
    const keyColumn = s.file.dataset.columns.find((c) => c.kind === 'key')?.name ?? null;
    const external = await readExternalJudgements(file, keyColumn);
    const rows = s.keys.rowsOf(external.keysOfItem.flat());
    const aligned = alignJudgements(external.judgements, (item) => external.keysOfItem[item].map((k) => rows.get(k)).find((r) => r !== undefined), s.file.dataset.rowCount);
    if (aligned.matched === 0) throw new Error(`none of the ${external.judgements.itemCount} items of ${file} matches a row of this file by its ${keyColumn ?? 'row number'}`);
    s.judgements = aligned.judgements;
    result = { items: external.judgements.itemCount, matched: aligned.matched, unmatched: aligned.unmatched, labelers: aligned.judgements.raters.length, format: external.format };
  }
  // Everything computed from the judgements is recomputed.
  s.consensus = s.judgements ? computeConsensus(s.judgements) : undefined;
  s.agreement = null; // computed again when first needed
  s.tagCounts = undefined;
  s.pair = undefined;
  return result;
}

/** The open file is itself long format: statistics over its examples (rows are judgements, so no row filters). */
async function useOwnLongFormat(): Promise<WorkerResults['useOwnLongFormat']> {
  const s = requireState();
  const external = await readExternalJudgements(s.file.rowSource, null);
  s.standalone = external.judgements;
  return { items: external.judgements.itemCount, labelers: external.judgements.raters.length };
}
