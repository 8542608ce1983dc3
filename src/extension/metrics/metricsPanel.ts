import * as path from 'node:path';
import * as vscode from 'vscode';
import { metricsToHostSchema, type HostToMetrics, type MetricsToHost } from '../../protocol/metrics';
import type { TableFilter } from '../../protocol/labelTable';
import type { DocumentNotice, LabelDocument } from '../labelTable/labelDocument';
import { DocumentPanel, type DocumentPanelSpec } from '../documentPanel';
import { readSettings } from '../settings';
import { positiveByRule } from '../settingsValues';
import { vscodeUi } from '../vscode/vscodeUi';

/**
 * "Loupe: Show Metrics": confusion matrix, per-class metrics, binary threshold and PR curve,
 * and the slice audit of one label file; clicks filter its table.
 */
const SPEC: DocumentPanelSpec<MetricsToHost> = {
  viewType: 'loupe.metrics',
  title: 'Metrics',
  script: 'metrics.js',
  schema: metricsToHostSchema,
  refreshOn: ['loaded', 'problems'],
};

export class MetricsPanel extends DocumentPanel<HostToMetrics, MetricsToHost> {
  private slices = { names: undefined as string[] | undefined, pairs: true, margin: readSettings().auditMargin };
  /** loupe.metrics.positiveClass "ask": asked once per panel; a dismissed question is not asked again. */
  private askedPositive = false;

  static show(document: LabelDocument, extensionUri: vscode.Uri): MetricsPanel {
    return DocumentPanel.reveal(SPEC, document, extensionUri, (panel) => new MetricsPanel(document, panel));
  }

  private constructor(document: LabelDocument, panel: vscode.WebviewPanel) {
    super(document, panel, SPEC);
  }

  /** Tags change the tag slices only; a reload changes everything. */
  protected override onDocumentNotice(notice: DocumentNotice): void {
    super.onDocumentNotice(notice);
    if (notice.type === 'annotations') void this.refreshSlices();
  }

  protected async receive(message: MetricsToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        return;
      case 'setPositive': {
        const dataset = this.document.dataset;
        // Likely label errors read from a binary score are P(positive): another positive class reads them anew.
        const columns = dataset.load.summary?.labelIssues?.probabilityColumns;
        const fromScore = columns !== undefined && columns.length === 2 && columns[0] === columns[1];
        if (fromScore && message.positive !== dataset.settings.positiveClass) await dataset.changeSettings({ positiveClass: message.positive });
        else await dataset.saveSetting({ positiveClass: message.positive });
        return this.refresh();
      }
      case 'setThreshold': {
        const atThreshold = await this.document.dataset.client.request('threshold', { threshold: message.threshold });
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
    const columns = this.document.dataset.load.columns ?? [];
    const labelColumn = columns.find((c) => c.role === 'label');
    const predictionColumn = columns.find((c) => c.role === 'prediction');
    if (!labelColumn || !predictionColumn) return;
    this.document.showInTable({ columns: [{ column: labelColumn.index, values: [label], byClass: true }, { column: predictionColumn.index, values: [prediction], byClass: true }] });
  }

  private sliceFilter(key: { column: string; value: string | null }[]): TableFilter {
    const columns = this.document.dataset.load.columns ?? [];
    const filter: TableFilter = { columns: [] };
    for (const part of key) {
      if (part.column === 'tag') filter.tag = part.value ?? undefined;
      const column = columns.find((c) => c.name === part.column);
      if (column && part.column !== 'tag') filter.columns!.push({ column: column.index, values: [part.value ?? ''] });
    }
    return filter;
  }

  protected async refresh(): Promise<void> {
    if (!this.ready) return;
    const summary = this.loadedSummary((message) => ({ type: 'unavailable', message }));
    if (!summary) return;
    try {
      const metrics = await this.metricsWithPositiveRule();
      this.post({ type: 'metrics', fileName: path.basename(this.document.uri.fsPath), metrics, positiveChoices: metrics.binary ? metrics.labels : [], problems: this.errorProblems() });
    } catch (error) {
      this.post({ type: 'unavailable', message: `${(error as Error).message}. Set the roles in the table's Columns menu.` });
      return;
    }
    await this.refreshSlices();
  }

  /** The metrics with the file's saved positive class, else the one the setting loupe.metrics.positiveClass gives. */
  private async metricsWithPositiveRule(): Promise<Awaited<ReturnType<typeof this.requestMetrics>>> {
    const saved = this.document.dataset.settings.positiveClass;
    const metrics = await this.requestMetrics(saved);
    if (saved !== undefined || !metrics.binary) return metrics;
    const rule = readSettings().positiveClass;
    if (rule === 'ask' && this.askedPositive) return metrics;
    this.askedPositive = true;
    const positive = await positiveByRule(rule, metrics.labels, (classes) =>
      vscodeUi.pick(classes.map((c) => ({ label: c, value: c })), { title: `Positive class of ${path.basename(this.document.uri.fsPath)} for ROC AUC and precision-recall` }),
    );
    if (positive === undefined || positive === metrics.binary.positive) return metrics;
    // An answer is the user's choice for this file, as the view's own selector would save it.
    if (rule === 'ask') await this.document.dataset.saveSetting({ positiveClass: positive });
    return this.requestMetrics(positive);
  }

  private requestMetrics(positive: string | undefined) {
    return this.document.dataset.client.request('modelMetrics', { positive });
  }

  private async refreshSlices(): Promise<void> {
    if (!this.ready || !this.document.dataset.load.summary?.hasOutcomes) return;
    const candidates = [...(this.document.dataset.load.columns ?? []).filter((c) => c.kind === 'categorical' && (c.role === 'slice' || c.role === 'other')).map((c) => c.name), 'tags'];
    const defaults = (this.document.dataset.load.columns ?? []).filter((c) => c.role === 'slice' && c.kind === 'categorical').map((c) => c.name).concat('tags');
    const names = this.slices.names ?? defaults;
    const report = await this.document.dataset.client.request('sliceAudit', { names, margin: this.slices.margin, pairs: this.slices.pairs });
    this.post({ type: 'slices', report, columns: candidates.map((name) => ({ name, selected: names.includes(name) })), pairs: this.slices.pairs });
  }
}
