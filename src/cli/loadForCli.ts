import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { DatasetConfig } from '../core/config/projectConfig';
import { loadDatasetFile, type FileLoadOptions, type LoadedFile } from '../node/loadDataset';
import { readDatasetConfig } from '../node/projectConfigFile';
import { findProjectRoot } from '../node/projectFiles';
import { CliError } from './cliError';
import { refuseErrorProblems } from './fileProblems';

export interface CliLoadedFile extends LoadedFile {
  /** The file's settings in .loupe/config.json (roles, delimiter, encoding, positive class…), as the editor uses them. */
  settings: DatasetConfig;
}

/**
 * What a command does with error-level CSV problems: 'refuse' (exit 2, no figures), 'allow'
 * (--allow-problems: compute, the problems on stderr), 'list' (`info` prints them itself).
 */
export type ProblemPolicy = 'refuse' | 'allow' | 'list';

export function problemPolicy(allowProblems: boolean | undefined): ProblemPolicy {
  return allowProblems ? 'allow' : 'refuse';
}

/**
 * Loads a label file for a CLI command as the editor reads it: with the roles, delimiter and
 * encoding chosen in .loupe/config.json (explicit options win), turning I/O failures into
 * one-line errors. An empty file is always an error; other error-level problems follow `policy`.
 */
export async function loadForCli(file: string | undefined, options: FileLoadOptions = {}, policy: ProblemPolicy = 'refuse'): Promise<CliLoadedFile> {
  const loaded = await loadFile(file, options);
  const { dataset } = loaded;
  if (dataset.columns.length === 0) throw new CliError(`${file}:1: empty file: no header (a label file starts with a header row naming its columns)`);
  if (policy !== 'list') refuseErrorProblems(file!, dataset.problems, policy === 'allow');
  return loaded;
}

async function loadFile(file: string | undefined, options: FileLoadOptions): Promise<CliLoadedFile> {
  if (!file) throw new CliError('missing <csv>: the path of a label file');
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new CliError(`${file}: not a file`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code ?? (error as Error).message})`);
  }
  const { config: settings, problem, file: configFile } = await readDatasetConfig(path.resolve(file), findProjectRoot(file));
  if (problem) process.stderr.write(`loupe: ${configFile}: cannot be read (${problem}); the file's own settings are used\n`);
  const merged: FileLoadOptions = {
    ...options,
    roles: settings.roles || options.roles ? { ...settings.roles, ...options.roles } : undefined,
    delimiter: options.delimiter ?? settings.delimiter,
    encoding: options.encoding ?? settings.encoding,
  };
  try {
    const partWorker = path.join(__dirname, '..', 'worker', 'parsePartWorker.js');
    return { ...(await loadDatasetFile(file, merged, { partWorker: existsSync(partWorker) ? partWorker : undefined })), settings };
  } catch (error) {
    throw new CliError(`${file}: cannot be read (${(error as Error).message})`);
  }
}
