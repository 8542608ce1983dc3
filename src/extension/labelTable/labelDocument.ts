import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AnnotationSet, type AnnotationEdit } from '../../core/annotations/annotations';
import { parseBackup, serializeBackup, type BackupFile } from '../../core/annotations/backup';
import { mergeAnnotations, sameAnnotations } from '../../core/annotations/merge';
import { parseSidecar, SIDECAR_VERSION, type SidecarProblem } from '../../core/annotations/sidecar';
import { withTags, replaceInCatalog, undoReplaceInCatalog, catalogWeights, type TagCatalog } from '../../core/annotations/tagCatalog';
import type { ColumnInfo } from '../../core/dataset/dataset';
import type { DatasetConfig } from '../../core/config/projectConfig';
import { ownValue } from '../../core/config/dataRecord';
import { readDatasetConfig, updateDatasetConfig } from '../../node/projectConfigFile';
import { detectLongColumns } from '../../core/agreement/longFormat';
import { datasetLabel, loupeFolder, sidecarPath } from '../../node/loupePaths';
import { writeFileAtomic } from '../../node/atomicWrite';
import { saveSidecarFile } from '../../node/sidecarFile';
import { CatalogUnreadableError, updateCatalogFile } from '../../node/tagCatalogFile';
import { readProjectCatalog } from '../../node/projectFiles';
import { resolveChosenJudgements } from '../../node/externalJudgements';
import type { LoadSummary, WorkerRow } from '../../protocol/datasetWorker';
import type { TableFilter } from '../../protocol/labelTable';
import { CANCELLED } from '../../protocol/datasetWorker';
import { DatasetClient } from '../datasetClient';

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

interface SidecarSnapshot {
  annotations: AnnotationSet;
  catalog: TagCatalog;
  problems: SidecarProblem[];
  /** tags.json is there but unusable (`file:line:col: why`): default weights apply. */
  catalogProblem?: string;
  /** Content of the sidecar as read, to notice a change on disk before saving over it. */
  text: string | undefined;
}

/** Where unsaved edits are journaled, one file per label file. */
export interface UnsavedJournal {
  fileFor(datasetPath: string): string;
}

/**
 * A label file opened in Loupe. The CSV is read-only; the document's content is its
 * annotations, saved to the sidecar under `.loupe/`. Edits are snapshot pairs, so undo and
 * redo are exact; the dataset's columns live in a worker thread (see DatasetClient).
 */
export class LabelDocument implements vscode.CustomDocument {
  readonly client: DatasetClient;
  readonly load: LoadState = { columns: undefined, keyColumn: null, headRows: [], progress: undefined, summary: undefined, failure: undefined };
  annotations: AnnotationSet;
  catalog: TagCatalog;
  sidecarProblems: SidecarProblem[];
  private base: SidecarSnapshot;
  private readonly notices = new vscode.EventEmitter<DocumentNotice>();
  readonly onNotice = this.notices.event;
  private readonly edits = new vscode.EventEmitter<AnnotationEdit>();
  readonly onEdit = this.edits.event;
  private readonly filterRequests = new vscode.EventEmitter<TableFilter>();
  readonly onFilterRequest = this.filterRequests.event;
  private loading: Promise<void> | undefined;
  readonly restoredFromBackup: boolean;
  /** Settings of this file in .loupe/config.json. */
  settings: DatasetConfig = {};
  /** Tags found in the file's own tags column. */
  fileTagNames: string[] = [];
  /** The file labeler judgements come from, when not the label file's own columns. */
  externalJudgements: string | null = null;
  /** Annotated keys with no row in the file (after the CSV changed): kept, and reported. */
  missingKeys: string[] = [];
  private journal: UnsavedJournal | undefined;
  /** Tag renames, merges and deletions: how their undo and redo change tags.json. */
  private readonly catalogEdits = new WeakMap<AnnotationEdit, { undo(current: TagCatalog): TagCatalog; redo(current: TagCatalog): TagCatalog }>();
  private journalTimer: NodeJS.Timeout | undefined;

  private constructor(
    readonly uri: vscode.Uri,
    private readonly workspaceRoot: string | undefined,
    extensionPath: string,
    snapshot: SidecarSnapshot,
    restored: AnnotationSet | undefined,
  ) {
    this.base = snapshot;
    this.restoredFromBackup = restored !== undefined;
    this.annotations = restored ?? new AnnotationSet(snapshot.annotations.entries());
    this.catalog = snapshot.catalog;
    this.sidecarProblems = snapshot.problems;
    this.client = new DatasetClient(extensionPath, (notice) => this.onWorkerNotice(notice));
  }

  /**
   * Opens a label file's annotations: from VS Code's hot-exit backup when there is one, else
   * from Loupe's own journal of unsaved edits (kept in case the window went away before VS
   * Code could hand the backup back), else from the sidecar.
   */
  static async open(uri: vscode.Uri, backupId: string | undefined, extensionPath: string, journal: UnsavedJournal): Promise<LabelDocument> {
    const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    const snapshot = await readSidecar(uri.fsPath, root);
    // Once per open: a broken tags.json is left as it is, and only orders the ranking.
    if (snapshot.catalogProblem) void vscode.window.showWarningMessage(`Loupe: ${snapshot.catalogProblem}; default tag weights are used until it is fixed.`);
    const backup = (backupId ? await readBackup(vscode.Uri.parse(backupId).fsPath) : undefined) ?? (await readBackup(journal.fileFor(uri.fsPath)));
    let restored: AnnotationSet | undefined;
    if (backup) {
      const base = new AnnotationSet(backup.base);
      const theirs = backup.baseText === (snapshot.text ?? null) ? base : snapshot.annotations;
      restored = mergeAnnotations(base, new AnnotationSet(backup.entries), theirs).merged;
    }
    const document = new LabelDocument(uri, root, extensionPath, snapshot, restored);
    document.journal = journal;
    return document;
  }

  get sidecarFile(): string {
    return sidecarPath(this.uri.fsPath, this.workspaceRoot);
  }

  get tagsFile(): string {
    return path.join(loupeFolder(this.uri.fsPath, this.workspaceRoot), 'tags.json');
  }

  /** Tag names in catalog order, then the sidecar's others, then the file's. */
  tagNames(): string[] {
    return withTags(this.catalog, [...this.annotations.tagsInUse(), ...this.fileTagNames]).tags.map((t) => t.name);
  }

  /** Starts (once) loading the CSV in the worker. */
  startLoading(): Promise<void> {
    this.loading ??= this.loadDataset();
    return this.loading;
  }

  reload(): Promise<void> {
    this.loading = undefined;
    Object.assign(this.load, { columns: undefined, headRows: [], progress: undefined, summary: undefined, failure: undefined });
    return this.startLoading();
  }

  private async loadDataset(): Promise<void> {
    try {
      const { config, problem } = await readDatasetConfig(this.uri.fsPath, this.workspaceRoot);
      this.settings = config;
      if (problem) void vscode.window.showWarningMessage(`Loupe: .loupe/config.json cannot be read (${problem}); the file's own settings are used.`);
      const options = { roles: config.roles, delimiter: config.delimiter, encoding: config.encoding };
      const summary = await this.client.request('load', { path: this.uri.fsPath, options });
      this.load.summary = summary;
      this.load.columns = summary.columns;
      this.load.keyColumn = summary.keyColumn;
      this.fileTagNames = summary.fileTagNames;
      await this.syncAnnotations();
      await this.restoreJudgements();
      this.notices.fire({ type: 'loaded' });
    } catch (error) {
      const message = (error as Error).message;
      this.load.failure = message === CANCELLED ? 'Loading was cancelled.' : `Could not read ${this.uri.fsPath}: ${message}`;
      this.notices.fire({ type: 'failed' });
    }
  }

  private onWorkerNotice(notice: Parameters<ConstructorParameters<typeof DatasetClient>[1]>[0]): void {
    if (notice.type === 'head') {
      this.load.columns = notice.columns;
      this.load.keyColumn = notice.keyColumn;
      this.load.headRows = notice.rows;
      this.notices.fire({ type: 'head' });
    } else if (notice.type === 'problems') {
      if (!this.load.summary) return;
      this.load.summary.problems = notice.problems;
      this.load.summary.problemCount = notice.problemCount;
      this.notices.fire({ type: 'problems' });
    } else if (notice.type === 'progress') {
      this.load.progress = { bytesRead: notice.bytesRead, totalBytes: notice.totalBytes, rows: notice.rows };
      this.notices.fire({ type: 'progress' });
    }
  }

  /** Applies an edit made in the UI and reports it to VS Code (undo stack, dirty state). */
  makeEdit(edit: AnnotationEdit | undefined): void {
    if (!edit) return;
    this.annotations.redo(edit);
    this.edits.fire(edit);
    void this.afterChange();
  }

  undo(edit: AnnotationEdit): void {
    this.annotations.undo(edit);
    const catalog = this.catalogEdits.get(edit);
    if (catalog) void this.writeCatalog((current) => catalog.undo(current));
    void this.afterChange();
  }

  redo(edit: AnnotationEdit): void {
    this.annotations.redo(edit);
    const catalog = this.catalogEdits.get(edit);
    if (catalog) void this.writeCatalog((current) => catalog.redo(current));
    void this.afterChange();
  }

  private async afterChange(): Promise<void> {
    this.scheduleJournal();
    await this.syncAnnotations();
    this.notices.fire({ type: 'annotations' });
  }

  /** True when the annotations differ from what was last read from or written to disk. */
  isModified(): boolean {
    return !sameAnnotations(this.annotations, this.base.annotations);
  }

  private scheduleJournal(): void {
    clearTimeout(this.journalTimer);
    this.journalTimer = setTimeout(() => void this.writeJournal(), 300);
  }

  private async writeJournal(): Promise<void> {
    if (!this.journal) return;
    const file = this.journal.fileFor(this.uri.fsPath);
    if (!this.isModified()) {
      await fs.rm(file, { force: true });
      return;
    }
    await writeFileAtomic(file, serializeBackup(this.backupContent())).catch(() => undefined);
  }

  private async clearJournal(): Promise<void> {
    clearTimeout(this.journalTimer);
    if (this.journal) await fs.rm(this.journal.fileFor(this.uri.fsPath), { force: true });
  }

  private backupContent(): BackupFile {
    return {
      loupeBackup: 1,
      entries: [...this.annotations.entries()],
      base: [...this.base.annotations.entries()],
      baseText: this.base.text ?? null,
    };
  }

  /** Tells the worker each annotated row's tag override; notes which keys the file lacks. */
  private async syncAnnotations(): Promise<void> {
    if (!this.load.summary) return;
    const entries: [string, string[] | null][] = [];
    const reviewed: string[] = [];
    for (const [key, a] of this.annotations.entries()) {
      entries.push([key, a.tags ? [...a.tags] : null]);
      if (a.label !== undefined || a.ambiguous) reviewed.push(key);
    }
    // Both requests go out at once; the worker answers them in order.
    const [{ missingKeys }] = await Promise.all([this.client.request('setAnnotations', { entries }), this.client.request('setReviewed', { keys: reviewed })]);
    this.missingKeys = missingKeys;
  }

  /** A review decision: the final label (null clears it) and/or the "ambiguous" mark. */
  review(keys: string[], decision: { label?: string | null; ambiguous?: boolean }): void {
    const what = decision.label ? `Set label "${decision.label}"` : decision.label === null ? 'Clear label fix' : decision.ambiguous ? 'Mark ambiguous' : 'Unmark ambiguous';
    this.makeEdit(this.annotations.setReview(keys, decision, keys.length > 1 ? `${what} on ${keys.length} rows` : what));
  }

  /** Label fixes decided in review, by key. */
  labelFixes(): [string, string][] {
    return [...this.annotations.entries()].filter(([, a]) => a.label !== undefined).map(([key, a]) => [key, a.label!]);
  }

  /** Builds the edit that toggles a tag on rows, starting from each row's tags in the file. */
  async toggleTag(keys: string[], tag: string, on: boolean): Promise<void> {
    const fileTags = this.load.summary ? await this.client.request('fileTags', { keys }) : {};
    this.makeEdit(this.annotations.toggleTag(keys, tag, on, (key) => ownValue(fileTags, key) ?? []));
  }

  /** Renames a tag everywhere (into an existing tag: merges them), or deletes it (`to` null). Undoable. */
  async replaceTag(from: string, to: string | null): Promise<number> {
    const keys = new Set([...this.annotations.entries()].filter(([, a]) => a.tags?.includes(from)).map(([k]) => k));
    if (this.load.summary) for (const key of await this.client.request('keysWithTag', { tag: from })) keys.add(key);
    const fileTags = this.load.summary ? await this.client.request('fileTags', { keys: [...keys] }) : {};
    const edit = this.annotations.replaceTag([...keys], from, to, (k) => ownValue(fileTags, k) ?? []);
    const original = this.catalog;
    await this.writeCatalog((current) => replaceInCatalog(current, from, to));
    // Undo and redo of the edit also restore and re-apply the tag's definition in tags.json.
    if (edit) this.catalogEdits.set(edit, { undo: (current) => undoReplaceInCatalog(current, original, from, to), redo: (current) => replaceInCatalog(current, from, to) });
    this.makeEdit(edit);
    return edit?.changes.length ?? 0;
  }

  /** Changes tags.json as it is on disk now; one that cannot be parsed is left as it is, and the user told why. */
  private async writeCatalog(change: (current: TagCatalog) => TagCatalog): Promise<void> {
    try {
      this.catalog = await updateCatalogFile(this.tagsFile, change);
    } catch (error) {
      if (!(error instanceof CatalogUnreadableError)) throw error;
      this.catalog = change(this.catalog);
      void vscode.window.showWarningMessage(`Loupe: tags.json was not updated. ${error.message}`);
    }
    this.notices.fire({ type: 'catalog' });
  }

  async setNote(key: string, note: string): Promise<void> {
    const fileTags = this.load.summary ? await this.client.request('fileTags', { keys: [key] }) : {};
    this.makeEdit(this.annotations.setNote(key, note, (k) => ownValue(fileTags, k) ?? []));
  }

  /** Labeler judgements from another file (long format or a Label Studio export), or null for the file's own; remembered in config.json. */
  async useJudgements(file: string | null): Promise<{ items: number; matched: number; unmatched: number; labelers: number; format: string } | null> {
    const result = await this.applyJudgements(file);
    await this.saveSetting({ judgements: file === null ? undefined : this.relativeToFile(file) });
    return result;
  }

  /** Reads this file itself as long-format judgements (example, annotator, label rows); remembered in config.json. */
  async useOwnLongFormat(): Promise<{ items: number; labelers: number }> {
    const result = await this.applyOwnLongFormat();
    await this.saveSetting({ judgements: path.basename(this.uri.fsPath) });
    return result;
  }

  private async applyJudgements(file: string | null): Promise<{ items: number; matched: number; unmatched: number; labelers: number; format: string } | null> {
    const result = await this.client.request('useJudgements', { path: file });
    this.externalJudgements = file;
    if (this.load.summary) this.load.summary.hasLabelers = result !== null || this.load.summary.columns.filter((c) => c.role === 'labeler').length >= 2;
    this.notices.fire({ type: 'judgements' });
    return result;
  }

  private async applyOwnLongFormat(): Promise<{ items: number; labelers: number }> {
    const result = await this.client.request('useOwnLongFormat', {});
    this.externalJudgements = this.uri.fsPath;
    this.notices.fire({ type: 'judgements' });
    return result;
  }

  private relativeToFile(file: string): string {
    return path.relative(path.dirname(this.uri.fsPath), file).split(path.sep).join('/');
  }

  /** After a load: the judgements chosen earlier (config.json), read again; a missing or broken file is reported, the choice kept. */
  private async restoreJudgements(): Promise<void> {
    const chosen = this.settings.judgements;
    this.externalJudgements = null;
    if (!chosen) return;
    try {
      if (path.resolve(path.dirname(this.uri.fsPath), chosen) === this.uri.fsPath) await this.applyOwnLongFormat();
      else await this.applyJudgements(await resolveChosenJudgements(this.uri.fsPath, this.workspaceRoot, chosen));
    } catch (error) {
      void vscode.window.showWarningMessage(`Loupe: the labeler judgements chosen for ${path.basename(this.uri.fsPath)} in .loupe/config.json (${chosen}) cannot be read: ${(error as Error).message}. The file's own labeler columns are used; choose the judgements again in the Consistency view.`);
    }
  }

  /** True when the header names example, annotator and label columns (long format). */
  looksLongFormat(): boolean {
    const names = (this.load.columns ?? []).map((c) => c.name);
    return typeof detectLongColumns(names) !== 'string';
  }

  /** Sets a tag's weight or manual HLP in .loupe/tags.json (created when missing). */
  async setTagWeight(tag: string, field: 'ease' | 'importance' | 'hlp', value: number | null): Promise<void> {
    // A tags.json that cannot be parsed refuses the change (CatalogUnreadableError names file and line).
    this.catalog = await updateCatalogFile(this.tagsFile, (current) => {
      const catalog = withTags(current, [tag]);
      const tags = catalog.tags.map((t) => (t.name !== tag ? t : field === 'hlp' ? { ...t, hlp: value } : { ...t, [field]: value ?? 1 }));
      return { ...catalog, tags };
    });
    this.notices.fire({ type: 'catalog' });
  }

  /** Weights and manual HLP of every tag, from tags.json. */
  tagWeights(): Record<string, { ease: number; importance: number; hlp: number | null }> {
    return catalogWeights(this.catalog);
  }

  /** Asks the table(s) showing this document to apply a filter (from another view). */
  showInTable(filter: TableFilter): void {
    this.filterRequests.fire(filter);
  }

  /** Remembers a choice that does not change how the file is read (e.g. the positive class). */
  async saveSetting(patch: Partial<DatasetConfig>): Promise<void> {
    await updateDatasetConfig(this.uri.fsPath, this.workspaceRoot, patch);
    this.settings = { ...this.settings, ...patch };
  }

  /** Changes how the file is read (roles, delimiter, encoding): saved to config.json, then reloaded. */
  async changeSettings(patch: Partial<DatasetConfig>): Promise<void> {
    await updateDatasetConfig(this.uri.fsPath, this.workspaceRoot, patch);
    await this.reload();
  }

  async save(): Promise<void> {
    await this.saveTo(this.uri.fsPath, this.sidecarFile);
    await this.clearJournal();
  }

  async saveAs(target: vscode.Uri): Promise<void> {
    // The dataset is copied byte for byte; its annotations go to the new file's sidecar.
    await fs.copyFile(this.uri.fsPath, target.fsPath);
    const root = vscode.workspace.getWorkspaceFolder(target)?.uri.fsPath;
    await this.saveTo(target.fsPath, sidecarPath(target.fsPath, root), root);
  }

  private async saveTo(dataset: string, sidecar: string, root = this.workspaceRoot): Promise<void> {
    const own = sidecar === this.sidecarFile;
    const header = { loupe: 'annotations' as const, version: SIDECAR_VERSION, dataset: datasetLabel(dataset, root), key: this.load.keyColumn };
    const saved = await saveSidecarFile({ file: sidecar, loupeDir: loupeFolder(dataset, root), header, annotations: this.annotations, base: own ? this.base : undefined });
    if (saved.conflicts.length > 0) {
      void vscode.window.showWarningMessage(
        `Loupe: the annotations of ${path.basename(dataset)} changed on disk while you edited them. Both were kept; for ${saved.conflicts.length} example(s) changed on both sides the tags were combined.`,
      );
    }
    for (const backup of saved.backups) {
      void vscode.window.showWarningMessage(`Loupe: ${path.basename(sidecar)} was saved; ${backup.reason}, so the previous file is kept as ${path.basename(backup.file)}.`);
    }
    await this.saveCatalog(root, dataset, saved.written);
    if (own) {
      const merged = saved.written !== this.annotations;
      this.annotations = saved.written;
      this.base = { annotations: new AnnotationSet(saved.written.entries()), catalog: this.catalog, problems: [], text: saved.text };
      this.sidecarProblems = [];
      if (merged) await this.afterChange();
      this.notices.fire({ type: 'sidecarProblems' });
    }
  }

  /** Lists new tags in tags.json. The sidecar is already saved: a tags.json that cannot be parsed is only reported. */
  private async saveCatalog(root: string | undefined, dataset: string, annotations: AnnotationSet): Promise<void> {
    const file = path.join(loupeFolder(dataset, root), 'tags.json');
    const add = (current: TagCatalog) => withTags(withTags(current, this.catalog.tags.map((t) => t.name)), annotations.tagsInUse());
    try {
      this.catalog = await updateCatalogFile(file, add);
    } catch (error) {
      if (!(error instanceof CatalogUnreadableError)) throw error;
      const missing = add(this.catalog).tags.map((t) => t.name).filter((name) => !this.catalog.tags.some((t) => t.name === name));
      const unlisted = missing.length > 0 ? ` New tags (${missing.join(', ')}) are not listed in it yet.` : '';
      void vscode.window.showWarningMessage(`Loupe: the annotations were saved, but tags.json was not updated. ${error.message}${unlisted}`);
    }
  }

  /** Re-reads the sidecar from disk, dropping unsaved edits. */
  async revert(): Promise<void> {
    const snapshot = await readSidecar(this.uri.fsPath, this.workspaceRoot);
    this.base = snapshot;
    this.annotations = new AnnotationSet(snapshot.annotations.entries());
    this.catalog = snapshot.catalog;
    this.sidecarProblems = snapshot.problems;
    await this.afterChange();
    await this.clearJournal();
    this.notices.fire({ type: 'sidecarProblems' });
  }

  /** Called when the sidecar changed on disk: follow it when nothing is unsaved. */
  async sidecarChangedOnDisk(dirty: boolean): Promise<void> {
    const text = await readText(this.sidecarFile);
    if (text === this.base.text) return;
    if (!dirty) await this.revert();
  }

  async backup(destination: vscode.Uri): Promise<vscode.CustomDocumentBackup> {
    await writeFileAtomic(destination.fsPath, serializeBackup(this.backupContent()));
    return {
      id: destination.toString(),
      delete: () => void fs.rm(destination.fsPath, { force: true }),
    };
  }

  /** The editor was closed (VS Code already asked about unsaved changes): forget the journal. */
  dispose(): void {
    void this.clearJournal();
    this.client.dispose();
    this.notices.dispose();
    this.edits.dispose();
    this.filterRequests.dispose();
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function readSidecar(dataset: string, root: string | undefined): Promise<SidecarSnapshot> {
  const problems: SidecarProblem[] = [];
  let text: string | undefined;
  try {
    text = await readText(sidecarPath(dataset, root));
  } catch (error) {
    problems.push({ line: 0, kind: 'unreadable', message: `cannot be read (${(error as Error).message}); it will not be overwritten until you save` });
  }
  const parsed = text === undefined ? { entries: [], problems: [] } : parseSidecar(text);
  const catalog = await readProjectCatalog(path.join(loupeFolder(dataset, root), 'tags.json'));
  return {
    annotations: new AnnotationSet(parsed.entries),
    catalog: catalog.catalog,
    catalogProblem: catalog.catalogProblem,
    problems: [...problems, ...parsed.problems],
    text,
  };
}

/** A backup's content; undefined when there is none. One that cannot be read is reported and left where it is. */
async function readBackup(file: string): Promise<BackupFile | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = parseBackup(text);
  if (parsed.ok) return parsed.backup;
  void vscode.window.showWarningMessage(`Loupe: unsaved annotations kept for hot exit cannot be read (${parsed.problem}); the saved annotations are shown. The backup is left in ${file}.`);
  return undefined;
}
