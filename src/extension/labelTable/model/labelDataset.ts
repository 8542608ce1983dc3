import * as path from 'node:path';
import { detectLongColumns } from '../../../core/agreement/longFormat';
import type { DatasetConfig } from '../../../core/config/projectConfig';
import type { ColumnInfo } from '../../../core/dataset/dataset';
import { resolveChosenJudgements } from '../../../node/externalJudgements';
import { readDatasetConfig, updateDatasetConfig } from '../../../node/projectConfigFile';
import type { LoadSummary, WorkerRow } from '../../../protocol/datasetWorker';
import { DatasetClient } from '../../datasetClient';
import { LoadCancelledError } from '../../datasetErrors';
import type { AnnotationView, DatasetRows } from './labelDocumentModel';

export interface LoadState {
  columns: ColumnInfo[] | undefined;
  keyColumn: string | null;
  headRows: WorkerRow[];
  progress: { bytesRead: number; totalBytes: number; rows: number } | undefined;
  summary: LoadSummary | undefined;
  failure: string | undefined;
}

export type DocumentNotice =
  | { type: 'head' }
  | { type: 'progress' }
  | { type: 'loaded' }
  | { type: 'failed' }
  | { type: 'annotations' }
  | { type: 'sidecarProblems' }
  | { type: 'catalog' }
  | { type: 'judgements' }
  | { type: 'problems' };

type WorkerNotice = Parameters<ConstructorParameters<typeof DatasetClient>[1]>[0];
type JudgementsResult = { items: number; matched: number; unmatched: number; labelers: number; format: string } | null;

/**
 * A label file's rows as the dataset worker holds them: loading, its settings in
 * .loupe/config.json, labeler judgements from another file. Others read it through getters.
 */
export class LabelDataset implements DatasetRows {
  readonly client: DatasetClient;
  private readonly state: LoadState = { columns: undefined, keyColumn: null, headRows: [], progress: undefined, summary: undefined, failure: undefined };
  private loading: Promise<void> | undefined;
  private config: DatasetConfig = {};
  private tagNamesInFile: string[] = [];
  private judgementsFile: string | null = null;
  private missing: string[] = [];

  constructor(
    private readonly file: string,
    private readonly root: string | undefined,
    extensionPath: string,
    private readonly annotations: () => AnnotationView,
    private readonly notify: (notice: DocumentNotice) => void,
    private readonly warn: (message: string) => void,
  ) {
    this.client = new DatasetClient(extensionPath, (notice) => this.onWorkerNotice(notice));
  }

  get load(): Readonly<LoadState> {
    return this.state;
  }

  /** Settings of this file in .loupe/config.json. */
  get settings(): Readonly<DatasetConfig> {
    return this.config;
  }

  /** Tags found in the file's own tags column. */
  get fileTagNames(): readonly string[] {
    return this.tagNamesInFile;
  }

  /** The file labeler judgements come from, when not the label file's own columns. */
  get externalJudgements(): string | null {
    return this.judgementsFile;
  }

  /** Annotated keys with no row in the file (after the CSV changed): kept, and reported. */
  get missingKeys(): readonly string[] {
    return this.missing;
  }

  keyColumn(): string | null {
    return this.state.keyColumn;
  }

  async fileTags(keys: string[]): Promise<Record<string, string[]>> {
    return this.state.summary ? this.client.request('fileTags', { keys }) : {};
  }

  async keysWithTag(tag: string): Promise<string[]> {
    return this.state.summary ? this.client.request('keysWithTag', { tag }) : [];
  }

  /** Starts (once) loading the CSV in the worker. */
  startLoading(): Promise<void> {
    this.loading ??= this.loadDataset();
    return this.loading;
  }

  reload(): Promise<void> {
    this.loading = undefined;
    Object.assign(this.state, { columns: undefined, headRows: [], progress: undefined, summary: undefined, failure: undefined });
    return this.startLoading();
  }

  /** True when the header names example, annotator and label columns (long format). */
  looksLongFormat(): boolean {
    return typeof detectLongColumns((this.state.columns ?? []).map((c) => c.name)) !== 'string';
  }

  /** Tells the worker each annotated row's tag override; notes which keys the file lacks. */
  async syncAnnotations(): Promise<void> {
    if (!this.state.summary) return;
    const entries: [string, string[] | null][] = [];
    const reviewed: string[] = [];
    for (const [key, a] of this.annotations().entries()) {
      entries.push([key, a.tags ? [...a.tags] : null]);
      if (a.label !== undefined || a.ambiguous) reviewed.push(key);
    }
    // Both requests go out at once; the worker answers them in order.
    const [{ missingKeys }] = await Promise.all([this.client.request('setAnnotations', { entries }), this.client.request('setReviewed', { keys: reviewed })]);
    this.missing = missingKeys;
  }

  /** Labeler judgements from another file (long format or a Label Studio export), or null for the file's own; remembered in config.json. */
  async useJudgements(file: string | null): Promise<JudgementsResult> {
    const result = await this.applyJudgements(file);
    await this.saveSetting({ judgements: file === null ? undefined : path.relative(path.dirname(this.file), file).split(path.sep).join('/') });
    return result;
  }

  /** Reads this file itself as long-format judgements (example, annotator, label rows); remembered in config.json. */
  async useOwnLongFormat(): Promise<{ items: number; labelers: number }> {
    const result = await this.applyOwnLongFormat();
    await this.saveSetting({ judgements: path.basename(this.file) });
    return result;
  }

  /** Remembers a choice that does not change how the file is read (e.g. the positive class). */
  async saveSetting(patch: Partial<DatasetConfig>): Promise<void> {
    await updateDatasetConfig(this.file, this.root, patch);
    this.config = { ...this.config, ...patch };
  }

  /** Changes how the file is read (roles, delimiter, encoding): saved to config.json, then reloaded. */
  async changeSettings(patch: Partial<DatasetConfig>): Promise<void> {
    await updateDatasetConfig(this.file, this.root, patch);
    await this.reload();
  }

  dispose(): void {
    this.client.dispose();
  }

  private async loadDataset(): Promise<void> {
    try {
      const { config, problem } = await readDatasetConfig(this.file, this.root);
      this.config = config;
      if (problem) this.warn(`Loupe: .loupe/config.json cannot be read (${problem}); the file's own settings are used.`);
      const options = { roles: config.roles, delimiter: config.delimiter, encoding: config.encoding, positiveClass: config.positiveClass };
      const summary = await this.client.request('load', { path: this.file, options });
      this.state.summary = summary;
      this.state.columns = summary.columns;
      this.state.keyColumn = summary.keyColumn;
      this.tagNamesInFile = summary.fileTagNames;
      await this.syncAnnotations();
      await this.restoreJudgements();
      this.notify({ type: 'loaded' });
    } catch (error) {
      this.state.failure = error instanceof LoadCancelledError ? 'Loading was cancelled.' : `Could not read ${this.file}: ${(error as Error).message}`;
      this.notify({ type: 'failed' });
    }
  }

  private onWorkerNotice(notice: WorkerNotice): void {
    if (notice.type === 'head') {
      this.state.columns = notice.columns;
      this.state.keyColumn = notice.keyColumn;
      this.state.headRows = notice.rows;
      this.notify({ type: 'head' });
    } else if (notice.type === 'problems') {
      if (!this.state.summary) return;
      this.state.summary.problems = notice.problems;
      this.state.summary.problemCount = notice.problemCount;
      this.notify({ type: 'problems' });
    } else if (notice.type === 'progress') {
      this.state.progress = { bytesRead: notice.bytesRead, totalBytes: notice.totalBytes, rows: notice.rows };
      this.notify({ type: 'progress' });
    }
  }

  private async applyJudgements(file: string | null): Promise<JudgementsResult> {
    const result = await this.client.request('useJudgements', { path: file });
    this.judgementsFile = file;
    const summary = this.state.summary;
    if (summary) summary.hasLabelers = result !== null || summary.columns.filter((c) => c.role === 'labeler').length >= 2;
    this.notify({ type: 'judgements' });
    return result;
  }

  private async applyOwnLongFormat(): Promise<{ items: number; labelers: number }> {
    const result = await this.client.request('useOwnLongFormat', {});
    this.judgementsFile = this.file;
    this.notify({ type: 'judgements' });
    return result;
  }

  /** After a load: the judgements chosen earlier (config.json), read again; a missing or broken file is reported, the choice kept. */
  private async restoreJudgements(): Promise<void> {
    const chosen = this.config.judgements;
    this.judgementsFile = null;
    if (!chosen) return;
    try {
      if (path.resolve(path.dirname(this.file), chosen) === this.file) await this.applyOwnLongFormat();
      else await this.applyJudgements(await resolveChosenJudgements(this.file, this.root, chosen));
    } catch (error) {
      this.warn(`Loupe: the labeler judgements chosen for ${path.basename(this.file)} in .loupe/config.json (${chosen}) cannot be read: ${(error as Error).message}. The file's own labeler columns are used; choose the judgements again in the Consistency view.`);
    }
  }
}
