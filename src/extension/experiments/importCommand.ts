/**
 * "Loupe: Import Experiments": runs of MLflow (`mlruns/`), Weights & Biases (`wandb/` run
 * folders) and DVC (params/metrics files) found in the workspace, or in a folder picked,
 * become Loupe experiments. Imports only read the tool's files; importing again updates
 * the same experiments instead of duplicating them.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { detectImportSource, importFolder, type ImportSourceKind } from '../../node/experiments/importers/index';
import type { ExperimentsModel } from './experimentsModel';

const TOOL_NAMES: Record<ImportSourceKind, string> = { mlflow: 'MLflow', wandb: 'Weights & Biases', dvc: 'DVC' };
const EXCLUDE = '{**/node_modules/**,**/.loupe/**,**/.git/**}';
let problemsChannel: vscode.OutputChannel | undefined;

export async function importExperimentsCommand(model: ExperimentsModel): Promise<void> {
  const root = model.root;
  if (!root) {
    void vscode.window.showErrorMessage('Loupe: open a folder first; imported experiments are written to its .loupe/experiments/.');
    return;
  }
  const dir = await pickSource(root);
  if (!dir) return;
  const kind = await detectImportSource(dir);
  if (!kind) {
    void vscode.window.showErrorMessage(`Loupe: ${dir} holds no MLflow mlruns/, W&B run folders (wandb/offline-run-…) or DVC params.yaml/metrics.json/dvclive/. Choose the folder that contains them.`);
    return;
  }
  const summary = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Loupe: importing ${TOOL_NAMES[kind]} runs from ${vscode.workspace.asRelativePath(dir, false)}` }, () => importFolder(root, dir, kind));
  model.refresh();
  const count = (outcome: string) => summary.results.filter((r) => r.outcome === outcome).length;
  const text = `Loupe: ${TOOL_NAMES[kind]}: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged`;
  if (summary.problems.length === 0) {
    void vscode.window.showInformationMessage(`${text}.`);
    return;
  }
  const show = 'Show Problems';
  const choice = await vscode.window.showWarningMessage(`${text}; ${summary.problems.length} problem(s): ${summary.problems[0].message}${summary.problems.length > 1 ? ' …' : ''}`, show);
  if (choice === show) showProblems(dir, summary.problems);
}

function showProblems(dir: string, problems: readonly { file: string; message: string }[]): void {
  problemsChannel ??= vscode.window.createOutputChannel('Loupe Import');
  problemsChannel.appendLine(`Import from ${dir}:`);
  for (const p of problems) problemsChannel.appendLine(`  ${p.message}`);
  problemsChannel.show(true);
}

/** A detected tool folder of the workspace, or one picked in a dialog. */
async function pickSource(root: string): Promise<string | undefined> {
  const detected = await detectSources();
  const browse = { label: '$(folder-opened) Choose a folder…', description: 'mlruns/, wandb/, a W&B run folder or a DVC project', dir: undefined };
  const items = [...detected.map(({ dir, kind }) => ({ label: `$(history) ${vscode.workspace.asRelativePath(dir, false) || path.basename(dir)}`, description: TOOL_NAMES[kind], dir })), browse];
  const picked = await vscode.window.showQuickPick(items, { title: 'Loupe: Import Experiments', placeHolder: detected.length ? 'Runs found in the workspace (read only; importing again updates them)' : 'No tool folders found in the workspace: choose one' });
  if (!picked) return undefined;
  if (picked.dir) return picked.dir;
  const chosen = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, defaultUri: vscode.Uri.file(root), openLabel: 'Import' });
  return chosen?.[0]?.fsPath;
}

async function detectSources(): Promise<{ dir: string; kind: ImportSourceKind }[]> {
  const find = async (glob: string, up: number) =>
    (await vscode.workspace.findFiles(glob, EXCLUDE, 200)).map((uri) => {
      let dir = uri.fsPath;
      for (let i = 0; i < up; i++) dir = path.dirname(dir);
      return dir;
    });
  const found = new Map<string, ImportSourceKind>();
  for (const dir of await find('**/mlruns/*/meta.yaml', 2)) found.set(dir, 'mlflow');
  for (const dir of await find('**/wandb/*run-*/files/config.yaml', 3)) found.set(dir, 'wandb');
  for (const dir of [...(await find('**/dvc.yaml', 1)), ...(await find('**/dvclive/metrics.json', 2))]) if (!found.has(dir)) found.set(dir, 'dvc');
  return [...found].map(([dir, kind]) => ({ dir, kind })).sort((a, b) => a.dir.localeCompare(b.dir));
}
