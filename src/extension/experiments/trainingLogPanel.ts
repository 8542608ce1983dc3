/**
 * "Loupe: Open Training Log": a curve viewer for a per-epoch log (Keras CSVLogger, Lightning
 * metrics.csv, JSON Lines) that follows the file while a script appends to it. A file watcher
 * says when it changed and a one-second poll catches what watchers miss (network drives,
 * some containers); each poll reads only the bytes added since the last one.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TrainingLogTail } from '../../node/experiments/logTail';
import { trainingLogToHostSchema, type HostToTrainingLog } from '../../protocol/trainingLog';
import { renderWebviewShell, webviewOptions } from '../webviewShell';

const POLL_MS = 1000;

export class TrainingLogPanel implements vscode.Disposable {
  private static readonly open = new Map<string, TrainingLogPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly tail: TrainingLogTail;
  private readonly timer: NodeJS.Timeout;
  private ready = false;
  private polling = false;
  private pollAgain = false;
  private failed: string | undefined;
  private verdictSent: string | undefined;

  static show(file: vscode.Uri, extensionUri: vscode.Uri): TrainingLogPanel {
    const existing = TrainingLogPanel.open.get(file.fsPath);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel('loupe.trainingLog', `Training Log: ${path.basename(file.fsPath)}`, vscode.ViewColumn.Active, webviewOptions(extensionUri));
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    const view = new TrainingLogPanel(file, panel, extensionUri);
    TrainingLogPanel.open.set(file.fsPath, view);
    return view;
  }

  private constructor(
    private readonly file: vscode.Uri,
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
  ) {
    this.tail = new TrainingLogTail(file.fsPath);
    panel.webview.html = renderWebviewShell(panel.webview, extensionUri, { title: 'Loupe Training Log', script: 'trainingLog.js', styles: ['analysis.css', 'experiments.css'] });
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file.fsPath)), path.basename(file.fsPath)));
    const poll = () => void this.poll();
    this.timer = setInterval(poll, POLL_MS);
    this.disposables.push(
      watcher,
      watcher.onDidChange(poll),
      watcher.onDidCreate(poll),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        if (trainingLogToHostSchema.safeParse(raw).success) this.onReady();
      }),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The page (re)loaded: send everything read so far, then follow the file. */
  private onReady(): void {
    this.ready = true;
    this.post({ type: 'init', fileName: vscode.workspace.asRelativePath(this.file, false) });
    const current = this.tail.current;
    this.post({ type: 'update', reset: true, points: current.series, problems: current.problems, format: current.format ?? null, linesRead: current.linesRead, notATrainingLog: current.notATrainingLog ?? null, stepName: current.stepName });
    if (this.failed) this.post({ type: 'failed', message: this.failed });
    void this.poll();
  }

  private async poll(): Promise<void> {
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = true;
    try {
      const update = await this.tail.poll();
      this.failed = undefined;
      const current = this.tail.current;
      if (update.reset || update.problems.length > 0 || Object.keys(update.points).length > 0 || current.notATrainingLog !== this.verdictSent) {
        this.verdictSent = current.notATrainingLog;
        this.post({ type: 'update', reset: update.reset, points: update.reset ? current.series : update.points, problems: update.reset ? current.problems : update.problems, format: current.format ?? null, linesRead: current.linesRead, notATrainingLog: current.notATrainingLog ?? null, stepName: current.stepName });
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const message = code === 'ENOENT' ? `${this.file.fsPath} does not exist (any more); the view resumes when it is written again.` : `${this.file.fsPath} cannot be read (${(error as Error).message}).`;
      if (message !== this.failed) this.post({ type: 'failed', message });
      this.failed = message;
    } finally {
      this.polling = false;
    }
    if (this.pollAgain) {
      this.pollAgain = false;
      void this.poll();
    }
  }

  private post(message: HostToTrainingLog): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    clearInterval(this.timer);
    TrainingLogPanel.open.delete(this.file.fsPath);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

const LOG_GLOB = '**/*.{csv,tsv,jsonl,ndjson}';

/** A training log to open: the newest log-like files of the workspace first, or one browsed for. */
export async function pickTrainingLog(): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles(LOG_GLOB, '{**/node_modules/**,**/.loupe/**,**/.git/**}', 500);
  const stats = await Promise.all(files.map(async (uri) => ({ uri, mtime: (await vscode.workspace.fs.stat(uri).then((s) => s.mtime, () => 0)) })));
  stats.sort((a, b) => b.mtime - a.mtime);
  const browse = { label: '$(folder-opened) Browse…', description: 'a log outside the workspace', uri: undefined };
  const items = [...stats.map(({ uri }) => ({ label: `$(graph-line) ${vscode.workspace.asRelativePath(uri, false)}`, description: undefined, uri })), browse];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Loupe: Open Training Log',
    placeHolder: 'A per-epoch log: Keras CSVLogger .csv, Lightning metrics.csv, dvclive .tsv or JSON Lines of {step, …} (newest first)',
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Open Training Log', filters: { 'Training logs': ['csv', 'tsv', 'jsonl', 'ndjson'] } });
  return chosen?.[0];
}
