import * as path from 'node:path';
import * as vscode from 'vscode';
import { AgreementPanel } from '../agreement/agreementPanel';
import type { LabelTableProvider } from '../labelTable/labelTableProvider';
import { targetDocument } from './analysisCommands';

/** Label consistency: the view, the relabel queue export, and applying label fixes to a CSV. */
export function registerLabelFixCommands(provider: LabelTableProvider, extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('loupe.showAgreement', async (resource?: unknown) => {
      const document = await targetDocument(provider, resource);
      if (document) AgreementPanel.show(document, extensionUri);
    }),
    vscode.commands.registerCommand('loupe.exportRelabelQueue', async (resource?: unknown) => {
      const document = await targetDocument(provider, resource);
      if (!document?.dataset.load.summary) return;
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
      const base = path.basename(document.uri.fsPath).replace(/\.(csv|tsv)$/i, '');
      const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(path.join(path.dirname(document.uri.fsPath), `${base}-relabel-queue.csv`)), filters: { CSV: ['csv'] }, title: 'Export the relabel queue' });
      if (!target) return;
      const written = await document.dataset.client.request('exportRows', { keys, path: target.fsPath });
      void vscode.window.showInformationMessage(`Loupe: ${written} example(s) to relabel written to ${vscode.workspace.asRelativePath(target)}.`);
    }),
    vscode.commands.registerCommand('loupe.exportTaggedCopy', async (resource?: unknown) => {
      const document = await targetDocument(provider, resource);
      if (!document?.dataset.load.summary) return;
      const base = path.basename(document.uri.fsPath).replace(/\.(csv|tsv)$/i, '');
      const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(path.join(path.dirname(document.uri.fsPath), `${base}-tagged.csv`)), filters: { CSV: ['csv'] }, title: 'Export a tagged copy for spreadsheets' });
      if (!target) return;
      const notes = [...document.model.annotations.entries()].filter(([, a]) => a.note).map(([k, a]): [string, string] => [k, a.note!]);
      const rows = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Loupe: exporting a tagged copy…' }, () => document.dataset.client.request('exportTaggedCopy', { notes, path: target.fsPath }));
      void vscode.window.showInformationMessage(`Loupe: ${rows.toLocaleString('en-US')} rows with one true/false column per tag written to ${vscode.workspace.asRelativePath(target)} (formula-like cells escaped).`);
    }),
    vscode.commands.registerCommand('loupe.applyLabelFixes', async (resource?: unknown) => {
      const document = await targetDocument(provider, resource);
      if (!document?.dataset.load.summary) return;
      const fixes = document.model.labelFixes();
      if (fixes.length === 0) {
        void vscode.window.showInformationMessage('Loupe: there are no label fixes yet. Review disagreements in the table (r) to decide labels.');
        return;
      }
      const base = path.basename(document.uri.fsPath).replace(/\.(csv|tsv)$/i, '');
      const newFile = 'Write a new file…';
      const sameFile = 'Overwrite this file';
      const choice = await vscode.window.showQuickPick([newFile, sameFile], { title: `Apply ${fixes.length} label fix(es) to ${path.basename(document.uri.fsPath)}`, placeHolder: 'Only the fixed label cells change; every other byte stays the same.' });
      if (!choice) return;
      let target: vscode.Uri | undefined = document.uri;
      if (choice === newFile) {
        target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(path.join(path.dirname(document.uri.fsPath), `${base}-fixed.csv`)), filters: { CSV: ['csv'] } });
      } else {
        const confirm = await vscode.window.showWarningMessage(`Overwrite ${path.basename(document.uri.fsPath)} with ${fixes.length} label fix(es)? Only the fixed cells change.`, { modal: true }, 'Overwrite');
        if (confirm !== 'Overwrite') return;
      }
      if (!target) return;
      const result = await document.dataset.client.request('applyLabelFixes', { fixes, path: target.fsPath });
      const missing = result.missing.length ? ` ${result.missing.length} fix(es) name ids no longer in the file and were skipped.` : '';
      void vscode.window.showInformationMessage(`Loupe: ${result.changed} label cell(s) changed in ${vscode.workspace.asRelativePath(target)}.${missing}`);
    }),
  );
}
