import * as vscode from 'vscode';
import { ErrorAnalysisPanel } from '../errorAnalysis/errorAnalysisPanel';
import type { LabelDocument } from '../labelTable/labelDocument';
import type { LabelTableProvider } from '../labelTable/labelTableProvider';
import { pickLabelFile } from '../ui/pickLabelFile';

/** The label file a command works on: the one given, the active Loupe table, or one picked. */
export async function targetDocument(provider: LabelTableProvider, resource?: unknown): Promise<LabelDocument | undefined> {
  if (resource instanceof vscode.Uri) return provider.documentFor(resource);
  const active = provider.activeDocument;
  if (active) return active;
  const picked = await pickLabelFile();
  return picked ? provider.documentFor(picked) : undefined;
}

export function registerAnalysisCommands(provider: LabelTableProvider, extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('loupe.showErrorAnalysis', async (resource?: unknown) => {
      const document = await targetDocument(provider, resource);
      if (document) ErrorAnalysisPanel.show(document, extensionUri);
    }),
  );
}
