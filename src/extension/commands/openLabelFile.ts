import * as vscode from 'vscode';
import { LabelTableProvider } from '../labelTable/labelTableProvider';
import { pickLabelFile } from '../ui/pickLabelFile';

/** "Loupe: Open Label File": the given or active CSV, else one picked from the workspace. */
export function registerOpenLabelFile(): vscode.Disposable {
  return vscode.commands.registerCommand('loupe.openLabelFile', async (resource?: vscode.Uri) => {
    const uri = resource instanceof vscode.Uri ? resource : (activeCsv() ?? (await pickLabelFile()));
    if (!uri) return;
    await vscode.commands.executeCommand('vscode.openWith', uri, LabelTableProvider.viewType);
  });
}

function activeCsv(): vscode.Uri | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri && /\.(csv|tsv)$/i.test(uri.path) ? uri : undefined;
}
