/**
 * One loaded label file and everything asked of it: views, rows on screen, tags, metrics,
 * labeler agreement, exports. The worker thread relays requests to it; tests and other
 * callers use it in-process.
 *
 * State the requests change (inputs): the view, the rows' tags, the judgements (the file's
 * labeler columns, another file's, or this file read as long format), the reviewed rows and
 * the last score curve. Everything derived from them sits in a `Memo` keyed by the inputs it
 * is computed from, so changing an input is the only invalidation there is:
 *
 * | derived          | computed from                                  |
 * |------------------|------------------------------------------------|
 * | consensus        | judgements                                     |
 * | leaveOneOut      | judgements                                     |
 * | tagCounts        | outcomes, leaveOneOut (tags: moved row by row) |
 * | pairMatches      | judgements, the pair of classes                |
 * | searchMatches    | the needle, the columns searched               |
 * | columnText       | the column (one at a time: memory stays bounded) |
 * | scoreCells       | the score column                               |
 * | classWarnings    | the dataset (its class columns' look-alikes)    |
 * | labelIssues      | the dataset (label and probability columns; once per load) |
 * | labelQuality, suggestedRanks | labelIssues (sort keys of the derived columns) |
 * | comparisonRows   | the column of predictions B, the label class   |
 */
import { splitTagCell } from '../core/annotations/annotations';
import { alignJudgements } from '../core/agreement/align';
import { computeAmbiguity, itemsConfusing } from '../core/agreement/ambiguity';
import { computeConsensus, TIE, type ItemConsensus } from '../core/agreement/consensus';
import { readDatasetClasses } from '../core/values/datasetClasses';
import { judgementsOfDataset } from '../core/agreement/fromDataset';
import type { Judgements } from '../core/agreement/judgements';
import { hlpBySlice } from '../core/agreement/agreementDetails';
import { scoreLeaveOneOut, summarizeHlp, type LeaveOneOutScores } from '../core/agreement/labelers';
import { summarizeAgreement } from '../core/agreement/summary';
import { auditDatasetSlices } from '../core/audit/auditReport';
import { buildAuditReport } from '../core/audit/buildAudit';
import { auditLabelIssues } from '../core/audit/labelIssuesSection';
import { computeModelMetrics, computeModelMetricsAndCurve, resolveMetricColumns, type ModelMetrics, type ResolvedColumns } from '../core/audit/modelMetrics';
import type { ScoreCellCounts } from '../core/audit/scoreCells';
import { columnByRole, type ColumnInfo, type Dataset } from '../core/dataset/dataset';
import { KeyIndex } from '../core/dataset/keyIndex';
import { computeOutcomes, OUTCOME_CORRECT, OUTCOME_ERROR } from '../core/dataset/outcome';
import { RowTags } from '../core/dataset/rowTags';
import { filterRows, identity, sortRows, type ViewFilter } from '../core/dataset/view';
import { sortRowsByNumber, sortRowsByRank } from '../core/dataset/sortKeys';
import { analyzeTags } from '../core/errorAnalysis/analyzeTags';
import { TagSetCounts } from '../core/errorAnalysis/tagMetrics';
import { metricsAtThreshold, type ScoreCurve } from '../core/metrics/ranking';
import { labelFixEffect, type LabelFixEffect } from '../core/annotations/labelFixEffect';
import { binaryScoreSource, labelIssuesOfDataset, LabelIssuesUnavailable, type LabelIssuesOfDataset } from '../core/labelIssues/fromDataset';
import { labelIssueOfRow, labelQualityKeys, suggestedLabelRanks, summarizeLabelIssues } from '../core/labelIssues/tableView';
import { comparisonRowFlags } from '../core/modelComparison/rowOutcomes';
import { writeLabelFixes } from '../node/applyLabelFixes';
import { checkLoadedFile, checkLoadedFileRows } from '../node/dataChecksOfFile';
import { writeRowsAsInFile } from '../node/exportRows';
import { writeTaggedCopy } from '../node/exportTaggedCopy';
import { readExternalJudgements } from '../node/externalJudgements';
import { loadDatasetFile, releaseLoadedFile, reportDuplicateIds, type LoadedFile } from '../node/loadDataset';
import { RowReader } from '../node/rowReader';
import { readColumn, searchColumns } from '../node/scanColumn';
import { searchedColumns } from '../core/dataset/searchColumns';
import { countScoreCells } from '../node/scoreCells';
import { type AgreementView, type LoadSummary, type ViewSummary, type WorkerNotice, type WorkerPayloads, type WorkerResults, type WorkerRow } from '../protocol/datasetWorker';
import type { DerivedColumn, FileLoadOptionsMessage, RowReview, TableSort } from '../protocol/labelTable';
import { Memo } from './memo';

export interface SessionLoadHooks {
  signal?: AbortSignal;
  /** The parse-part worker script: big files are parsed by two threads. */
  partWorker?: string;
  /** Where UTF-8 copies of files in other encodings go. */
  cacheDir?: string;
  /** The head rows and the progress, while the file loads. */
  onNotice?(notice: WorkerNotice): void;
}

/** The load was cancelled by the user: not an error to show. The worker replies with code `cancelled`. */
export class LoadCancelled extends Error {
  constructor() {
    super('loading was cancelled');
  }
}

export class DatasetSession {
  readonly summary: LoadSummary;
  private readonly reader: RowReader;
  private readonly keys: KeyIndex;
  private readonly outcomes: Uint8Array | undefined;
  private readonly tags: RowTags;
  private readonly keyColumn: number;

  // Inputs: what requests change.
  private view: Uint32Array;
  private judgements: Judgements | undefined;
  /** Judgements whose items are not this file's rows (the file itself is in long format). */
  private standalone: Judgements | undefined;
  private readonly reviewedRows: Uint8Array;
  /** The curve of the last metrics request, for live threshold changes. */
  private curve: ScoreCurve | undefined;

  // Derived: see the table above.
  private readonly consensus = new Memo((j: Judgements | undefined) => (j ? computeConsensus(j) : undefined));
  private readonly leaveOneOut = new Memo((j: Judgements | undefined) => (j ? scoreLeaveOneOut(j) : undefined));
  // Tag edits move rows between sets (setAnnotations) instead of recounting a million rows.
  private readonly tagCounts = new Memo((outcomes: Uint8Array, scores: LeaveOneOutScores | undefined) => ({
    counts: new TagSetCounts(outcomes, this.tags.rowSet, scores),
    overallHlp: scores ? summarizeHlp(scores).hlp : null,
  }));
  private readonly pairMatches = new Memo((j: Judgements | undefined, a: string, b: string) => this.rowsConfusing(j, a, b));
  private readonly classWarnings = new Memo((dataset: Dataset) => readDatasetClasses(dataset).warnings);
  private readonly searchMatches = new Memo((needle: string, columns: string) => this.searchInput(needle, columns === '' ? [] : columns.split('\n')));
  /** Duplicate, conflict and leak bits per row, inputs compared as text (media paths by path: the files are not read here). */
  private readonly dataCheckRows = new Memo(() => checkLoadedFileRows(this.file, '', '', { hashMedia: false }));
  /** Per row: prediction A (the prediction column) and B (another column) compared; undefined when there is nothing to compare. */
  private readonly comparisonRows = new Memo((b: number, labelClass: string | undefined) => this.compareWithPrediction(b, labelClass));
  private readonly columnText = new Memo((column: number) => readColumn(this.file.rowSource, this.file.dataset, column));
  private readonly scoreCells = new Memo((column: number) => countScoreCells(this.file, this.file.dataset.columns[column]));
  /** Likely label errors from the label and the per-class probability columns (DOMAIN.md §7); undefined when the file has none. */
  private readonly labelIssues = new Memo((dataset: Dataset) => findLabelIssuesIn(dataset, this.positiveClass));
  private readonly labelQuality = new Memo((found: LabelIssuesOfDataset) => labelQualityKeys(found));
  private readonly suggestedRanks = new Memo((found: LabelIssuesOfDataset) => suggestedLabelRanks(found));

  private constructor(
    readonly file: LoadedFile,
    /** The positive class saved for the file (binary data: whose P(class) the score column holds). */
    private readonly positiveClass: string | undefined,
  ) {
    const { dataset } = file;
    this.reader = new RowReader(file.rowSource, dataset);
    this.keyColumn = dataset.columns.findIndex((c) => c.kind === 'key');
    this.keys = new KeyIndex(dataset, (row) => this.reader.read([row])[0][this.keyColumn]);
    this.outcomes = computeOutcomes(dataset);
    this.tags = new RowTags(dataset);
    this.view = identity(dataset.rowCount);
    this.judgements = judgementsOfDataset(dataset);
    this.reviewedRows = new Uint8Array(dataset.rowCount);
    this.summary = {
      rows: dataset.rowCount,
      columns: dataset.columns,
      keyColumn: dataset.columns[this.keyColumn]?.name ?? null,
      delimiter: String.fromCharCode(dataset.delimiter),
      problems: dataset.problems,
      problemCount: problemCount(this.file),
      hasOutcomes: this.outcomes !== undefined,
      hasLabelers: this.consensus.get(this.judgements) !== undefined,
      byteLength: file.totalBytes,
      encoding: file.encoding,
      fileTagNames: [...this.tags.names],
      categories: categoriesOf(dataset.columns, dataset.dictionaries),
      labelIssues: this.foundLabelIssues() ? summarizeLabelIssues(this.foundLabelIssues()!) : null,
    };
  }

  /** Streams a file into columns; ids that repeat are checked later (`checkIds`), once the table is usable. */
  static async load(path: string, options: FileLoadOptionsMessage, hooks: SessionLoadHooks = {}): Promise<DatasetSession> {
    try {
      const file = await loadDatasetFile(path, options, {
        signal: hooks.signal,
        partWorker: hooks.partWorker,
        cacheDir: hooks.cacheDir,
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
          hooks.onNotice?.({ type: 'head', columns: head.columns, keyColumn: keyColumn?.name ?? null, rows, totalBytes });
        },
        onProgress: (bytesRead, totalBytes, rows) => hooks.onNotice?.({ type: 'progress', bytesRead, totalBytes, rows, task: 'load' }),
      });
      return new DatasetSession(file, options.positiveClass);
    } catch (error) {
      if (hooks.signal?.aborted) throw new LoadCancelled();
      throw error;
    }
  }

  close(): void {
    this.reader.close();
    void releaseLoadedFile(this.file);
  }

  /** Ids that repeat, added to the file's problems: the notice to post, or undefined when none repeat. */
  checkIds(): WorkerNotice | undefined {
    try {
      if (reportDuplicateIds(this.file) === 0) return undefined;
    } catch {
      return undefined; // the file changed or went away: the next load reads it again
    }
    return { type: 'problems', problems: this.file.dataset.problems, problemCount: problemCount(this.file) };
  }

  // ----- tags and review -----

  /** The sidecar's tag overrides (null: no override), resolved to rows. */
  setAnnotations(entries: [string, string[] | null][]): WorkerResults['setAnnotations'] {
    const found = this.keys.rowsOf(entries.map(([key]) => key));
    const overrides = new Map<number, string[]>();
    const missingKeys: string[] = [];
    for (const [key, tags] of entries) {
      const row = found.get(key);
      if (row === undefined) missingKeys.push(key);
      else if (tags) overrides.set(row, tags);
    }
    const changes = this.tags.applyOverrides(overrides);
    this.tagCounts.current()?.counts.move(changes);
    return { missingKeys };
  }

  /** The file's tags of each key, as own properties (a key with no row has none), so `__proto__` or `constructor` read safely. */
  fileTags(keys: string[]): WorkerResults['fileTags'] {
    const out = Object.create(null) as Record<string, string[]>;
    const rows = this.keys.rowsOf(keys);
    for (const key of keys) {
      const row = rows.get(key);
      out[key] = row === undefined ? [] : this.tags.fileTagsOfRow(row);
    }
    return out;
  }

  setReviewed(keys: string[]): null {
    this.reviewedRows.fill(0);
    for (const row of this.keys.rowsOf(keys).values()) this.reviewedRows[row] = 1;
    return null;
  }

  // ----- the view and its rows -----

  async setView(filter: ViewFilter, sort: TableSort | null): Promise<ViewSummary> {
    const { dataset } = this.file;
    const filtered = await this.matchingRows(filter);
    const column = sort?.column;
    if (sort && typeof column === 'string') {
      this.view = this.sortByDerived(filtered, column, sort.descending);
      return this.viewSummary();
    }
    const byColumn = sort && typeof column === 'number' ? { column, descending: sort.descending } : undefined;
    let text: string[] | undefined;
    if (byColumn && !dataset.numbers[byColumn.column] && !dataset.codes[byColumn.column]) text = await this.textOf(byColumn.column);
    this.view = sortRows(dataset, filtered, byColumn, text);
    return this.viewSummary();
  }

  /** Label quality ascending puts the likely errors first (ties by row); rows without probabilities go last. */
  private sortByDerived(rows: Uint32Array, column: DerivedColumn, descending: boolean): Uint32Array {
    const found = this.foundLabelIssues();
    if (!found) return rows;
    if (column === 'labelQuality') return sortRowsByNumber(rows, this.labelQuality.get(found), descending);
    const { ranks, rankCount } = this.suggestedRanks.get(found);
    return sortRowsByRank(rows, ranks, rankCount, descending);
  }

  private foundLabelIssues(): LabelIssuesOfDataset | undefined {
    return this.labelIssues.get(this.file.dataset);
  }

  rows(start: number, count: number): WorkerRow[] {
    const end = Math.min(this.view.length, start + count);
    const picked = Array.from(this.view.subarray(start, Math.max(start, end)));
    const cells = this.reader.read(picked);
    const { rowLines } = this.file.dataset;
    const found = this.foundLabelIssues();
    return picked.map((row, i) => ({
      row,
      key: this.keys.keyOf(row, cells[i]),
      cells: cells[i],
      fileTags: this.tags.fileTagsOfRow(row),
      error: this.outcomes ? (this.outcomes[row] === OUTCOME_ERROR ? true : this.outcomes[row] === OUTCOME_CORRECT ? false : null) : null,
      line: rowLines[row],
      review: this.reviewOf(row),
      labelIssue: found ? labelIssueOfRow(found, row) : undefined,
    }));
  }

  /** The keys of the rows in the current view (for "tag every row of this filter"). */
  viewKeys(limit: number): Promise<string[]> {
    return this.keysOfRows(Array.from(this.view.subarray(0, Math.min(limit, this.view.length))));
  }

  /** The keys of rows at view positions (ranges inclusive), e.g. a Shift-selection. */
  keysAt(ranges: [number, number][]): Promise<string[]> {
    const rows: number[] = [];
    for (const [a, b] of ranges) for (let p = a; p <= Math.min(b, this.view.length - 1); p++) rows.push(this.view[p]);
    return this.keysOfRows(rows);
  }

  /** The next position after `from` in the view whose row is misclassified and has no tag. */
  nextUntaggedError(from: number): number {
    if (!this.outcomes) return -1;
    const rowSet = this.tags.rowSet;
    for (let p = from + 1; p < this.view.length; p++) {
      const row = this.view[p];
      if (this.outcomes[row] === OUTCOME_ERROR && rowSet[row] === 0) return p;
    }
    return -1;
  }

  /** Rows passing a filter, without changing the view. */
  async keysMatching(filter: ViewFilter, limit: number): Promise<string[]> {
    const rows = (await this.matchingRows(filter)).subarray(0, limit);
    return this.keysOfRows(Array.from(rows));
  }

  async keysWithTag(tag: string): Promise<string[]> {
    const id = this.tags.tagId(tag);
    if (id === undefined) return [];
    const withTag = this.tags.setsWithTag(id);
    const rows: number[] = [];
    for (let row = 0; row < this.tags.rowSet.length; row++) if (withTag[this.tags.rowSet[row]]) rows.push(row);
    return this.keysOfRows(rows);
  }

  private viewSummary(): ViewSummary {
    let errors = 0;
    let taggedErrors = 0;
    const outcomes = this.outcomes;
    const rowSet = this.tags.rowSet;
    if (outcomes) {
      for (let i = 0; i < outcomes.length; i++) {
        if (outcomes[i] !== OUTCOME_ERROR) continue;
        errors++;
        if (rowSet[i] !== 0) taggedErrors++;
      }
    }
    const summary: ViewSummary = { count: this.view.length, total: this.file.dataset.rowCount, errors, taggedErrors };
    const openIssues = this.openIssues();
    return openIssues === undefined ? summary : { ...summary, openIssues };
  }

  /** Likely label errors not yet decided in review (relabeled, confirmed or marked ambiguous). */
  private openIssues(): number | undefined {
    const isIssue = this.foundLabelIssues()?.result.isIssue;
    if (!isIssue) return undefined;
    let open = 0;
    for (let i = 0; i < isIssue.length; i++) if (isIssue[i] === 1 && this.reviewedRows[i] === 0) open++;
    return open;
  }

  private async matchingRows(filter: ViewFilter): Promise<Uint32Array> {
    const searchMatches = filter.search ? await this.remembered(this.searchMatches, filter.search, (filter.searchColumns ?? []).join('\n')) : undefined;
    const pairMatches = filter.pair ? this.pairMatches.get(this.judgements, filter.pair[0], filter.pair[1]) : undefined;
    const consensus = this.consensus.get(this.judgements);
    const dataCheckFlags = filter.dataCheck ? (await this.remembered(this.dataCheckRows))?.flags : undefined;
    const labelIssueRows = filter.likelyError ? this.foundLabelIssues()?.result.isIssue : undefined;
    const comparisonFlags = filter.comparison ? this.comparisonRows.get(filter.comparison.b, filter.comparison.labelClass) : undefined;
    return filterRows(
      { dataset: this.file.dataset, outcomes: this.outcomes, disagreement: consensus?.disagreement, tags: this.tags, searchMatches, consensus, pairMatches, reviewedRows: this.reviewedRows, dataCheckFlags, labelIssueRows, comparisonFlags },
      filter,
    );
  }

  /** The label, the prediction column (A) and column `b` (B), read as `loupe compare` reads them; undefined when one is missing or not categorical. */
  private compareWithPrediction(b: number, labelClass: string | undefined): Uint8Array | undefined {
    const { dataset } = this.file;
    const coded = (column: ColumnInfo | undefined) => {
      const codes = column ? dataset.codes[column.index] : null;
      const dictionary = column ? dataset.dictionaries[column.index] : null;
      return codes && dictionary ? { codes, dictionary } : undefined;
    };
    const prediction = columnByRole(dataset, 'prediction');
    const [label, a, other] = [coded(columnByRole(dataset, 'label')), coded(prediction), coded(prediction?.index === b ? undefined : dataset.columns[b])];
    return label && a && other ? comparisonRowFlags(label, a, other, labelClass) : undefined;
  }

  /** Rows where any text column (the id, the input, paths, transcripts…) contains the needle. */
  private searchInput(needle: string, preferred: string[]): Promise<Uint8Array> {
    const { dataset } = this.file;
    return searchColumns(this.file.rowSource, dataset, searchedColumns(dataset.columns, preferred).map((c) => c.index), needle);
  }

  private textOf(column: number): Promise<string[]> {
    return this.remembered(this.columnText, column);
  }

  /** A file read kept for its inputs; a failed read is not kept, so the next request tries again. */
  private async remembered<I extends readonly unknown[], V>(memo: Memo<I, Promise<V>>, ...inputs: I): Promise<V> {
    try {
      return await memo.get(...inputs);
    } catch (error) {
      memo.forget();
      throw error;
    }
  }

  /** The keys of rows (many rows: one pass over the file beats one read per row). */
  private async keysOfRows(rows: number[]): Promise<string[]> {
    if (this.keyColumn < 0) return rows.map((row) => String(row + 1));
    if (rows.length > 5000) {
      const ids = await this.textOf(this.keyColumn);
      return rows.map((row) => ids[row]);
    }
    return this.reader.read(rows).map((cells) => cells[this.keyColumn]);
  }

  // ----- error analysis, metrics, audit -----

  tagAnalysis(weights: WorkerPayloads['tagAnalysis']['weights']): WorkerResults['tagAnalysis'] {
    if (!this.outcomes) throw new Error('the file has no label and prediction columns');
    const scores = this.leaveOneOut.get(this.judgements);
    const { counts, overallHlp } = this.tagCounts.get(this.outcomes, scores);
    return analyzeTags(this.outcomes, this.tags, scores, { weights, counts, overallHlp, warnings: this.classWarnings.get(this.file.dataset) });
  }

  async modelMetrics(positive: string | undefined, at: number | undefined): Promise<WorkerResults['modelMetrics']> {
    const columns = this.metricColumns();
    const { metrics, curve } = computeModelMetricsAndCurve(this.file.dataset, columns, { positiveClass: positive, threshold: at });
    this.curve = curve;
    const scoreCells = await this.scoreCellsOf(metrics, columns);
    return scoreCells ? { ...metrics, scoreCells } : metrics;
  }

  threshold(at: number): WorkerResults['threshold'] {
    if (!this.curve) throw new Error('no binary score curve: open the metrics first');
    return metricsAtThreshold(this.curve, at);
  }

  sliceAudit(names: string[] | undefined, margin: number, pairs: boolean): WorkerResults['sliceAudit'] {
    const report = auditDatasetSlices(this.file.dataset, this.metricColumns(), this.tags, { names, margin, pairs });
    if (typeof report === 'string') throw new Error(report);
    return report;
  }

  async auditReport(request: WorkerPayloads['auditReport']): Promise<WorkerResults['auditReport']> {
    const columns = this.metricColumns();
    // Counted only when there is a score column: reading the file costs a pass when a score is NaN.
    const scoreCells = columns.score ? await this.remembered(this.scoreCells, columns.score.index) : undefined;
    const report = buildAuditReport({
      dataset: this.file.dataset,
      file: request.file,
      date: request.date,
      command: request.command,
      columns,
      tags: this.tags,
      weights: request.weights,
      slices: { margin: request.margin },
      metrics: { positiveClass: request.positive },
      scoreCells,
      idsOf: (rows) => (this.keyColumn < 0 ? rows.map(() => null) : this.reader.read(rows).map((cells) => cells[this.keyColumn])),
    });
    if (typeof report === 'string') throw new Error(report);
    return report;
  }

  /** Likely label errors as `loupe audit` reports them, with the `top` lowest self-confidence rows and their ids. */
  labelIssuesView(positive: string | undefined, top: number): WorkerResults['labelIssuesView'] {
    const { dataset } = this.file;
    const label = columnByRole(dataset, 'label');
    if (!label) throw new Error('no label column: choose one in the table\'s Columns menu');
    const columns = resolveMetricColumns(dataset);
    // A binary score serves as P(positive) only as the metrics read it (needs a prediction column for the reading).
    const metrics = typeof columns === 'string' || !columns.score ? null : computeModelMetrics(dataset, columns, { positiveClass: positive });
    const idsOf = (rows: number[]) => (this.keyColumn < 0 ? rows.map(() => null) : this.reader.read(rows).map((cells) => cells[this.keyColumn]));
    return auditLabelIssues({ dataset, label, binary: metrics?.binary ?? null, classes: metrics?.labels ?? [], idsOf, top });
  }

  positionOfRow(row: number): number {
    return this.view.indexOf(row);
  }

  /** Duplicate inputs, conflicting labels and leakage across the split column, as `loupe audit` finds them. */
  async dataChecks(labelFile: string, root: string, hashMedia: boolean): Promise<WorkerResults['dataChecks']> {
    if (!hashMedia) return (await this.remembered(this.dataCheckRows))?.section ?? null;
    return checkLoadedFile(this.file, labelFile, root, { hashMedia });
  }

  /** The score cells left out of the ranking metrics, when the metrics are binary with a score column. */
  private async scoreCellsOf(metrics: ModelMetrics, columns: ResolvedColumns): Promise<ScoreCellCounts | undefined> {
    if (!metrics.binary || !columns.score) return undefined;
    return this.remembered(this.scoreCells, columns.score.index);
  }

  private metricColumns(): ResolvedColumns {
    const columns = resolveMetricColumns(this.file.dataset);
    if (typeof columns === 'string') throw new Error(columns);
    return columns;
  }

  // ----- labeler agreement -----

  /** `replicates`: bootstrap resamples for alpha's interval (1,000 unless the setting says otherwise; 0 skips it). */
  agreement(bySlice: boolean, replicates = 1000): AgreementView | null {
    // A long-format file on its own: its rows are judgements, so there are no slices of examples.
    if (this.standalone) return judgementsView(this.standalone, computeConsensus(this.standalone), [], replicates);
    const j = this.judgements;
    const consensus = this.consensus.get(j);
    if (!j || !consensus) return null;
    const scores = this.leaveOneOut.get(j);
    const bySliceHlp = bySlice && scores ? hlpBySlice(this.file.dataset, scores) : [];
    return judgementsView(j, consensus, bySliceHlp, replicates);
  }

  /** Labeler judgements from another file (long format, Label Studio), merged by id; null: the file's own labelers. */
  async useJudgements(file: string | null): Promise<WorkerResults['useJudgements']> {
    this.standalone = undefined;
    if (file === null) {
      this.judgements = judgementsOfDataset(this.file.dataset);
      return null;
    }
    const { dataset } = this.file;
    const keyColumn = dataset.columns[this.keyColumn]?.name ?? null;
    const external = await readExternalJudgements(file, keyColumn);
    const rows = this.keys.rowsOf(external.keysOfItem.flat());
    const aligned = alignJudgements(external.judgements, (item) => external.keysOfItem[item].map((k) => rows.get(k)).find((r) => r !== undefined), dataset.rowCount);
    if (aligned.matched === 0) throw new Error(`none of the ${external.judgements.itemCount} items of ${file} matches a row of this file by its ${keyColumn ?? 'row number'}`);
    this.judgements = aligned.judgements;
    return { items: external.judgements.itemCount, matched: aligned.matched, unmatched: aligned.unmatched, labelers: aligned.judgements.raters.length, format: external.format };
  }

  /** The open file is itself long format: statistics over its examples (rows are judgements, so no row filters). */
  async useOwnLongFormat(): Promise<WorkerResults['useOwnLongFormat']> {
    const external = await readExternalJudgements(this.file.rowSource, null);
    this.standalone = external.judgements;
    return { items: external.judgements.itemCount, labelers: external.judgements.raters.length };
  }

  /** What the labelers said about a row, for the table and the review queue. */
  private reviewOf(row: number): RowReview | undefined {
    const j = this.judgements;
    const c = this.consensus.get(j);
    if (!j || !c) return undefined;
    const labels = j.raters.flatMap((codes, r) => (codes[row] >= 0 ? [{ labeler: j.raterNames[r], label: j.categories[codes[row]] }] : []));
    const consensus = c.consensus[row];
    const agreement = c.agreement[row];
    return { labels, consensus: consensus >= 0 ? j.categories[consensus] : null, tie: c.modal[row] === TIE, agreement: Number.isNaN(agreement) ? null : agreement };
  }

  private rowsConfusing(j: Judgements | undefined, first: string, second: string): Uint8Array {
    const matches = new Uint8Array(this.file.dataset.rowCount);
    const a = j?.categories.indexOf(first) ?? -1;
    const b = j?.categories.indexOf(second) ?? -1;
    if (j && a >= 0 && b >= 0) for (const item of itemsConfusing(j, a, b)) matches[item] = 1;
    return matches;
  }

  // ----- files written -----

  /** Writes the header and the chosen rows, byte for byte as they are in the file (file order). */
  async exportRows(keys: string[], target: string): Promise<number> {
    const rows = [...this.keys.rowsOf(keys).values()].sort((a, b) => a - b);
    await writeRowsAsInFile(this.file.rowSource, this.file.dataset, rows, target);
    return rows.length;
  }

  exportTaggedCopy(notes: [string, string][], target: string): Promise<number> {
    return writeTaggedCopy(this.file.rowSource, this.file.dataset, this.tags, new Map(notes), target);
  }

  /** Which decided labels would change a cell of the file (a fix to the label a row has already is none). */
  async labelFixEffect(fixes: [string, string][]): Promise<LabelFixEffect> {
    const label = this.file.dataset.columns.find((c) => c.role === 'label');
    if (!label) throw new Error('the file has no label column');
    const rows = this.keys.rowsOf(fixes.map(([key]) => key));
    const labels = await this.textOf(label.index);
    return labelFixEffect(fixes, (key) => rows.get(key), (row) => labels[row] ?? '');
  }

  async applyLabelFixes(fixes: [string, string][], target: string): Promise<WorkerResults['applyLabelFixes']> {
    const label = this.file.dataset.columns.find((c) => c.role === 'label');
    if (!label) throw new Error('the file has no label column');
    const rows = this.keys.rowsOf(fixes.map(([key]) => key));
    const byRow = new Map<number, string>();
    const missing: string[] = [];
    for (const [key, value] of fixes) {
      const row = rows.get(key);
      if (row === undefined) missing.push(key);
      else byRow.set(row, value);
    }
    if (this.file.encoding !== 'utf-8') throw new Error(`label fixes can only be applied to UTF-8 files (this one is ${this.file.encoding})`);
    const changed = await writeLabelFixes(this.file.rowSource, this.file.dataset, label.index, byRow, target);
    return { changed, missing };
  }
}

function judgementsView(j: Judgements, consensus: ItemConsensus, hlpBySlice: AgreementView['hlpBySlice'], replicates: number): AgreementView {
  const ambiguity = computeAmbiguity(j);
  const k = j.categories.length;
  return {
    summary: summarizeAgreement(j, { replicates, seed: 1 }),
    categories: j.categories,
    confusion: ambiguity.matrix ? Array.from({ length: k }, (_, a) => Array.from(ambiguity.matrix!.subarray(a * k, (a + 1) * k))) : null,
    consensus: { labeled: consensus.labeledItems, tied: consensus.tiedItems, disagreements: consensus.disagreementItems },
    hlpBySlice,
  };
}

/** Confident learning over the label column and the probability columns its classes name; undefined when the file has none. */
/** Likely label errors from the per-class probability columns or, for binary data, the score column read as P(positive). */
function findLabelIssuesIn(dataset: Dataset, positive: string | undefined): LabelIssuesOfDataset | undefined {
  const label = columnByRole(dataset, 'label');
  if (!label) return undefined;
  try {
    const positiveScore = binaryScoreSource(dataset, label.index, columnByRole(dataset, 'score')?.index, positive, columnByRole(dataset, 'prediction')?.index);
    return labelIssuesOfDataset(dataset, { label: label.index, positiveScore });
  } catch (error) {
    if (error instanceof LabelIssuesUnavailable) return undefined;
    throw error;
  }
}

function problemCount(file: LoadedFile): number {
  return Object.values(file.dataset.problemTotals).reduce((a, b) => a + b, 0);
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
