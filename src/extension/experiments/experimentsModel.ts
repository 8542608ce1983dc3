/**
 * The workspace's experiments as the sidebar and the log view see them: read from
 * `.loupe/experiments/` on demand, re-read when any file there changes (the CLI, git pull,
 * another window), with one change event for both views.
 */
import * as vscode from 'vscode';
import { listExperiments, type ExperimentList } from '../../node/experiments/store';

const SETTLE_MS = 150;
const LATE_MS = 1500;

export class ExperimentsModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private watcher: vscode.FileSystemWatcher | undefined;
  private cached: Promise<ExperimentList> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lateTimer: NodeJS.Timeout | undefined;

  constructor() {
    this.watch();
    this.disposables.push(
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
    this.cached ??= listExperiments(root).catch((error: unknown) => ({ experiments: [], problems: [{ file: '.loupe/experiments', message: `.loupe/experiments cannot be read (${(error as Error).message})` }] }));
    return this.cached;
  }

  /**
   * Forget the cache and tell the views (bursts of file events become one refresh). The cache
   * is dropped again when the views are told, and once more a moment later: a listing taken
   * while a writer was still writing its file (created empty, then filled) must not stick.
   */
  refresh(): void {
    this.cached = undefined;
    clearTimeout(this.timer);
    clearTimeout(this.lateTimer);
    const fire = () => {
      this.cached = undefined;
      this.changed.fire();
    };
    this.timer = setTimeout(fire, SETTLE_MS);
    this.lateTimer = setTimeout(fire, LATE_MS);
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
