/**
 * The workspace's experiments as the sidebar and the log view see them: read from
 * `.loupe/experiments/` on demand, re-read when any file there changes (the CLI, git pull,
 * another window), with one change event for both views.
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { FolderCheck } from '../../node/experiments/folderCheck';
import { listExperiments, type ExperimentList } from '../../node/experiments/store';

const SETTLE_MS = 150;
const LATE_MS = 1500;
/** How often a visible view checks the folder itself, for the events a watcher drops. */
const CHECK_MS = 2000;

export class ExperimentsModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watcher: vscode.FileSystemWatcher | undefined;
  private cached: Promise<ExperimentList> | undefined;
  /** The listing the views were last told of, as JSON. */
  private delivered: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lateTimer: NodeJS.Timeout | undefined;
  private readonly check = new FolderCheck({
    folder: () => (this.root ? path.join(this.root, '.loupe', 'experiments') : undefined),
    onChange: () => this.refresh(),
    intervalMs: CHECK_MS,
  });

  constructor() {
    this.watch();
    this.disposables.push(
      this.check,
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.watch();
        this.refresh();
      }),
    );
  }

  /** The first workspace folder: records live under its `.loupe/`. */
  get folder(): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.workspaceFolders?.[0];
  }

  get root(): string | undefined {
    return this.folder?.uri.fsPath;
  }

  /** Every experiment, newest first (cached until something changes). */
  list(): Promise<ExperimentList> {
    const root = this.root;
    if (!root) return Promise.resolve({ experiments: [], problems: [] });
    this.cached ??= this.read(root).then((list) => {
      this.delivered ??= JSON.stringify(list);
      return list;
    });
    return this.cached;
  }

  /**
   * Forget the cache and re-read (bursts of file events become one read). The views are told
   * only when the listing differs from the one they were last told of, so a change seen both by
   * the watcher and by the folder check redraws them once. The folder is read again a moment
   * later: a listing taken while a writer was still writing its file (created empty, then
   * filled) must not stick.
   */
  refresh(): void {
    this.cached = undefined;
    clearTimeout(this.timer);
    clearTimeout(this.lateTimer);
    const reload = () => void this.reload();
    this.timer = setTimeout(reload, SETTLE_MS);
    this.lateTimer = setTimeout(reload, LATE_MS);
  }

  private async reload(): Promise<void> {
    const root = this.root;
    if (!root) {
      this.cached = undefined;
      this.changed.fire();
      return;
    }
    const reading = this.read(root);
    this.cached = reading;
    const list = await reading;
    const key = JSON.stringify(list);
    // A newer refresh started meanwhile: it reads and tells on its own.
    if (this.cached !== reading || key === this.delivered) return;
    this.delivered = key;
    this.changed.fire();
  }

  private read(root: string): Promise<ExperimentList> {
    return listExperiments(root).catch((error: unknown) => ({ experiments: [], problems: [{ file: '.loupe/experiments', message: `.loupe/experiments cannot be read (${(error as Error).message})` }] }));
  }

  /**
   * A view that shows experiments says when it is visible: while one is, the folder is also
   * checked every two seconds, since file watchers drop events on some file systems.
   */
  setVisible(viewer: object, visible: boolean): void {
    this.check.setVisible(viewer, visible);
  }

  private watch(): void {
    this.watcher?.dispose();
    const folder = this.folder;
    if (!folder) return;
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '.loupe/experiments/**'));
    const refresh = () => this.refresh();
    this.watcher.onDidCreate(refresh);
    this.watcher.onDidChange(refresh);
    this.watcher.onDidDelete(refresh);
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearTimeout(this.lateTimer);
    this.watcher?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
