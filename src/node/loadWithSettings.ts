import * as path from 'node:path';
import type { DatasetConfig } from '../core/config/projectConfig';
import { loadDatasetFile, type LoadedFile, type LoadHooks } from './loadDataset';
import { readDatasetConfig } from './projectConfigFile';
import { findProjectRoot } from './projectFiles';

export interface SettledFile extends LoadedFile {
  settings: DatasetConfig;
}

/**
 * Loads a label file with its settings in .loupe/config.json (roles, delimiter, encoding) read
 * from the nearest project folder, as `loupe` does, so views built on it print the CLI's figures.
 */
export async function loadWithSettings(file: string, hooks: LoadHooks = {}): Promise<SettledFile> {
  const { config: settings } = await readDatasetConfig(path.resolve(file), findProjectRoot(file));
  const loaded = await loadDatasetFile(file, { roles: settings.roles, delimiter: settings.delimiter, encoding: settings.encoding }, hooks);
  return { ...loaded, settings };
}
