import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LABEL_ISSUES_SHOWN, labelIssuesToHostSchema, type HostToLabelIssues, type LabelIssuesToHost } from '../../protocol/labelIssues';
import type { LabelDocument } from '../labelTable/labelDocument';
import { DocumentPanel, type DocumentPanelSpec } from '../documentPanel';

/**
 * "Loupe: Show Label Issues": likely label errors of one label file by confident learning
 * (DOMAIN.md §7): the confident joint (a click filters the table to the given label), the
 * estimated label noise per class and the lowest self-confidence rows (a click goes to the row).
 */
const SPEC: DocumentPanelSpec<LabelIssuesToHost> = {
  viewType: 'loupe.labelIssues',
  title: 'Label Issues',
  script: 'labelIssues.js',
  schema: labelIssuesToHostSchema,
  refreshOn: ['loaded', 'problems'],
};

export class LabelIssuesPanel extends DocumentPanel<HostToLabelIssues, LabelIssuesToHost> {
  static show(document: LabelDocument, extensionUri: vscode.Uri): LabelIssuesPanel {
    return DocumentPanel.reveal(SPEC, document, extensionUri, (panel) => new LabelIssuesPanel(document, panel));
  }

  private constructor(document: LabelDocument, panel: vscode.WebviewPanel) {
    super(document, panel, SPEC);
  }

  protected async receive(message: LabelIssuesToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        return;
      case 'showCell': {
        // Off the diagonal: the likely label errors with this given label (the table has no filter
        // on the likely true label; its "suggested label" column sorts them). On it: every row with that label.
        const label = (this.document.dataset.load.columns ?? []).find((c) => c.role === 'label');
        const offDiagonal = message.given !== message.likely;
        if (label) this.document.showInTable({ columns: [{ column: label.index, values: [message.given], byClass: true }], ...(offDiagonal ? { likelyError: true } : {}) });
        return;
      }
      case 'showRow':
        this.document.showRowInTable(message.row);
        return;
    }
  }

  protected async refresh(): Promise<void> {
    if (!this.ready) return;
    const summary = this.loadedSummary((message) => ({ type: 'unavailable', message }));
    if (!summary) return;
    let report;
    try {
      report = await this.document.dataset.client.request('labelIssuesView', { positive: this.document.dataset.settings.positiveClass, top: LABEL_ISSUES_SHOWN });
    } catch (error) {
      this.post({ type: 'unavailable', message: `${(error as Error).message}.` });
      return;
    }
    if (!report) {
      this.post({
        type: 'unavailable',
        message:
          'This file has no per-class probability columns. Add one column per class named p_<class> (for example p_cat, p_dog) holding the model\'s out-of-sample probabilities, or give existing columns the role "probability" in the table\'s Columns menu. For binary data, a score column read as P(positive) serves.',
      });
      return;
    }
    const warnings = summary.problems.filter((p) => p.kind === 'probability-values').map((p) => `line ${p.line}: ${p.message}`);
    this.post({ type: 'issues', fileName: path.basename(this.document.uri.fsPath), report, problems: this.errorProblems(), warnings });
  }
}
