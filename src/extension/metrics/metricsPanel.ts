import * as path from 'node:path';
import * as vscode from 'vscode';
import { metricsToHostSchema, type HostToMetrics, type MetricsToHost } from '../../protocol/metrics';
import type { TableFilter } from '../../protocol/labelTable';
import type { LabelDocument } from '../labelTable/labelDocument';
import { renderWebviewShell, webviewOptions } from '../webviewShell';
import { readSettings } from '../settings';

/**
 * "Loupe: Show Metrics": confusion matrix, per-class metrics, binary threshold and PR curve,
 * and the slice audit of one label file; clicks filter its table.
 */
export class MetricsPanel implements vscode.Disposable {
  private static readonly open = new Map<LabelDocument, MetricsPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private slices = { names: undefined as string[] | undefined, pairs: true, margin: 0.02 };

  static show(document: LabelDocument, extensionUri: vscode.Uri): MetricsPanel {
    const existing = MetricsPanel.open.get(document);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel('loupe.metrics', `Metrics: ${path.basename(document.uri.fsPath)}`, vscode.ViewColumn.Beside, webviewOptions(extensionUri));
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    const view = new MetricsPanel(document, panel, extensionUri);
    MetricsPanel.open.set(document, view);
    return view;
  }

  private constructor(
    private readonly document: LabelDocument,
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
  ) {
    this.slices.margin = readSettings().auditMargin;
    panel.webview.html = renderWebviewShell(panel.webview, extensionUri, { title: 'Loupe Metrics', script: 'metrics.js', styles: ['analysis.css'] });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const parsed = metricsToHostSchema.safeParse(raw);
        if (parsed.success) void this.receive(parsed.data).catch((error: unknown) => void vscode.window.showErrorMessage(`Loupe: ${(error as Error).message}`));
      }),
      document.onNotice((notice) => {
        if (notice.type === 'loaded') void this.refresh();
        if (notice.type === 'annotations') void this.refreshSlices();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private post(message: HostToMetrics): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private async receive(message: MetricsToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return this.refresh();
      case 'setPositive':
        await this.document.saveSetting({ positiveClass: message.positive });
        return this.refresh();
      case 'setThreshold': {
        const atThreshold = await this.document.client.request('threshold', { threshold: message.threshold });
        this.post({ type: 'threshold', atThreshold });
        return;
      }
      case 'showCell':
        return this.showCell(message.label, message.prediction);
      case 'setSlices':
        this.slices = { names: message.columns, pairs: message.pairs, margin: message.margin };
        return this.refreshSlices();
      case 'showSlice':
        this.document.showInTable(this.sliceFilter(message.key));
        return;
      case 'audit':
        await vscode.commands.executeCommand('loupe.auditDataset', this.document.uri);
        return;
    }
  }

  private showCell(label: string, prediction: string): void {
    const columns = this.document.load.columns ?? [];
    const labelColumn = columns.find((c) => c.role === 'label');
    const predictionColumn = columns.find((c) => c.role === 'prediction');
    if (!labelColumn || !predictionColumn) return;
    this.document.showInTable({ columns: [{ column: labelColumn.index, values: [label] }, { column: predictionColumn.index, values: [prediction] }] });
  }

  private sliceFilter(key: { column: string; value: string | null }[]): TableFilter {
    const columns = this.document.load.columns ?? [];
    const filter: TableFilter = { columns: [] };
    for (const part of key) {
      if (part.column === 'tag') filter.tag = part.value ?? undefined;
      const column = columns.find((c) => c.name === part.column);
      if (column && part.column !== 'tag') filter.columns!.push({ column: column.index, values: [part.value ?? ''] });
    }
    return filter;
  }

  private async refresh(): Promise<void> {
    if (!this.ready) return;
    const summary = this.document.load.summary;
    if (!summary) {
      this.post({ type: 'unavailable', message: this.document.load.failure ?? 'Loading the label file…' });
      return;
    }
    try {
      const metrics = await this.document.client.request('modelMetrics', { positive: this.document.settings.positiveClass });
      this.post({ type: 'metrics', fileName: path.basename(this.document.uri.fsPath), metrics, positiveChoices: metrics.binary ? metrics.labels : [] });
    } catch (error) {
      this.post({ type: 'unavailable', message: `${(error as Error).message}. Set the roles in the table's Columns menu.` });
      return;
    }
    await this.refreshSlices();
  }

  private async refreshSlices(): Promise<void> {
    if (!this.ready || !this.document.load.summary?.hasOutcomes) return;
    const candidates = [...(this.document.load.columns ?? []).filter((c) => c.kind === 'categorical' && (c.role === 'slice' || c.role === 'other')).map((c) => c.name), 'tags'];
    const defaults = (this.document.load.columns ?? []).filter((c) => c.role === 'slice' && c.kind === 'categorical').map((c) => c.name).concat('tags');
    const names = this.slices.names ?? defaults;
    const report = await this.document.client.request('sliceAudit', { names, margin: this.slices.margin, pairs: this.slices.pairs });
    this.post({ type: 'slices', report, columns: candidates.map((name) => ({ name, selected: names.includes(name) })), pairs: this.slices.pairs });
  }

  dispose(): void {
    MetricsPanel.open.delete(this.document);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
