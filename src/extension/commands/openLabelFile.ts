import * as path from 'node:path';
import * as vscode from 'vscode';
import { isInside } from '../../core/paths/containment';
import { LabelTableProvider } from '../labelTable/labelTableProvider';
import { pickLabelFile } from '../ui/pickLabelFile';

/**
 * "Loupe: Open Label File": the given or active CSV, else one picked from the workspace. A
 * command link (the walkthrough's) gives a path relative to the first workspace folder; one that
 * leaves the folder or is not there falls back to the pick.
 */
export function registerOpenLabelFile(): vscode.Disposable {
  return vscode.commands.registerCommand('loupe.openLabelFile', async (resource?: unknown) => {
    const uri = resource instanceof vscode.Uri ? resource : ((await workspaceFile(resource)) ?? activeCsv() ?? (await pickLabelFile()));
    if (!uri) return;
    await vscode.commands.executeCommand('vscode.openWith', uri, LabelTableProvider.viewType);
  });
}

function activeCsv(): vscode.Uri | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri && /\.(csv|tsv)$/i.test(uri.path) ? uri : undefined;
}

/** `relative` inside the first workspace folder, when it names a file there. */
async function workspaceFile(relative: unknown): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (typeof relative !== 'string' || !relative || !folder || folder.uri.scheme !== 'file') return undefined;
  const file = path.resolve(folder.uri.fsPath, relative);
  if (!isInside(folder.uri.fsPath, file, path)) return undefined;
  const uri = vscode.Uri.file(file);
  const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
  return stat?.type === vscode.FileType.File ? uri : undefined;
}
