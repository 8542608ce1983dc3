import * as path from 'node:path';
import * as vscode from 'vscode';
import { AgreementPanel } from '../agreement/agreementPanel';
import type { LabelDocument } from '../labelTable/labelDocument';
import type { LabelTableProvider } from '../labelTable/labelTableProvider';
import { targetDocument } from './analysisCommands';

/** Label consistency: the view, the relabel queue export, and applying label fixes to a CSV. */
export function registerLabelFixCommands(provider: LabelTableProvider, extensionUri: vscode.Uri): vscode.Disposable {
  /** Runs `action` on the loaded document the command targets. */
  const onLoadedDocument = (action: (document: LabelDocument) => Promise<void>) => async (resource?: unknown) => {
    const document = await targetDocument(provider, resource);
    if (document?.dataset.load.summary) await action(document);
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('loupe.showAgreement', async (resource?: unknown) => {
      const document = await targetDocument(provider, resource);
      if (document) AgreementPanel.show(document, extensionUri);
    }),
    vscode.commands.registerCommand('loupe.exportRelabelQueue', onLoadedDocument(exportRelabelQueue)),
    vscode.commands.registerCommand('loupe.exportTaggedCopy', onLoadedDocument(exportTaggedCopy)),
    vscode.commands.registerCommand('loupe.applyLabelFixes', onLoadedDocument(applyLabelFixes)),
  );
}

/** The file's name without its .csv or .tsv extension, for naming the files written next to it. */
function baseName(document: LabelDocument): string {
  return path.basename(document.uri.fsPath).replace(/\.(csv|tsv)$/i, '');
}

function besideDocument(document: LabelDocument, fileName: string): vscode.Uri {
  return vscode.Uri.file(path.join(path.dirname(document.uri.fsPath), fileName));
}

async function exportRelabelQueue(document: LabelDocument): Promise<void> {
  const keys = [
    ...new Set([
      ...(await document.dataset.client.request('keysMatching', { filter: { disagree: true }, limit: 10_000_000 })).filter((k) => document.model.annotations.get(k)?.label === undefined),
      ...[...document.model.annotations.entries()].filter(([, a]) => a.ambiguous).map(([k]) => k),
    ]),
  ];
  if (keys.length === 0) {
    void vscode.window.showInformationMessage('Loupe: nothing to relabel: no undecided disagreement and no example marked ambiguous.');
    return;
  }
  const target = await vscode.window.showSaveDialog({ defaultUri: besideDocument(document, `${baseName(document)}-relabel-queue.csv`), filters: { CSV: ['csv'] }, title: 'Export the relabel queue' });
  if (!target) return;
  const written = await document.dataset.client.request('exportRows', { keys, path: target.fsPath });
  void vscode.window.showInformationMessage(`Loupe: ${written} example(s) to relabel written to ${vscode.workspace.asRelativePath(target)}.`);
}

async function exportTaggedCopy(document: LabelDocument): Promise<void> {
  const target = await vscode.window.showSaveDialog({ defaultUri: besideDocument(document, `${baseName(document)}-tagged.csv`), filters: { CSV: ['csv'] }, title: 'Export a tagged copy for spreadsheets' });
  if (!target) return;
  const notes = [...document.model.annotations.entries()].filter(([, a]) => a.note).map(([k, a]): [string, string] => [k, a.note!]);
  const rows = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Loupe: exporting a tagged copy…' }, () => document.dataset.client.request('exportTaggedCopy', { notes, path: target.fsPath }));
  void vscode.window.showInformationMessage(`Loupe: ${rows.toLocaleString('en-US')} rows with one true/false column per tag written to ${vscode.workspace.asRelativePath(target)} (formula-like cells escaped).`);
}

async function applyLabelFixes(document: LabelDocument): Promise<void> {
  const fixes = document.model.labelFixes();
  if (fixes.length === 0) {
    void vscode.window.showInformationMessage('Loupe: there are no label fixes yet. Review disagreements in the table (r) to decide labels.');
    return;
  }
  const target = await chooseFixTarget(document, fixes.length);
  if (!target) return;
  const result = await document.dataset.client.request('applyLabelFixes', { fixes, path: target.fsPath });
  const missing = result.missing.length ? ` ${result.missing.length} fix(es) name ids no longer in the file and were skipped.` : '';
  void vscode.window.showInformationMessage(`Loupe: ${result.changed} label cell(s) changed in ${vscode.workspace.asRelativePath(target)}.${missing}`);
}

/** A new file next to the document, or the document itself once the user confirmed the overwrite; undefined when cancelled. */
async function chooseFixTarget(document: LabelDocument, fixCount: number): Promise<vscode.Uri | undefined> {
  const name = path.basename(document.uri.fsPath);
  const newFile = 'Write a new file…';
  const sameFile = 'Overwrite this file';
  const choice = await vscode.window.showQuickPick([newFile, sameFile], { title: `Apply ${fixCount} label fix(es) to ${name}`, placeHolder: 'Only the fixed label cells change; every other byte stays the same.' });
  if (!choice) return undefined;
  if (choice === newFile) return vscode.window.showSaveDialog({ defaultUri: besideDocument(document, `${baseName(document)}-fixed.csv`), filters: { CSV: ['csv'] } });
  const confirm = await vscode.window.showWarningMessage(`Overwrite ${name} with ${fixCount} label fix(es)? Only the fixed cells change.`, { modal: true }, 'Overwrite');
  return confirm === 'Overwrite' ? document.uri : undefined;
}
