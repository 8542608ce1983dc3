import * as path from 'node:path';
import * as vscode from 'vscode';
import { agreementToHostSchema, type AgreementToHost, type HostToAgreement } from '../../protocol/agreement';
import type { LabelDocument } from '../labelTable/labelDocument';
import { DocumentPanel, type DocumentPanelSpec } from '../documentPanel';
import { withClassNote } from './classNotes';
import { readSettings } from '../settings';

/**
 * "Loupe: Show Label Consistency": agreement statistics, labelers, ambiguous class pairs and
 * their remedies (a definition, an explicit ambiguous class), the relabel queue and label fixes.
 */
const SPEC: DocumentPanelSpec<AgreementToHost> = {
  viewType: 'loupe.agreement',
  title: 'Label Consistency',
  script: 'agreement.js',
  schema: agreementToHostSchema,
  refreshOn: ['loaded', 'annotations', 'judgements', 'problems'],
};

export class AgreementPanel extends DocumentPanel<HostToAgreement, AgreementToHost> {
  static show(document: LabelDocument, extensionUri: vscode.Uri): AgreementPanel {
    return DocumentPanel.reveal(SPEC, document, extensionUri, (panel) => new AgreementPanel(document, panel));
  }

  private constructor(document: LabelDocument, panel: vscode.WebviewPanel) {
    super(document, panel, SPEC);
  }

  protected async receive(message: AgreementToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        return;
      case 'showPair':
        this.document.showInTable({ pair: [message.a, message.b] });
        return;
      case 'showDisagreements':
        this.document.showInTable({ disagree: true }, { review: true });
        return;
      case 'defineClasses': {
        await this.document.dataset.saveSetting({ classNotes: withClassNote(this.document.dataset.settings.classNotes, message.classes, message.note) });
        void vscode.window.showInformationMessage(`Loupe: the definition of ${message.classes.join(' / ')} is saved in .loupe/config.json; it shows in the review queue.`);
        return this.refresh();
      }
      case 'setAmbiguousClass':
        await this.document.dataset.saveSetting({ ambiguousClass: message.name ?? undefined });
        this.document.showInTable({ disagree: true });
        return this.refresh();
      case 'exportQueue':
        await vscode.commands.executeCommand('loupe.exportRelabelQueue', this.document.uri);
        return;
      case 'applyFixes':
        await vscode.commands.executeCommand('loupe.applyLabelFixes', this.document.uri);
        return;
      case 'loadJudgements':
        return this.loadJudgements();
      case 'useOwnLabelers':
        await this.document.dataset.useJudgements(null);
        return;
      case 'useOwnLongFormat': {
        const result = await this.document.dataset.useOwnLongFormat();
        void vscode.window.showInformationMessage(`Loupe: ${result.items} examples judged by ${result.labelers} annotators in ${path.basename(this.document.uri.fsPath)}.`);
        return;
      }
    }
  }

  /** Labeler judgements from a long-format CSV or a Label Studio export, merged by example id. */
  private async loadJudgements(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({
      title: 'Labeler judgements: a long-format CSV (example, annotator, label) or a Label Studio JSON export',
      defaultUri: vscode.Uri.file(path.dirname(this.document.uri.fsPath)),
      filters: { 'Judgements': ['csv', 'tsv', 'json'] },
      canSelectMany: false,
    });
    if (!picked?.[0]) return;
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Loupe: reading ${path.basename(picked[0].fsPath)}…` }, () => this.document.dataset.useJudgements(picked[0].fsPath));
    if (result) {
      void vscode.window.showInformationMessage(`Loupe: ${result.matched} of ${result.items} examples of ${path.basename(picked[0].fsPath)} matched rows of ${path.basename(this.document.uri.fsPath)} (${result.labelers} labelers)${result.unmatched ? `; ${result.unmatched} did not and are left out` : ''}.`);
    }
  }

  /** Decided labels that would change a cell (a decision equal to the row's label is none). */
  private async changingFixCount(): Promise<number> {
    const decided = this.document.model.labelFixes();
    if (decided.length === 0) return 0;
    try {
      return (await this.document.dataset.client.request('labelFixEffect', { fixes: decided })).changing.length;
    } catch {
      // No label column: nothing can be applied, and the Apply command says why.
      return decided.length;
    }
  }

  protected async refresh(): Promise<void> {
    if (!this.ready) return;
    if (!this.loadedSummary((message) => ({ type: 'unavailable', message, canLoadJudgements: false, looksLong: false }))) return;
    const view = await this.document.dataset.client.request('agreement', { bySlice: true, replicates: readSettings().bootstrapResamples });
    if (!view) {
      this.post({
        type: 'unavailable',
        message: 'This file has fewer than two labeler columns (e.g. labeler_1, labeler_2). Set their role to "labeler" in the table\'s Columns menu, or use judgements from a long-format CSV (example, annotator, label) or a Label Studio export, matched to this file by example id.',
        canLoadJudgements: true,
        looksLong: this.document.dataset.looksLongFormat(),
      });
      return;
    }
    this.post({
      type: 'agreement',
      fileName: path.basename(this.document.uri.fsPath),
      view,
      classNotes: this.document.dataset.settings.classNotes ?? {},
      ambiguousClass: this.document.dataset.settings.ambiguousClass ?? null,
      fixes: await this.changingFixCount(),
      source: this.document.dataset.externalJudgements ? path.basename(this.document.dataset.externalJudgements) : null,
      standalone: this.document.dataset.externalJudgements === this.document.uri.fsPath,
      problems: this.errorProblems(),
    });
  }
}
