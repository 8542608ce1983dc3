import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * Opens a path written in a cell (an audio clip, an image) in VS Code. The path is data, so
 * it is resolved against the label file's folder and the workspace, and must stay inside them.
 */
export async function openDataPath(dataset: vscode.Uri, written: string): Promise<void> {
  const folder = path.dirname(dataset.fsPath);
  const root = vscode.workspace.getWorkspaceFolder(dataset)?.uri.fsPath ?? folder;
  const candidates = path.isAbsolute(written) ? [written] : [path.resolve(folder, written), path.resolve(root, written)];
  for (const candidate of candidates) {
    const inside = [folder, root].some((base) => !path.relative(base, candidate).startsWith('..'));
    if (!inside) continue;
    try {
      if ((await fs.stat(candidate)).isFile()) {
        await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(candidate));
        return;
      }
    } catch {
      // try the next candidate
    }
  }
  void vscode.window.showWarningMessage(`Loupe: "${written}" was not found next to ${path.basename(dataset.fsPath)} or in the workspace.`);
}
