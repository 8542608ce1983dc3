import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveWorkspaceFile } from '../../node/safePath';

// A media file is opened by VS Code, which streams it: the limit only rules out devices and FIFOs.
const ANY_SIZE = Number.MAX_SAFE_INTEGER;

/**
 * Opens a path written in a cell (an audio clip, an image) in VS Code. The path is data, so
 * it is resolved against the label file's folder, then the workspace, and must stay inside
 * the workspace folder (links included); network shares and devices are never looked at.
 */
export async function openDataPath(dataset: vscode.Uri, written: string): Promise<void> {
  const folder = path.dirname(dataset.fsPath);
  const root = vscode.workspace.getWorkspaceFolder(dataset)?.uri.fsPath ?? folder;
  let refusal: string | undefined;
  for (const base of path.isAbsolute(written) ? [root] : [folder, root]) {
    const found = await resolveWorkspaceFile(root, written, ANY_SIZE, base);
    if (found.ok) {
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(found.path));
      return;
    }
    if (found.problem === 'network-or-device' || found.problem === 'outside') refusal = found.message;
  }
  void vscode.window.showWarningMessage(refusal ? `Loupe: ${refusal}.` : `Loupe: "${written}" was not found next to ${path.basename(dataset.fsPath)} or in the workspace.`);
}
