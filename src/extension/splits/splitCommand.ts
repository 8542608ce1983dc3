/**
 * "Loupe: Split Dataset…": asks the split's options, writes the new file in a worker thread
 * (cancellable), opens it in a Loupe table and shows the split report beside it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { renderSplitMarkdown, type SplitReport } from '../../core/splits/splitReport';
import { writeFileAtomic } from '../../node/atomicWrite';
import { splitReportToHostSchema, type HostToSplitReport, type SplitReportToHost } from '../../protocol/splitReport';
import { targetDocument } from '../commands/analysisCommands';
import { runWithProgress } from '../fileTasks/taskProgress';
import type { LabelTableProvider } from '../labelTable/labelTableProvider';
import { ReportPanel } from '../reportPanel';
import { askSplitOptions, type SplitEffects } from './splitFlow';
import { noun } from '../../core/plural';

const effects: SplitEffects = {
  ask: (p) => vscode.window.showInputBox({ title: p.title, prompt: p.prompt, value: p.value, validateInput: p.validate, ignoreFocusOut: true }),
  pick: async (p) => (await vscode.window.showQuickPick(p.items, { title: p.title, placeHolder: p.placeHolder, ignoreFocusOut: true }))?.value,
  saveAs: async (defaultPath) => (await vscode.window.showSaveDialog({ title: 'Loupe: Save the split file as', defaultUri: vscode.Uri.file(defaultPath), filters: { 'CSV files': ['csv', 'tsv'] } }))?.fsPath,
  confirm: async (message, action) => (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action,
  warn: (message) => void vscode.window.showWarningMessage(`Loupe: ${message}`),
};

export function registerSplitDataset(provider: LabelTableProvider, extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand('loupe.splitDataset', async (resource?: unknown) => {
    const document = await targetDocument(provider, resource);
    if (!document) return;
    await document.dataset.startLoading();
    const summary = document.dataset.load.summary;
    if (!summary) {
      void vscode.window.showErrorMessage(`Loupe: ${path.basename(document.uri.fsPath)} could not be read: ${document.dataset.load.failure ?? 'unknown reason'}`);
      return;
    }
    const input = document.uri.fsPath;
    const errors = summary.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      void vscode.window.showErrorMessage(`Loupe: ${path.basename(input)} has ${errors.length} error-level CSV ${noun(errors.length, 'problem')} (first on line ${errors[0].line}: ${errors[0].message}), so it was not read correctly and cannot be split. Fix the file (see the Problems panel) and try again.`);
      return;
    }
    const options = await askSplitOptions(input, summary.columns, effects);
    if (!options) return;
    const result = await runWithProgress(extensionUri.fsPath, `Loupe: splitting ${path.basename(input)}`, 'split', { file: input, options });
    if (!result) return;
    const report: SplitReport = { inputFile: relative(input), outputFile: relative(options.out), column: options.column, rows: result.rows, summary: result.summary, balance: result.balance, classColumn: result.classColumn, stratify: options.stratify, group: options.group };
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(options.out), 'loupe.labelTable');
    showSplitReport(report, options.out, extensionUri);
  });
}

function relative(file: string): string {
  return vscode.workspace.asRelativePath(file, false);
}

function showSplitReport(report: SplitReport, out: string, extensionUri: vscode.Uri): void {
  const message: HostToSplitReport = { type: 'report', report };
  const spec = { viewType: 'loupe.splitReport', title: `Split: ${path.basename(out)}`, script: 'splitReport.js', schema: splitReportToHostSchema };
  new ReportPanel<HostToSplitReport, SplitReportToHost>(spec, extensionUri, message, async (m) => {
    switch (m.type) {
      case 'saveMarkdown':
        return saveMarkdown(report, out);
      case 'openOutput':
        await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(out), 'loupe.labelTable');
        return;
    }
  });
}

async function saveMarkdown(report: SplitReport, out: string): Promise<void> {
  const defaultUri = vscode.Uri.file(path.join(path.dirname(out), `${path.basename(out, path.extname(out))}.report.md`));
  const target = await vscode.window.showSaveDialog({ title: 'Loupe: Save the split report as', defaultUri, filters: { Markdown: ['md'] } });
  if (!target) return;
  await writeFileAtomic(target.fsPath, renderSplitMarkdown(report));
  // The report stays in view; the markdown opens only when asked.
  const open = await vscode.window.showInformationMessage(`Loupe: split report saved to ${relative(target.fsPath)}.`, 'Open');
  if (open) await vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}
