import * as vscode from 'vscode';
import { AgreementPanel } from '../agreement/agreementPanel';
import { applyLabelFixes, exportRelabelQueue, exportTaggedCopy, type LabelFixDocument } from '../labelFixes/labelFixFlow';
import { vscodeUi } from '../vscode/vscodeUi';
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
    vscode.commands.registerCommand('loupe.exportRelabelQueue', onLoadedDocument((d) => exportRelabelQueue(fixDocument(d), vscodeUi))),
    vscode.commands.registerCommand('loupe.exportTaggedCopy', onLoadedDocument((d) => exportTaggedCopy(fixDocument(d), vscodeUi))),
    vscode.commands.registerCommand('loupe.applyLabelFixes', onLoadedDocument((d) => applyLabelFixes(fixDocument(d), vscodeUi))),
  );
}

/** The open label file as the label-fix flows see it. */
function fixDocument(document: LabelDocument): LabelFixDocument {
  const client = document.dataset.client;
  const entries = () => [...document.model.annotations.entries()];
  return {
    file: document.uri.fsPath,
    labelFixes: () => document.model.labelFixes(),
    ambiguousKeys: () => entries().filter(([, a]) => a.ambiguous).map(([k]) => k),
    decidedKeys: () => new Set(entries().filter(([, a]) => a.label !== undefined).map(([k]) => k)),
    notes: () => entries().flatMap(([k, a]): [string, string][] => (a.note ? [[k, a.note]] : [])),
    keysMatching: (filter) => client.request('keysMatching', { filter, limit: 10_000_000 }),
    exportRows: (keys, file) => client.request('exportRows', { keys, path: file }),
    exportTaggedCopy: (notes, file) => client.request('exportTaggedCopy', { notes, path: file }),
    applyLabelFixes: (fixes, file) => client.request('applyLabelFixes', { fixes, path: file }),
    labelFixEffect: (fixes) => client.request('labelFixEffect', { fixes }),
    carryAnnotations: (file) => document.model.carryAnnotationsTo(file),
  };
}
