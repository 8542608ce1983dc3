/**
 * "Loupe: Import Experiments" as a flow over a `Ui` (no VS Code): runs of MLflow (`mlruns/`),
 * Weights & Biases (`wandb/` run folders) and DVC (params/metrics files) found in the
 * workspace, or in a folder picked, become Loupe experiments. Imports only read the tool's
 * files; importing again updates the same experiments instead of duplicating them.
 */
import * as path from 'node:path';
import { detectImportSource, importFolder, type ImportSourceKind } from '../../../node/experiments/importers/index';
import type { Ui } from '../../vscode/ui';
import { counted } from '../../../core/plural';

export const TOOL_NAMES: Record<ImportSourceKind, string> = { mlflow: 'MLflow', wandb: 'Weights & Biases', dvc: 'DVC' };

export interface ImportDeps {
  ui: Ui;
  /** Workspace files matching a glob (node_modules, .loupe and .git left out). */
  findFiles(glob: string): Promise<string[]>;
  /** Tells the views that records changed. */
  refresh(): void;
}

/** Imports from a chosen source into `root`'s .loupe/experiments/; returns the folder imported, if any. */
export async function importExperimentsFlow(root: string | undefined, deps: ImportDeps): Promise<string | undefined> {
  const { ui } = deps;
  if (!root) {
    ui.error('Loupe: open a folder first; imported experiments are written to its .loupe/experiments/.');
    return undefined;
  }
  const dir = await pickSource(root, deps);
  if (!dir) return undefined;
  const kind = await detectImportSource(dir);
  if (!kind) {
    ui.error(`Loupe: ${dir} holds no MLflow mlruns/, W&B run folders (wandb/offline-run-…) or DVC params.yaml/metrics.json/dvclive/. Choose the folder that contains them.`);
    return undefined;
  }
  const summary = await ui.withProgress(`Loupe: importing ${TOOL_NAMES[kind]} runs from ${ui.displayPath(dir)}`, () => importFolder(root, dir, kind));
  deps.refresh();
  const count = (outcome: string) => summary.results.filter((r) => r.outcome === outcome).length;
  const text = `Loupe: ${TOOL_NAMES[kind]}: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged`;
  if (summary.problems.length === 0) {
    ui.info(`${text}.`);
    return dir;
  }
  const more = summary.problems.length > 1 ? ' …' : '';
  if (await ui.warn(`${text}; ${counted(summary.problems.length, 'problem')}: ${summary.problems[0].message}${more}`, 'Show Problems')) {
    ui.showOutput('Loupe Import', [`Import from ${dir}:`, ...summary.problems.map((p) => `  ${p.message}`)]);
  }
  return dir;
}

/** A detected tool folder of the workspace, or one picked in a dialog. */
async function pickSource(root: string, deps: ImportDeps): Promise<string | undefined> {
  const detected = await detectSources(deps);
  const BROWSE = '';
  const picked = await deps.ui.pick(
    [
      ...detected.map(({ dir, kind }) => ({ label: `$(history) ${deps.ui.displayPath(dir) || path.basename(dir)}`, description: TOOL_NAMES[kind], value: dir })),
      { label: '$(folder-opened) Choose a folder…', description: 'mlruns/, wandb/, a W&B run folder or a DVC project', value: BROWSE },
    ],
    { title: 'Loupe: Import Experiments', placeHolder: detected.length ? 'Runs found in the workspace (read only; importing again updates them)' : 'No tool folders found in the workspace: choose one' },
  );
  if (picked === undefined) return undefined;
  if (picked !== BROWSE) return picked;
  return deps.ui.openFolder({ defaultPath: root, openLabel: 'Import' });
}

/** Tool folders in the workspace, by the files that mark them. */
export async function detectSources(deps: Pick<ImportDeps, 'findFiles'>): Promise<{ dir: string; kind: ImportSourceKind }[]> {
  const find = async (glob: string, up: number) =>
    (await deps.findFiles(glob)).map((file) => {
      let dir = file;
      for (let i = 0; i < up; i++) dir = path.dirname(dir);
      return dir;
    });
  const found = new Map<string, ImportSourceKind>();
  for (const dir of await find('**/mlruns/*/meta.yaml', 2)) found.set(dir, 'mlflow');
  for (const dir of await find('**/wandb/*run-*/files/config.yaml', 3)) found.set(dir, 'wandb');
  for (const dir of [...(await find('**/dvc.yaml', 1)), ...(await find('**/dvclive/metrics.json', 2))]) if (!found.has(dir)) found.set(dir, 'dvc');
  return [...found].map(([dir, kind]) => ({ dir, kind })).sort((a, b) => a.dir.localeCompare(b.dir));
}
