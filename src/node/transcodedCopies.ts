import { randomBytes } from 'node:crypto';
import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { processIsAlive } from './atomicWrite';

/**
 * UTF-8 copies of label files in other encodings (rows are read from them). They hold the
 * user's data, so they live in a folder only the user can read (0700, files 0600): the
 * extension's storage, one folder per dataset worker removed when its document closes, or
 * for the CLI a private temp folder removed on exit. Folders of dead processes are swept.
 */

/** A worker's folder under `<storage>/transcoded/`: `<pid>-<8 hex>`. */
const FOLDER_NAME = /^(\d+)-[0-9a-f]{8}$/;

export function transcodedRoot(storage: string): string {
  return path.join(storage, 'transcoded');
}

/** A fresh folder name for one dataset worker's copies (created when a copy is written). */
export function newTranscodeFolder(storage: string): string {
  return path.join(transcodedRoot(storage), `${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Where the copy of `source` goes in `dir`. */
export function transcodedCopyPath(dir: string, source: string): string {
  return path.join(dir, `${path.basename(source)}.loupe-utf8-${process.pid}-${randomBytes(4).toString('hex')}.csv`);
}

export async function makePrivateFolder(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
}

/** Removes the folders of `<storage>/transcoded/` whose process is gone (Loupe's own names only). Returns their names. */
export async function sweepTranscodedCopies(storage: string, isAlive: (pid: number) => boolean = processIsAlive): Promise<string[]> {
  const root = transcodedRoot(storage);
  const names = await fs.readdir(root).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const match = FOLDER_NAME.exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    await fs.rm(path.join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

let processFolder: string | undefined;

/** This process's private temp folder for copies, removed when the process exits (the CLI's). */
export function processTranscodeFolder(): string {
  if (processFolder === undefined) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-'));
    processFolder = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return processFolder;
}
