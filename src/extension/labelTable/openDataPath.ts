import * as path from 'node:path';
import * as vscode from 'vscode';
import { findDataFile } from '../../node/dataFilePath';

/** The folder a label file's paths must stay in: its workspace folder, or its own folder when it has none. */
export function dataRootOf(dataset: vscode.Uri): vscode.Uri {
  return vscode.workspace.getWorkspaceFolder(dataset)?.uri ?? vscode.Uri.file(path.dirname(dataset.fsPath));
}

/**
 * Opens a path written in a cell (an audio clip, an image) in VS Code. The path is data, so
 * it is resolved against the label file's folder, then the workspace, and must stay inside
 * the workspace folder (links included); network shares and devices are never looked at.
 */
export async function openDataPath(dataset: vscode.Uri, written: string): Promise<void> {
  const found = await findDataFile(dataRootOf(dataset).fsPath, dataset.fsPath, written);
  if (found.found) {
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(found.path));
    return;
  }
  void vscode.window.showWarningMessage(`Loupe: ${found.message}.`);
}
