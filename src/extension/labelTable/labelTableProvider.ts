import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CsvProblem } from '../../core/csv/scanner';
import { LabelDocument, type UnsavedJournal } from './labelDocument';
import { TablePanel } from './tablePanel';

/** The "Loupe Label Table" custom editor for .csv and .tsv files (opt-in: priority "option"). */
export class LabelTableProvider implements vscode.CustomEditorProvider<LabelDocument> {
  static readonly viewType = 'loupe.labelTable';
  private readonly changes = new vscode.EventEmitter<vscode.CustomDocumentEditEvent<LabelDocument>>();
  readonly onDidChangeCustomDocument = this.changes.event;
  /** Documents restored from a hot-exit backup and not yet reported as changed. */
  private readonly restored = new WeakSet<LabelDocument>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('loupe');
  private readonly dirty = new Map<LabelDocument, number>();
  private readonly open = new Set<LabelDocument>();
  private lastActive: LabelDocument | undefined;
  /** Fires when a document has been opened (documentFor waits for it). */
  private readonly opened = new vscode.EventEmitter<LabelDocument>();
  readonly onDidOpenDocument = this.opened.event;
  private readonly closed = new vscode.EventEmitter<LabelDocument>();
  /** Fires when a document is disposed (its last editor closed). */
  readonly onDidCloseDocument = this.closed.event;

  private readonly journal: UnsavedJournal;

  private constructor(private readonly context: vscode.ExtensionContext) {
    const dir = (context.storageUri ?? context.globalStorageUri).fsPath;
    this.journal = { fileFor: (dataset) => path.join(dir, 'unsaved', `${createHash('sha256').update(dataset).digest('hex').slice(0, 24)}.json`) };
  }

  static register(context: vscode.ExtensionContext): { provider: LabelTableProvider; registration: vscode.Disposable } {
    const provider = new LabelTableProvider(context);
    const registration = vscode.Disposable.from(
      vscode.window.registerCustomEditorProvider(LabelTableProvider.viewType, provider, {
        webviewOptions: { retainContextWhenHidden: false },
        supportsMultipleEditorsPerDocument: false,
      }),
      provider.diagnostics,
      provider.changes,
      provider.opened,
      provider.closed,
    );
    return { provider, registration };
  }

  /** Documents open right now. */
  get documents(): LabelDocument[] {
    return [...this.open];
  }

  /** The document of the Loupe table the user looked at last. */
  get activeDocument(): LabelDocument | undefined {
    return this.lastActive && this.open.has(this.lastActive) ? this.lastActive : undefined;
  }

  /** The open document of a file, opening the file in a Loupe table when needed (in `column`, else the active group). */
  async documentFor(uri: vscode.Uri, column?: vscode.ViewColumn): Promise<LabelDocument> {
    const open = this.documents.find((d) => d.uri.toString() === uri.toString());
    if (open) return open;
    const opened = waitForDocument(this.opened, uri, DOCUMENT_OPEN_TIMEOUT_MS);
    await vscode.commands.executeCommand('vscode.openWith', uri, LabelTableProvider.viewType, ...(column !== undefined ? [column] : []));
    const document = await opened;
    if (!document) throw new Error(`could not open ${uri.fsPath} in a Loupe table`);
    return document;
  }

  async openCustomDocument(uri: vscode.Uri, context: vscode.CustomDocumentOpenContext): Promise<LabelDocument> {
    const document = await LabelDocument.open(uri, context.backupId, this.context.extensionUri.fsPath, this.journal);
    const subscriptions: vscode.Disposable[] = [];
    subscriptions.push(
      document.onEdit((edit) => {
        this.bumpDirty(document, 1);
        this.changes.fire({
          document,
          label: edit.label,
          undo: () => {
            this.bumpDirty(document, -1);
            return document.undo(edit);
          },
          redo: () => {
            this.bumpDirty(document, 1);
            return document.redo(edit);
          },
        });
      }),
      document.onNotice((notice) => {
        if (notice.type === 'loaded' || notice.type === 'problems') this.publishProblems(document.uri, document.dataset.load.summary?.problems ?? []);
      }),
      this.watch(document),
    );
    this.open.add(document);
    if (document.model.restoredFromBackup) this.restored.add(document);
    const originalDispose = document.dispose.bind(document);
    document.dispose = () => {
      this.open.delete(document);
      for (const s of subscriptions) s.dispose();
      this.diagnostics.delete(document.uri);
      this.dirty.delete(document);
      this.closed.fire(document);
      originalDispose();
    };
    void document.dataset.startLoading();
    this.opened.fire(document);
    return document;
  }

  async resolveCustomEditor(document: LabelDocument, panel: vscode.WebviewPanel): Promise<void> {
    new TablePanel(document, panel, this.context.extensionUri);
    this.lastActive = document;
    panel.onDidChangeViewState(() => {
      if (panel.active) this.lastActive = document;
    });
    if (this.restored.delete(document)) {
      // Unsaved tags came back from a backup: say so, or the tab would not show them as unsaved.
      // A content change (no undo entry) marks the document dirty until it is saved or reverted.
      (this.changes as unknown as vscode.EventEmitter<vscode.CustomDocumentContentChangeEvent<LabelDocument>>).fire({ document });
    }
  }

  async saveCustomDocument(document: LabelDocument): Promise<void> {
    await document.save();
    this.dirty.set(document, 0);
  }

  async saveCustomDocumentAs(document: LabelDocument, destination: vscode.Uri): Promise<void> {
    await document.saveAs(destination);
  }

  async revertCustomDocument(document: LabelDocument): Promise<void> {
    await document.revert();
    this.dirty.set(document, 0);
  }

  backupCustomDocument(document: LabelDocument, context: vscode.CustomDocumentBackupContext): Thenable<vscode.CustomDocumentBackup> {
    return document.backup(context.destination);
  }

  private bumpDirty(document: LabelDocument, by: number): void {
    this.dirty.set(document, (this.dirty.get(document) ?? 0) + by);
  }

  /** Follows the sidecar and the CSV when they change on disk. */
  private watch(document: LabelDocument): vscode.Disposable {
    const sidecar = document.model.sidecarFile;
    const sidecarWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(sidecar)), path.basename(sidecar)));
    // Unsaved edits (also those restored by hot exit, which no undo entry counts) are never reverted.
    const onSidecar = () => void document.model.sidecarChangedOnDisk((this.dirty.get(document) ?? 0) !== 0 || document.model.isModified());
    const csvWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(document.uri.fsPath)), path.basename(document.uri.fsPath)));
    let timer: NodeJS.Timeout | undefined;
    const onCsv = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void document.dataset.reload(), 300);
    };
    return vscode.Disposable.from(
      sidecarWatcher,
      sidecarWatcher.onDidChange(onSidecar),
      sidecarWatcher.onDidCreate(onSidecar),
      csvWatcher,
      csvWatcher.onDidChange(onCsv),
      { dispose: () => clearTimeout(timer) },
    );
  }

  private publishProblems(uri: vscode.Uri, problems: CsvProblem[]): void {
    this.diagnostics.set(
      uri,
      problems.map((p) => {
        const line = Math.max(0, p.line - 1);
        const diagnostic = new vscode.Diagnostic(
          new vscode.Range(line, 0, line, 1000),
          p.message,
          p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        diagnostic.source = 'Loupe';
        diagnostic.code = p.kind;
        return diagnostic;
      }),
    );
  }
}

/** How long documentFor waits for VS Code to open a file in a Loupe table. */
const DOCUMENT_OPEN_TIMEOUT_MS = 5000;

/** The next document of `uri` to open, or undefined when none opens in time. */
function waitForDocument(opened: vscode.EventEmitter<LabelDocument>, uri: vscode.Uri, timeoutMs: number): Promise<LabelDocument | undefined> {
  return new Promise((resolve) => {
    const done = (document: LabelDocument | undefined) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(document);
    };
    const listener = opened.event((document) => {
      if (document.uri.toString() === uri.toString()) done(document);
    });
    const timer = setTimeout(() => done(undefined), timeoutMs);
  });
}
