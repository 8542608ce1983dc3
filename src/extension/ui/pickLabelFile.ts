import * as vscode from 'vscode';

/** A quick pick of the workspace's CSV and TSV files (most recently changed first). */
export async function pickLabelFile(): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles('**/*.{csv,tsv}', '{**/node_modules/**,**/.loupe/**}', 2000);
  if (files.length === 0) {
    void vscode.window.showInformationMessage('Loupe: no .csv or .tsv file in this workspace. Open a folder with a label file first.');
    return undefined;
  }
  const items = files
    .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const picked = await vscode.window.showQuickPick(items, { title: 'Loupe: Open Label File', placeHolder: 'Choose a label file (CSV or TSV)', matchOnDescription: true });
  return picked?.uri;
}
