import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorAnalysisToHostSchema, type ErrorAnalysisToHost, type HostToErrorAnalysis } from '../../protocol/errorAnalysis';
import type { LabelDocument } from '../labelTable/labelDocument';
import { DocumentPanel, type DocumentPanelSpec } from '../documentPanel';
import { counted } from '../../core/plural';

/**
 * "Loupe: Show Error Analysis": one panel per label file, next to its table. It recomputes
 * (in the worker) whenever tags or weights change, and a click on a tag filters the table.
 */
const SPEC: DocumentPanelSpec<ErrorAnalysisToHost> = {
  viewType: 'loupe.errorAnalysis',
  title: 'Error Analysis',
  script: 'errorAnalysis.js',
  schema: errorAnalysisToHostSchema,
  refreshOn: ['annotations', 'loaded', 'catalog', 'judgements', 'problems'],
};

export class ErrorAnalysisPanel extends DocumentPanel<HostToErrorAnalysis, ErrorAnalysisToHost> {
  private computing = 0;

  static show(document: LabelDocument, extensionUri: vscode.Uri): ErrorAnalysisPanel {
    return DocumentPanel.reveal(SPEC, document, extensionUri, (panel) => new ErrorAnalysisPanel(document, panel));
  }

  private constructor(document: LabelDocument, panel: vscode.WebviewPanel) {
    super(document, panel, SPEC);
  }

  protected async receive(message: ErrorAnalysisToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        return;
      case 'showTag':
        this.document.showInTable(message.tag === null ? { tagged: 'none', misclassified: true } : { tag: message.tag });
        return;
      case 'setWeight':
        return this.document.model.setTagWeight(message.tag, message.field, message.value);
      case 'exportTag':
        return exportTag(this.document, message.tag);
      case 'renameTag':
      case 'mergeTag':
      case 'deleteTag':
        return manageTag(this.document, message.type, message.tag);
    }
  }

  protected async refresh(): Promise<void> {
    if (!this.ready) return;
    const summary = this.loadedSummary((message) => ({ type: 'unavailable', message }));
    if (!summary) return;
    if (!summary.hasOutcomes) {
      this.post({ type: 'unavailable', message: 'This file has no label and prediction columns, so there are no errors to analyze. Set the roles in the table\'s Columns menu.' });
      return;
    }
    const run = ++this.computing;
    const analysis = await this.document.dataset.client.request('tagAnalysis', { weights: this.document.model.tagWeights() });
    if (run !== this.computing) return;
    const taggedErrors = analysis.tags.filter((t) => t.tag === null).reduce((n, t) => n + t.errors, 0);
    this.post({
      type: 'analysis',
      fileName: path.basename(this.document.uri.fsPath),
      analysis,
      hasLabelers: summary.hasLabelers,
      tagged: { tagged: analysis.errors - taggedErrors, errors: analysis.errors },
      problems: this.errorProblems(),
    });
  }
}

/** "Export examples with this tag": the rows as they are in the file, for collection or relabeling. */
async function exportTag(document: LabelDocument, tag: string): Promise<void> {
  const base = path.basename(document.uri.fsPath).replace(/\.(csv|tsv)$/i, '');
  const safe = tag.replace(/[^\p{L}\p{N}_-]+/gu, '-');
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(path.join(path.dirname(document.uri.fsPath), `${base}-${safe}.csv`)),
    filters: { CSV: ['csv'] },
    title: `Export the examples tagged "${tag}"`,
  });
  if (!target) return;
  const keys = await document.dataset.client.request('keysWithTag', { tag });
  const written = await document.dataset.client.request('exportRows', { keys, path: target.fsPath });
  const open = 'Open';
  const choice = await vscode.window.showInformationMessage(`Loupe: exported ${counted(written, 'example')} tagged "${tag}" to ${vscode.workspace.asRelativePath(target)}.`, open);
  if (choice === open) await vscode.commands.executeCommand('vscode.open', target);
}

/** Rename, merge or delete a tag: asks, then changes every example in one undoable edit. */
async function manageTag(document: LabelDocument, action: 'renameTag' | 'mergeTag' | 'deleteTag', tag: string): Promise<void> {
  let to: string | null | undefined;
  if (action === 'renameTag') {
    to = await vscode.window.showInputBox({ title: `Rename tag "${tag}"`, value: tag, validateInput: (v) => (v.trim() === '' ? 'A tag needs a name' : undefined) });
    to = to?.trim();
    if (to === tag) return;
  } else if (action === 'mergeTag') {
    const others = document.tagNames().filter((t) => t !== tag);
    if (others.length === 0) {
      void vscode.window.showInformationMessage('Loupe: there is no other tag to merge into.');
      return;
    }
    to = await vscode.window.showQuickPick(others, { title: `Merge "${tag}" into…`, placeHolder: 'Every example tagged "' + tag + '" gets this tag instead' });
  } else {
    const answer = await vscode.window.showWarningMessage(`Delete the tag "${tag}" from every example? You can undo it (Ctrl+Z in the table).`, { modal: true }, 'Delete');
    if (answer !== 'Delete') return;
    to = null;
  }
  if (to === undefined) return;
  const changed = await document.model.replaceTag(tag, to);
  void vscode.window.showInformationMessage(`Loupe: ${action === 'deleteTag' ? 'deleted' : action === 'mergeTag' ? 'merged' : 'renamed'} "${tag}" on ${counted(changed, 'example')}. Save the table to keep it; undo with Ctrl+Z.`);
}
