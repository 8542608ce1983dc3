/**
 * "Loupe: Show Experiment Log": one panel with every experiment as a table, a chart of any
 * metric across the selected ones, and the comparison of the selected. It follows the
 * records on disk; the sidebar's Open / Compare with… select experiments in it.
 */
import * as vscode from 'vscode';
import { experimentLogToHostSchema, type ExperimentLogToHost, type HostToExperimentLog, type LoggedExperiment } from '../../protocol/experiments';
import { renderWebviewShell, webviewOptions } from '../webviewShell';
import type { ExperimentsModel } from './experimentsModel';

export class ExperimentLogPanel implements vscode.Disposable {
  private static current: ExperimentLogPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private pendingSelection: string[] | undefined;

  /** Opens (or reveals) the log; `select` chooses the experiments to show selected and compared. */
  static show(model: ExperimentsModel, extensionUri: vscode.Uri, select?: string[], preserveFocus = false): ExperimentLogPanel {
    const panel = ExperimentLogPanel.current ?? ExperimentLogPanel.create(model, extensionUri, preserveFocus);
    panel.panel.reveal(undefined, preserveFocus);
    if (select) panel.select(select);
    return panel;
  }

  private static create(model: ExperimentsModel, extensionUri: vscode.Uri, preserveFocus: boolean): ExperimentLogPanel {
    const panel = vscode.window.createWebviewPanel('loupe.experimentLog', 'Experiment Log', { viewColumn: vscode.ViewColumn.Active, preserveFocus }, webviewOptions(extensionUri));
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    ExperimentLogPanel.current = new ExperimentLogPanel(model, panel, extensionUri);
    return ExperimentLogPanel.current;
  }

  private constructor(
    private readonly model: ExperimentsModel,
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
  ) {
    panel.webview.html = renderWebviewShell(panel.webview, extensionUri, { title: 'Loupe Experiment Log', script: 'experimentLog.js', styles: ['analysis.css', 'experiments.css'] });
    model.setVisible(this, panel.visible);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const parsed = experimentLogToHostSchema.safeParse(raw);
        if (parsed.success) void this.receive(parsed.data).catch((error: unknown) => void vscode.window.showErrorMessage(`Loupe: ${(error as Error).message}`));
      }),
      // Hidden webviews are discarded (retainContextWhenHidden is off): the page says `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
        model.setVisible(this, panel.visible);
      }),
      { dispose: () => model.setVisible(this, false) },
      model.onDidChange(() => void this.sendExperiments()),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private select(ids: string[]): void {
    if (this.ready) this.post({ type: 'select', ids });
    else this.pendingSelection = ids;
  }

  private post(message: HostToExperimentLog): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private async receive(message: ExperimentLogToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.sendExperiments();
        if (this.pendingSelection) this.post({ type: 'select', ids: this.pendingSelection });
        this.pendingSelection = undefined;
        return;
      case 'openRecord': {
        const { experiments } = await this.model.list();
        const stored = experiments.find((s) => s.experiment.id === message.id);
        if (stored) await vscode.window.showTextDocument(vscode.Uri.file(stored.file), { viewColumn: vscode.ViewColumn.Beside });
        return;
      }
      case 'run':
        await vscode.commands.executeCommand(message.command === 'record' ? 'loupe.recordExperiment' : 'loupe.importExperiments');
        return;
    }
  }

  private async sendExperiments(): Promise<void> {
    if (!this.ready) return;
    const { experiments, problems } = await this.model.list();
    this.post({
      type: 'experiments',
      experiments: experiments.map((s) => withoutHistory(s.experiment)),
      problems: problems.map((p) => p.message),
      folder: '.loupe/experiments/',
    });
  }

  dispose(): void {
    if (ExperimentLogPanel.current === this) ExperimentLogPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function withoutHistory(experiment: LoggedExperiment): LoggedExperiment {
  const copy = { ...experiment };
  delete copy.history;
  return copy;
}
