import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { datasetConfigOf, emptyProjectConfig, parseProjectConfig, serializeProjectConfig, withDatasetConfig, type DatasetConfig, type ProjectConfig } from '../core/config/projectConfig';
import { writeFileAtomic } from './atomicWrite';
import { datasetLabel, loupeFolder } from './loupePaths';

export function projectConfigPath(datasetPath: string, workspaceRoot: string | undefined): string {
  return path.join(loupeFolder(datasetPath, workspaceRoot), 'config.json');
}

export async function readProjectConfig(file: string): Promise<{ config: ProjectConfig; problem?: string }> {
  try {
    return parseProjectConfig(await fs.readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: emptyProjectConfig() };
    return { config: emptyProjectConfig(), problem: (error as Error).message };
  }
}

/** The settings of one label file (empty when there are none). */
export async function readDatasetConfig(datasetPath: string, workspaceRoot: string | undefined): Promise<{ config: DatasetConfig; problem?: string; file: string }> {
  const file = projectConfigPath(datasetPath, workspaceRoot);
  const { config, problem } = await readProjectConfig(file);
  return { config: datasetConfigOf(config, datasetLabel(datasetPath, workspaceRoot)), problem, file };
}

/** Changes one label file's settings; refuses to overwrite a config.json it cannot read. */
export async function updateDatasetConfig(datasetPath: string, workspaceRoot: string | undefined, patch: Partial<DatasetConfig>): Promise<void> {
  const file = projectConfigPath(datasetPath, workspaceRoot);
  const { config, problem } = await readProjectConfig(file);
  if (problem) throw new Error(`${file} cannot be read (${problem}); fix it before changing settings`);
  await writeFileAtomic(file, serializeProjectConfig(withDatasetConfig(config, datasetLabel(datasetPath, workspaceRoot), patch)));
}
