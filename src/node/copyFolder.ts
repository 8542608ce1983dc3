/**
 * Copies a folder (the sample workspace shipped in the extension) into a new folder. It never
 * overwrites: a destination that exists and is not empty is refused before anything is written,
 * and so is a destination inside the source (a copy into itself would never end).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../core/paths/containment';

export type CopyFolderResult = { ok: true; files: number } | { ok: false; reason: 'not-empty' | 'inside-source'; message: string };

/** Whether `folder` is missing or an empty folder (a file there counts as taken). */
export async function isFreeFolder(folder: string): Promise<boolean> {
  try {
    return (await fs.readdir(folder)).length === 0;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return true;
    if (code === 'ENOTDIR') return false;
    throw error;
  }
}

/** Copies every file and folder under `source` into `destination` (created), keeping the layout. */
export async function copyFolder(source: string, destination: string): Promise<CopyFolderResult> {
  const from = path.resolve(source);
  const to = path.resolve(destination);
  if (to === from || isInside(from, to, path)) {
    return { ok: false, reason: 'inside-source', message: `${to} is inside the folder being copied (${from}); choose a folder outside it` };
  }
  if (!(await isFreeFolder(to))) {
    return { ok: false, reason: 'not-empty', message: `${to} already exists and is not empty; Loupe does not overwrite it: choose another name or folder` };
  }
  await fs.mkdir(to, { recursive: true });
  let files = 0;
  const options = {
    recursive: true,
    errorOnExist: true,
    force: false,
    // Only plain files and folders: a link in the source is not followed out of it.
    filter: async (item: string) => {
      const stat = await fs.lstat(item);
      if (stat.isFile()) files++;
      return stat.isFile() || stat.isDirectory();
    },
  };
  // Entry by entry: Node 22+ refuses to copy a folder onto an existing (even empty) one with errorOnExist.
  for (const name of await fs.readdir(from)) await fs.cp(path.join(from, name), path.join(to, name), options);
  return { ok: true, files };
}
