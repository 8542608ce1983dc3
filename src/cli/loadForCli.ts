import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { loadDatasetFile, type FileLoadOptions, type LoadedFile } from '../node/loadDataset';
import { CliError } from './cliError';

/** Loads a label file for a CLI command, turning I/O failures into one-line errors. */
export async function loadForCli(file: string | undefined, options: FileLoadOptions = {}): Promise<LoadedFile> {
  if (!file) throw new CliError('missing <csv>: the path of a label file');
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new CliError(`${file}: not a file`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code ?? (error as Error).message})`);
  }
  try {
    const partWorker = path.join(__dirname, '..', 'worker', 'parsePartWorker.js');
    return await loadDatasetFile(file, options, { partWorker: existsSync(partWorker) ? partWorker : undefined });
  } catch (error) {
    throw new CliError(`${file}: cannot be read (${(error as Error).message})`);
  }
}
