/**
 * "Loupe: Compare Dataset with Reference…": picks a reference and a current label file (the
 * active table by default), computes drift in a worker thread (cancellable) with the figures
 * of `loupe drift --json`, and shows the drift view.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { driftToHostSchema, type DriftToHost, type HostToDrift } from '../../protocol/drift';
import { runWithProgress } from '../fileTasks/taskProgress';
import type { LabelTableProvider } from '../labelTable/labelTableProvider';
import { ReportPanel } from '../reportPanel';

export function registerCompareWithReference(provider: LabelTableProvider, extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand('loupe.compareWithReference', async (resource?: unknown) => {
    const files = await vscode.workspace.findFiles('**/*.{csv,tsv}', '{**/node_modules/**,**/.loupe/**}', 2000);
    const active = resource instanceof vscode.Uri ? resource : provider.activeDocument?.uri;
    const current = await pickFile(files, active, 'Loupe: Compare Dataset (1/2): the current data', 'The new data to check (default: the active label file)');
    if (!current) return;
    const reference = await pickFile(files.filter((f) => f.toString() !== current.toString()), undefined, 'Loupe: Compare Dataset (2/2): the reference data', 'The data the model was trained or validated on');
    if (!reference) return;
    const result = await runWithProgress(extensionUri.fsPath, `Loupe: comparing ${path.basename(current.fsPath)} with ${path.basename(reference.fsPath)}`, 'drift', { reference: reference.fsPath, current: current.fsPath });
    if (!result) return;
    const message: HostToDrift = { type: 'drift', referenceFile: relative(reference), currentFile: relative(current), result };
    const spec = { viewType: 'loupe.drift', title: `Drift: ${path.basename(current.fsPath)}`, script: 'drift.js', schema: driftToHostSchema };
    new ReportPanel<HostToDrift, DriftToHost>(spec, extensionUri, message, async (m) => {
      await vscode.commands.executeCommand('vscode.openWith', m.which === 'reference' ? reference : current, 'loupe.labelTable');
    });
  });
}

function relative(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

async function pickFile(files: vscode.Uri[], first: vscode.Uri | undefined, title: string, placeHolder: string): Promise<vscode.Uri | undefined> {
  const items = files
    .filter((f) => f.toString() !== first?.toString())
    .map((uri) => ({ label: relative(uri), uri: uri as vscode.Uri | undefined, description: undefined as string | undefined }))
    .sort((a, b) => a.label.localeCompare(b.label));
  if (first) items.unshift({ label: relative(first), uri: first, description: 'active label file' });
  items.push({ label: '$(folder-opened) Browse…', uri: undefined, description: 'a CSV or TSV file anywhere' });
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true });
  if (!picked || picked.uri) return picked?.uri;
  const chosen = await vscode.window.showOpenDialog({ title, canSelectMany: false, filters: { 'Label files': ['csv', 'tsv'] } });
  return chosen?.[0];
}
