import * as path from 'node:path';
import { AnnotationSet, type Annotation, type AnnotationEdit } from '../../../core/annotations/annotations';
import { parseBackup, serializeBackup, type BackupFile } from '../../../core/annotations/backup';
import { mergeAnnotations, sameAnnotations } from '../../../core/annotations/merge';
import { parseSidecar, serializeSidecar, SIDECAR_VERSION, type SidecarProblem } from '../../../core/annotations/sidecar';
import { catalogWeights, emptyCatalog, formatCatalogProblem, replaceInCatalog, setHotkey, undoReplaceInCatalog, withTags, type TagCatalog } from '../../../core/annotations/tagCatalog';
import { ownValue } from '../../../core/config/dataRecord';
import { readTextFile, type FileAccess } from '../../../node/fileAccess';
import { datasetLabel, loupeFolder, sidecarPath } from '../../../node/loupePaths';
import { saveSidecarFile, type SidecarBase } from '../../../node/sidecarFile';
import { CatalogUnreadableError, readCatalogFile, updateCatalogFile } from '../../../node/tagCatalogFile';
import { counted } from '../../../core/plural';

/** What the model asks of the label file's rows (the dataset worker in the extension). */
export interface DatasetRows {
  /** The id column the sidecar is keyed by (null: row numbers). */
  keyColumn(): string | null;
  /** Each key's tags in the file's own tags column. */
  fileTags(keys: string[]): Promise<Record<string, string[]>>;
  /** Keys whose row carries the tag in the file's own tags column. */
  keysWithTag(tag: string): Promise<string[]>;
}

/** What the model tells its owner. */
export interface ModelEvents {
  /** A new undoable edit was applied (the owner reports it to the undo stack). */
  edited(edit: AnnotationEdit): void;
  /** The annotations changed (edit, undo, redo, merge on save, revert); awaited before the model goes on. */
  annotationsChanged(): Promise<void> | void;
  catalogChanged(): void;
  sidecarProblemsChanged(): void;
  /** Something the user must read (a file left as it was, a copy kept, a merge). */
  warn(message: string): void;
}

export interface ModelOptions {
  /** The label file (absolute path). */
  dataset: string;
  /** Its workspace folder; undefined outside one. */
  root: string | undefined;
  files: FileAccess;
  rows: DatasetRows;
  events: ModelEvents;
  /** Where unsaved edits are journaled; undefined: no journal. */
  journalFile?: string;
  /** VS Code's hot-exit backup to restore, when it handed one back. */
  backupFile?: string;
  /** Delay between the last edit and its journal write. */
  journalDelayMs?: number;
}

interface SidecarSnapshot extends SidecarBase {
  catalog: TagCatalog;
  problems: SidecarProblem[];
  /** tags.json is there but unusable (`file:line:col: why`): default weights apply. */
  catalogProblem?: string;
}

/** A read-only view of the annotations, for those who show them. */
export type AnnotationView = Pick<AnnotationSet, 'get' | 'entries' | 'tagsInUse' | 'size'>;

type CatalogChange = (current: TagCatalog) => TagCatalog;

/**
 * A label file's annotations as a document, with no VS Code: edits (snapshot pairs, so undo
 * and redo are exact), the tag catalog, the journal of unsaved edits, and save with a
 * three-way merge when the sidecar changed on disk. File access comes in through FileAccess.
 */
export class LabelDocumentModel {
  private current: AnnotationSet;
  private catalogNow: TagCatalog;
  private problems: SidecarProblem[];
  private base: SidecarSnapshot;
  private readonly restored: boolean;
  /** Tag renames, merges and deletions: how their undo and redo change tags.json. */
  private readonly catalogEdits = new WeakMap<AnnotationEdit, { undo: CatalogChange; redo: CatalogChange }>();
  private journalTimer: ReturnType<typeof setTimeout> | undefined;
  private journalWrite: Promise<void> = Promise.resolve();

  private constructor(
    private readonly options: ModelOptions,
    snapshot: SidecarSnapshot,
    restored: AnnotationSet | undefined,
  ) {
    this.base = snapshot;
    this.restored = restored !== undefined;
    this.current = restored ?? new AnnotationSet(snapshot.annotations.entries());
    this.catalogNow = snapshot.catalog;
    this.problems = snapshot.problems;
  }

  /**
   * Opens a label file's annotations: from VS Code's hot-exit backup when there is one, else
   * from the journal of unsaved edits (kept in case the window went away before VS Code could
   * hand the backup back), else from the sidecar. Edits restored over a sidecar that changed
   * since are merged into it.
   */
  static async open(options: ModelOptions): Promise<LabelDocumentModel> {
    const snapshot = await readSnapshot(options);
    // Once per open: a broken tags.json is left as it is, and only orders the ranking.
    if (snapshot.catalogProblem) options.events.warn(`Loupe: ${snapshot.catalogProblem}; default tag weights are used until it is fixed.`);
    const backup = (options.backupFile ? await readBackup(options, options.backupFile) : undefined) ?? (options.journalFile ? await readBackup(options, options.journalFile) : undefined);
    let restored: AnnotationSet | undefined;
    if (backup) {
      const base = new AnnotationSet(backup.base);
      const theirs = backup.baseText === (snapshot.text ?? null) ? base : snapshot.annotations;
      restored = mergeAnnotations(base, new AnnotationSet(backup.entries), theirs).merged;
    }
    return new LabelDocumentModel(options, snapshot, restored);
  }

  get annotations(): AnnotationView {
    return this.current;
  }

  get catalog(): TagCatalog {
    return this.catalogNow;
  }

  get sidecarProblems(): readonly SidecarProblem[] {
    return this.problems;
  }

  /** True when the annotations came back from a backup or the journal. */
  get restoredFromBackup(): boolean {
    return this.restored;
  }

  get sidecarFile(): string {
    return sidecarPath(this.options.dataset, this.options.root);
  }

  /**
   * Gives a file written from this one (label fixes applied to a new file) this file's tags,
   * notes and ambiguity marks, as they are now (unsaved edits included); the decided labels
   * are in its cells already and are not carried. A file that has annotations of its own keeps
   * them: nothing is written over them.
   */
  async carryAnnotationsTo(target: string): Promise<'carried' | 'kept' | 'nothing'> {
    const entries: [string, Annotation][] = [];
    for (const [key, a] of this.current.entries()) {
      const carried: Annotation = { ...(a.tags ? { tags: a.tags } : {}), ...(a.note ? { note: a.note } : {}), ...(a.ambiguous ? { ambiguous: true } : {}), ...(a.extra ? { extra: a.extra } : {}) };
      if (carried.tags || carried.note || carried.ambiguous || carried.extra) entries.push([key, carried]);
    }
    if (entries.length === 0) return 'nothing';
    const { root } = this.options;
    const header = { loupe: 'annotations' as const, version: SIDECAR_VERSION, dataset: datasetLabel(target, root), key: this.options.rows.keyColumn() };
    return (await this.options.files.create(sidecarPath(target, root), serializeSidecar(header, entries))) ? 'carried' : 'kept';
  }

  get tagsFile(): string {
    return path.join(loupeFolder(this.options.dataset, this.options.root), 'tags.json');
  }

  /** True when the annotations differ from what was last read from or written to disk. */
  isModified(): boolean {
    return !sameAnnotations(this.current, this.base.annotations);
  }

  /** Tag names in catalog order, then the sidecar's others, then the given ones (the file's). */
  tagNames(fileTagNames: readonly string[]): string[] {
    return this.tagList(fileTagNames).map((t) => t.name);
  }

  /**
   * The tags and the key (1-9) that toggles each, as tags.json keeps them, each name once: a
   * name written with other case or spacing in the file's tags column than in Loupe's tags is
   * the same tag. `source` says where it comes from: Loupe's tags (tags.json, the sidecar), the
   * file's tags column, or both.
   */
  tagList(fileTagNames: readonly string[]): TagListEntry[] {
    const own = new Set([...this.catalogNow.tags.map((t) => sameTagKey(t.name)), ...this.current.tagsInUse().map(sameTagKey)]);
    const inFile = new Set(fileTagNames.map(sameTagKey));
    // Another spelling of a listed tag gets no entry (nor a key) of its own.
    const seen = new Set(this.catalogNow.tags.map((t) => sameTagKey(t.name)));
    const added = [...this.current.tagsInUse(), ...fileTagNames].filter((t) => !seen.has(sameTagKey(t)) && seen.add(sameTagKey(t)));
    return withTags(this.catalogNow, added).tags.map((t) => {
      const name = sameTagKey(t.name);
      const source = own.has(name) ? (inFile.has(name) ? 'both' : 'loupe') : 'file';
      return { name: t.name, key: t.hotkey ?? null, source };
    });
  }

  /** Gives a tag its key 1-9 (null: none) in tags.json; the tag that had that key gets this tag's old one. */
  async setTagKey(tag: string, key: string | null): Promise<void> {
    await this.writeCatalog((current) => setHotkey(current, tag, key));
  }

  /** Weights and manual HLP of every tag, from tags.json. */
  tagWeights(): Record<string, { ease: number; importance: number; hlp: number | null }> {
    return catalogWeights(this.catalogNow);
  }

  /** Label fixes decided in review, by key. */
  labelFixes(): [string, string][] {
    return [...this.current.entries()].filter((e): e is [string, Annotation & { label: string }] => e[1].label !== undefined).map(([key, a]) => [key, a.label]);
  }

  /** Toggles a tag on rows, starting from each row's tags in the file. */
  async toggleTag(keys: string[], tag: string, on: boolean): Promise<void> {
    const fileTags = await this.options.rows.fileTags(keys);
    await this.apply(this.current.toggleTag(keys, tag, on, (key) => ownValue(fileTags, key) ?? []));
    // A new tag is listed in tags.json at once, with the smallest free key: the key stays with
    // it, whatever order the tags are used in or the file is reopened in.
    if (on && !this.catalogNow.tags.some((t) => t.name === tag)) await this.listNewTag(tag);
  }

  private async listNewTag(tag: string): Promise<void> {
    try {
      this.catalogNow = await updateCatalogFile(this.tagsFile, (current) => withTags(current, [tag]), this.options.files);
      this.options.events.catalogChanged();
    } catch (error) {
      // An unreadable tags.json was reported when the file opened; saving says which tags it misses.
      if (!(error instanceof CatalogUnreadableError)) throw error;
    }
  }

  async setNote(key: string, note: string): Promise<void> {
    const fileTags = await this.options.rows.fileTags([key]);
    await this.apply(this.current.setNote(key, note, (k) => ownValue(fileTags, k) ?? []));
  }

  /** A review decision: the final label (null clears it) and/or the "ambiguous" mark. */
  async review(keys: string[], decision: { label?: string | null; ambiguous?: boolean }): Promise<void> {
    const what = decision.label ? `Set label "${decision.label}"` : decision.label === null ? 'Clear label fix' : decision.ambiguous ? 'Mark ambiguous' : 'Unmark ambiguous';
    await this.apply(this.current.setReview(keys, decision, keys.length > 1 ? `${what} on ${keys.length} rows` : what));
  }

  /** Renames a tag everywhere (into an existing tag: merges them), or deletes it (`to` null). Undoable, with tags.json. */
  async replaceTag(from: string, to: string | null): Promise<number> {
    const keys = new Set([...this.current.entries()].filter(([, a]) => a.tags?.includes(from)).map(([k]) => k));
    for (const key of await this.options.rows.keysWithTag(from)) keys.add(key);
    const fileTags = await this.options.rows.fileTags([...keys]);
    const edit = this.current.replaceTag([...keys], from, to, (k) => ownValue(fileTags, k) ?? []);
    const original = this.catalogNow;
    await this.writeCatalog((current) => replaceInCatalog(current, from, to));
    // Undo and redo of the edit also restore and re-apply the tag's definition in tags.json.
    if (edit) this.catalogEdits.set(edit, { undo: (current) => undoReplaceInCatalog(current, original, from, to), redo: (current) => replaceInCatalog(current, from, to) });
    await this.apply(edit);
    return edit?.changes.length ?? 0;
  }

  /** Sets a tag's weight or manual HLP in tags.json (created when missing); an unreadable tags.json refuses (CatalogUnreadableError). */
  async setTagWeight(tag: string, field: 'ease' | 'importance' | 'hlp', value: number | null): Promise<void> {
    this.catalogNow = await updateCatalogFile(
      this.tagsFile,
      (current) => {
        const catalog = withTags(current, [tag]);
        return { ...catalog, tags: catalog.tags.map((t) => (t.name !== tag ? t : field === 'hlp' ? { ...t, hlp: value } : { ...t, [field]: value ?? 1 })) };
      },
      this.options.files,
    );
    this.options.events.catalogChanged();
  }

  /** Applies a new edit and reports it (undo stack, dirty state). */
  async apply(edit: AnnotationEdit | undefined): Promise<void> {
    if (!edit) return;
    this.current.redo(edit);
    this.options.events.edited(edit);
    await this.afterChange();
  }

  async undo(edit: AnnotationEdit): Promise<void> {
    this.current.undo(edit);
    const catalog = this.catalogEdits.get(edit);
    await Promise.all([catalog ? this.writeCatalog(catalog.undo) : undefined, this.afterChange()]);
  }

  async redo(edit: AnnotationEdit): Promise<void> {
    this.current.redo(edit);
    const catalog = this.catalogEdits.get(edit);
    await Promise.all([catalog ? this.writeCatalog(catalog.redo) : undefined, this.afterChange()]);
  }

  async save(): Promise<void> {
    await this.saveTo(this.options.dataset, this.options.root);
    await this.clearJournal();
  }

  /** The label file is copied byte for byte; its annotations go to the new file's sidecar. */
  async saveAs(target: string, targetRoot: string | undefined): Promise<void> {
    await this.options.files.copy(this.options.dataset, target);
    await this.saveTo(target, targetRoot);
  }

  /** Re-reads the sidecar and tags.json from disk, dropping unsaved edits. */
  async revert(): Promise<void> {
    const snapshot = await readSnapshot(this.options);
    this.base = snapshot;
    this.current = new AnnotationSet(snapshot.annotations.entries());
    this.catalogNow = snapshot.catalog;
    this.problems = snapshot.problems;
    await this.afterChange();
    await this.clearJournal();
    this.options.events.sidecarProblemsChanged();
  }

  /** The sidecar changed on disk: follow it when nothing is unsaved; else the next save merges. */
  async sidecarChangedOnDisk(dirty: boolean): Promise<void> {
    const text = await readTextFile(this.options.files, this.sidecarFile);
    if (text === this.base.text) return;
    if (!dirty && !this.isModified()) await this.revert();
  }

  /** Writes a hot-exit backup (VS Code's) of the unsaved annotations. */
  writeBackup(file: string): Promise<void> {
    return this.options.files.writeAtomic(file, serializeBackup(this.backupContent()));
  }

  deleteBackup(file: string): Promise<void> {
    return this.options.files.remove(file);
  }

  /** Writes the journal now (edits write it after a short delay). */
  flushJournal(): Promise<void> {
    clearTimeout(this.journalTimer);
    this.journalWrite = this.journalWrite.then(() => this.writeJournal());
    return this.journalWrite;
  }

  /** The editor was closed (VS Code already asked about unsaved changes): forget the journal. */
  dispose(): Promise<void> {
    return this.clearJournal();
  }

  private async afterChange(): Promise<void> {
    this.scheduleJournal();
    await this.options.events.annotationsChanged();
  }

  private scheduleJournal(): void {
    if (!this.options.journalFile) return;
    clearTimeout(this.journalTimer);
    this.journalTimer = setTimeout(() => void this.flushJournal(), this.options.journalDelayMs ?? 300);
  }

  private async writeJournal(): Promise<void> {
    const file = this.options.journalFile;
    if (!file) return;
    if (!this.isModified()) return this.options.files.remove(file);
    await this.options.files.writeAtomic(file, serializeBackup(this.backupContent())).catch(() => undefined);
  }

  private async clearJournal(): Promise<void> {
    clearTimeout(this.journalTimer);
    // A journal write already under way finishes first, so it cannot bring the journal back.
    await this.journalWrite;
    if (this.options.journalFile) await this.options.files.remove(this.options.journalFile);
  }

  private backupContent(): BackupFile {
    return { loupeBackup: 1, entries: [...this.current.entries()], base: [...this.base.annotations.entries()], baseText: this.base.text ?? null };
  }

  /** Changes tags.json as it is on disk now; one that cannot be parsed is left as it is, and the user told why. */
  private async writeCatalog(change: CatalogChange): Promise<void> {
    try {
      this.catalogNow = await updateCatalogFile(this.tagsFile, change, this.options.files);
    } catch (error) {
      if (!(error instanceof CatalogUnreadableError)) throw error;
      this.catalogNow = change(this.catalogNow);
      this.options.events.warn(`Loupe: tags.json was not updated. ${error.message}`);
    }
    this.options.events.catalogChanged();
  }

  private async saveTo(dataset: string, root: string | undefined): Promise<void> {
    const sidecar = sidecarPath(dataset, root);
    const own = sidecar === this.sidecarFile;
    const header = { loupe: 'annotations' as const, version: SIDECAR_VERSION, dataset: datasetLabel(dataset, root), key: this.options.rows.keyColumn() };
    const saved = await saveSidecarFile({ file: sidecar, loupeDir: loupeFolder(dataset, root), header, annotations: this.current, base: own ? this.base : undefined }, this.options.files);
    const { warn } = this.options.events;
    if (saved.conflicts.length > 0) {
      warn(`Loupe: the annotations of ${path.basename(dataset)} changed on disk while you edited them. Both were kept; for ${counted(saved.conflicts.length, 'example')} changed on both sides the tags were combined.`);
    }
    for (const backup of saved.backups) warn(`Loupe: ${path.basename(sidecar)} was saved; ${backup.reason}, so the previous file is kept as ${path.basename(backup.file)}.`);
    await this.saveCatalog(path.join(loupeFolder(dataset, root), 'tags.json'), saved.written);
    if (!own) return;
    const merged = saved.written !== this.current;
    this.current = saved.written;
    this.base = { annotations: new AnnotationSet(saved.written.entries()), catalog: this.catalogNow, problems: [], text: saved.text };
    this.problems = [];
    if (merged) await this.afterChange();
    this.options.events.sidecarProblemsChanged();
  }

  /** Lists new tags in tags.json. The sidecar is already saved: a tags.json that cannot be parsed is only reported. */
  private async saveCatalog(file: string, annotations: AnnotationSet): Promise<void> {
    const add = (current: TagCatalog) => withTags(withTags(current, this.catalogNow.tags.map((t) => t.name)), annotations.tagsInUse());
    try {
      this.catalogNow = await updateCatalogFile(file, add, this.options.files);
    } catch (error) {
      if (!(error instanceof CatalogUnreadableError)) throw error;
      const missing = add(this.catalogNow).tags.map((t) => t.name).filter((name) => !this.catalogNow.tags.some((t) => t.name === name));
      const unlisted = missing.length > 0 ? ` New tags (${missing.join(', ')}) are not listed in it yet.` : '';
      this.options.events.warn(`Loupe: the annotations were saved, but tags.json was not updated. ${error.message}${unlisted}`);
    }
  }
}

async function readSnapshot({ dataset, root, files }: ModelOptions): Promise<SidecarSnapshot> {
  const problems: SidecarProblem[] = [];
  let text: string | undefined;
  try {
    text = await readTextFile(files, sidecarPath(dataset, root));
  } catch (error) {
    problems.push({ line: 0, kind: 'unreadable', message: `cannot be read (${(error as Error).message}); it will not be overwritten until you save` });
  }
  const parsed = text === undefined ? { entries: [], problems: [] } : parseSidecar(text);
  const catalogFile = path.join(loupeFolder(dataset, root), 'tags.json');
  const catalog = await readCatalogFile(catalogFile, files).catch((error: unknown) => ({ catalog: emptyCatalog(), unreadable: `${catalogFile}: cannot be read (${(error as Error).message})` }));
  const catalogProblem = 'unreadable' in catalog ? catalog.unreadable : 'problem' in catalog && catalog.problem ? formatCatalogProblem(catalogFile, catalog.problem) : undefined;
  return { annotations: new AnnotationSet(parsed.entries), catalog: catalog.catalog, catalogProblem, problems: [...problems, ...parsed.problems], text };
}

/** A backup's content; undefined when there is none. One that cannot be read is reported and left where it is. */
async function readBackup({ files, events }: ModelOptions, file: string): Promise<BackupFile | undefined> {
  const text = await readTextFile(files, file).catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = parseBackup(text);
  if (parsed.ok) return parsed.backup;
  events.warn(`Loupe: unsaved annotations kept for hot exit cannot be read (${parsed.problem}); the saved annotations are shown. The backup is left in ${file}.`);
  return undefined;
}

/** Where a tag comes from: Loupe's tags (tags.json, the sidecar), the file's tags column, or both. */
export type TagSource = 'loupe' | 'file' | 'both';

export interface TagListEntry {
  name: string;
  key: string | null;
  source: TagSource;
}

/** Two spellings of one tag name: case, Unicode form and runs of spaces aside. */
function sameTagKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}
