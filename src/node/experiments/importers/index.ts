import * as path from 'node:path';
import { importExperiments, type ImportResult, type RecordOptions } from '../store';
import { isDirectory, pathExists, type ImportReport } from './common';
import { readDvcProject } from './dvc';
import { readMlflowRuns } from './mlflow';
import { readWandbRuns } from './wandb';

export type { ImportProblem, ImportReport } from './common';
export { readDvcProject } from './dvc';
export { readMlflowRuns, parseMetricFile } from './mlflow';
export { readWandbRuns } from './wandb';

export type ImportSourceKind = 'mlflow' | 'dvc' | 'wandb';

/** Which tool wrote `dir`: an `mlruns` store, a W&B run (or folder of runs), or a DVC project. */
export async function detectImportSource(dir: string): Promise<ImportSourceKind | undefined> {
  const base = path.basename(dir);
  if (base === 'mlruns' || (await isDirectory(path.join(dir, 'mlruns')))) return 'mlflow';
  if (base === 'wandb' || /^(offline-)?run-\d{8}_\d{6}-/.test(base) || (await isDirectory(path.join(dir, 'wandb')))) return 'wandb';
  for (const marker of ['dvc.yaml', 'params.yaml', 'metrics.json', 'dvclive']) {
    if (await pathExists(path.join(dir, marker))) return 'dvc';
  }
  return undefined;
}

/** Reads the runs of one tool's folder without writing anything. */
export async function readRuns(dir: string, kind: ImportSourceKind, root?: string): Promise<ImportReport> {
  if (kind === 'mlflow') return readMlflowRuns(path.basename(dir) === 'mlruns' || !(await isDirectory(path.join(dir, 'mlruns'))) ? dir : path.join(dir, 'mlruns'));
  if (kind === 'wandb') return readWandbRuns(dir);
  return readDvcProject(dir, { root });
}

export interface ImportSummary extends ImportReport {
  results: ImportResult[];
}

/** Reads a tool's folder and adds (or refreshes) its runs in the store under `root`. */
export async function importFolder(root: string, dir: string, kind: ImportSourceKind, options: RecordOptions = {}): Promise<ImportSummary> {
  const report = await readRuns(dir, kind, root);
  const results = await importExperiments(root, report.drafts, options);
  return { ...report, results };
}
