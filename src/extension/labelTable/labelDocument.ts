import * as vscode from 'vscode';
import type { AnnotationEdit } from '../../core/annotations/annotations';
import { nodeFileAccess } from '../../node/fileAccess';
import type { TableFilter } from '../../protocol/labelTable';
import { LabelDataset, type DocumentNotice } from './model/labelDataset';
import { LabelDocumentModel, type ModelEvents, type TagListEntry } from './model/labelDocumentModel';

export type { DocumentNotice, LoadState } from './model/labelDataset';

/** Where unsaved edits are journaled, one file per label file. */
export interface UnsavedJournal {
  fileFor(datasetPath: string): string;
}

const warn = (message: string) => void vscode.window.showWarningMessage(message);

/**
 * A label file opened in Loupe, as VS Code sees it: a thin adapter that turns the model's news
 * into events and forwards VS Code's save, revert and backup hooks. The CSV is read-only; the
 * content is its annotations (LabelDocumentModel), the rows live in a worker (LabelDataset).
 */
export class LabelDocument implements vscode.CustomDocument {
  readonly dataset: LabelDataset;
  private opened: LabelDocumentModel | undefined;
  private readonly notices = new vscode.EventEmitter<DocumentNotice>();
  readonly onNotice = this.notices.event;
  private readonly edits = new vscode.EventEmitter<AnnotationEdit>();
  /** A new undoable edit (the provider reports it to VS Code's undo stack). */
  readonly onEdit = this.edits.event;
  private readonly filterRequests = new vscode.EventEmitter<TableFilter>();
  readonly onFilterRequest = this.filterRequests.event;
  private pendingFilter: { filter: TableFilter; review: boolean } | undefined;
  private readonly rowRequests = new vscode.EventEmitter<number>();
  /** A 0-based row another view asks the table to go to. */
  readonly onRowRequest = this.rowRequests.event;

  private constructor(
    readonly uri: vscode.Uri,
    root: string | undefined,
    extensionPath: string,
  ) {
    this.dataset = new LabelDataset(uri.fsPath, root, extensionPath, () => this.model.annotations, (notice) => this.notices.fire(notice), warn);
  }

  /** Opens the annotations (from a hot-exit backup or the journal when there is one) and starts the worker. */
  static async open(uri: vscode.Uri, backupId: string | undefined, extensionPath: string, journal: UnsavedJournal): Promise<LabelDocument> {
    const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    const document = new LabelDocument(uri, root, extensionPath);
    const backupFile = backupId ? vscode.Uri.parse(backupId).fsPath : undefined;
    try {
      document.opened = await LabelDocumentModel.open({ dataset: uri.fsPath, root, files: nodeFileAccess, rows: document.dataset, events: document.modelEvents(), journalFile: journal.fileFor(uri.fsPath), backupFile });
    } catch (error) {
      document.dataset.dispose();
      throw error;
    }
    return document;
  }

  /** The annotations, tag catalog, save and merge. */
  get model(): LabelDocumentModel {
    if (!this.opened) throw new Error('the label document is not open yet');
    return this.opened;
  }

  private modelEvents(): ModelEvents {
    return {
      edited: (edit) => this.edits.fire(edit),
      annotationsChanged: async () => {
        await this.dataset.syncAnnotations();
        this.notices.fire({ type: 'annotations' });
      },
      catalogChanged: () => this.notices.fire({ type: 'catalog' }),
      sidecarProblemsChanged: () => this.notices.fire({ type: 'sidecarProblems' }),
      warn,
    };
  }

  /** Tag names in catalog order, then the sidecar's others, then the file's. */
  tagNames(): string[] {
    return this.model.tagNames(this.dataset.fileTagNames);
  }

  tagList(): TagListEntry[] {
    return this.model.tagList(this.dataset.fileTagNames);
  }

  /**
   * Asks the table(s) showing this document to apply a filter (from another view); a table not
   * ready yet applies it when it is. With `review`, the table also starts review mode on those rows.
   */
  showInTable(filter: TableFilter, options: { review?: boolean } = {}): void {
    this.pendingFilter = { filter, review: options.review ?? false };
    this.filterRequests.fire(filter);
  }

  /** The filter asked for and not yet shown, taken by the table that shows it. */
  takeFilterRequest(): { filter: TableFilter; review: boolean } | undefined {
    const filter = this.pendingFilter;
    this.pendingFilter = undefined;
    return filter;
  }

  /** Asks the table(s) showing this document to go to a row (0-based), clearing a filter that hides it. */
  showRowInTable(row: number): void {
    this.rowRequests.fire(row);
  }

  undo(edit: AnnotationEdit): Promise<void> {
    return this.model.undo(edit);
  }

  redo(edit: AnnotationEdit): Promise<void> {
    return this.model.redo(edit);
  }

  save(): Promise<void> {
    return this.model.save();
  }

  saveAs(target: vscode.Uri): Promise<void> {
    return this.model.saveAs(target.fsPath, vscode.workspace.getWorkspaceFolder(target)?.uri.fsPath);
  }

  revert(): Promise<void> {
    return this.model.revert();
  }

  async backup(destination: vscode.Uri): Promise<vscode.CustomDocumentBackup> {
    await this.model.writeBackup(destination.fsPath);
    return { id: destination.toString(), delete: () => void this.model.deleteBackup(destination.fsPath) };
  }

  /** The editor was closed (VS Code already asked about unsaved changes): forget the journal. */
  dispose(): void {
    void this.model.dispose();
    this.dataset.dispose();
    this.notices.dispose();
    this.edits.dispose();
    this.filterRequests.dispose();
    this.rowRequests.dispose();
  }
}
