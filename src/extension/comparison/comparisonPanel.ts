/**
 * The Comparison view: did the change help? Two predictions on the same examples, example by
 * example (DOMAIN.md §8). One panel per comparison; the figures come from `loupe compare --json`
 * run off the extension host's thread, with progress and cancellation.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loupeFolder, sidecarPath } from '../../node/loupePaths';
import { comparisonToHostSchema, type ComparisonSubject, type ComparisonToHost, type HostToComparison } from '../../protocol/comparison';
import { renderWebviewShell, webviewOptions } from '../webviewShell';
import { compareArguments, sourceKey, type ComparisonSource } from './comparisonSource';

/** The command (not in the palette) that shows a comparison's rows in the label file's table; registered with the table provider. */
export const SHOW_COMPARED_ROWS = 'loupe.showComparedRows';
import { bundledCli, CompareCancelledError, runCompare } from './runCompare';

export interface ComparisonRequest {
  source: ComparisonSource;
  subject: ComparisonSubject;
  /** Said above the figures (e.g. that unsaved tags are not included). */
  notes?: string[];
  /** The folder the CLI runs in (the workspace). */
  cwd: string;
}

/** Saves come in bursts (the CSV, then its sidecar): one recomputation after the last. */
const RECOMPUTE_DELAY_MS = 600;

export class ComparisonPanel implements vscode.Disposable {
  private static readonly open = new Map<string, ComparisonPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private state: HostToComparison;
  private running: AbortController | undefined;
  private watchers: vscode.Disposable | undefined;
  private changeTimer: NodeJS.Timeout | undefined;

  /** Shows the comparison (computing it again when its panel is already open). */
  static show(request: ComparisonRequest, extensionUri: vscode.Uri, extensionPath: string): ComparisonPanel {
    const key = sourceKey(request.source);
    const existing = ComparisonPanel.open.get(key);
    if (existing) {
      existing.panel.reveal();
      existing.request = request;
      existing.watch();
      void existing.compute();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel('loupe.comparison', `Comparison: ${request.subject.title}`, vscode.ViewColumn.Beside, webviewOptions(extensionUri));
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    panel.webview.html = renderWebviewShell(panel.webview, extensionUri, { title: 'Loupe Comparison', script: 'comparison.js', styles: ['analysis.css', 'comparison.css'] });
    const created = new ComparisonPanel(key, request, panel, extensionPath);
    void created.compute();
    return created;
  }

  private constructor(
    private readonly key: string,
    private request: ComparisonRequest,
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionPath: string,
  ) {
    this.state = { type: 'computing', subject: request.subject };
    ComparisonPanel.open.set(key, this);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const parsed = comparisonToHostSchema.safeParse(raw);
        if (parsed.success) void this.receive(parsed.data).catch((error: unknown) => void vscode.window.showErrorMessage(`Loupe: ${(error as Error).message}`));
      }),
      // Hidden webviews are discarded: the page says `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    this.watch();
  }

  /** Computes again, a moment after the files compared, their sidecars or the project settings change on disk (a save of the table included). */
  private watch(): void {
    this.watchers?.dispose();
    const { source, cwd } = this.request;
    const files = source.kind === 'columns' ? [source.file] : [source.fileA, source.fileB];
    const watched = [...files, ...files.map((f) => sidecarPath(f, cwd)), ...new Set(files.map((f) => path.join(loupeFolder(f, cwd), 'config.json')))];
    const subscriptions: vscode.Disposable[] = [];
    for (const file of watched) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
      const changed = () => this.changedOnDisk(file);
      subscriptions.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed));
    }
    this.watchers = vscode.Disposable.from(...subscriptions);
  }

  private changedOnDisk(file: string): void {
    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => void this.compute(`${vscode.workspace.asRelativePath(file, false)} changed on disk.`), RECOMPUTE_DELAY_MS);
  }

  private async receive(message: ComparisonToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post(this.state);
        return;
      case 'recompute':
        return this.compute();
      case 'showRows': {
        const { type: _type, ...rows } = message;
        // The table opens in the group right of this view, so both stay in sight.
        const beside = this.panel.viewColumn !== undefined ? this.panel.viewColumn + 1 : vscode.ViewColumn.Beside;
        await vscode.commands.executeCommand(SHOW_COMPARED_ROWS, this.request.source, rows, beside);
        return;
      }
      case 'openFile': {
        const source = this.request.source;
        const file = source.kind === 'columns' ? source.file : message.side === 'a' ? source.fileA : source.fileB;
        await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'loupe.labelTable', vscode.ViewColumn.Beside);
        return;
      }
    }
  }

  private post(message: HostToComparison): void {
    this.state = message;
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  /** Runs `loupe compare` again; a run already under way is cancelled first. `reason`: a file changed (the last figures stay, marked out of date). */
  private async compute(reason?: string): Promise<void> {
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    const { source, subject, notes = [], cwd } = this.request;
    this.post({ type: 'computing', subject, ...(reason !== undefined ? { reason } : {}) });
    try {
      const result = await vscode.window.withProgress(
        // A recomputation after a save shows in the status bar, not as a notification on every save.
        { location: reason !== undefined ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification, title: `Loupe: comparing ${subject.title}…`, cancellable: reason === undefined },
        (_progress, token) => {
          token.onCancellationRequested(() => controller.abort());
          return runCompare(bundledCli(this.extensionPath), compareArguments(source), { cwd, signal: controller.signal });
        },
      );
      if (this.running === controller) this.post({ type: 'report', subject, report: result.report, notes: [...notes, ...result.warnings] });
    } catch (error) {
      if (this.running !== controller) return;
      const message = error instanceof CompareCancelledError ? 'Cancelled. Recompute to compare again.' : (error as Error).message;
      this.post({ type: 'failed', subject, message });
    }
  }

  dispose(): void {
    this.running?.abort();
    clearTimeout(this.changeTimer);
    this.watchers?.dispose();
    if (ComparisonPanel.open.get(this.key) === this) ComparisonPanel.open.delete(this.key);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
