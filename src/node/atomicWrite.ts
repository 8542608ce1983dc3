import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Temp files of writeFileAtomic: `.<target>.loupe-<pid>-<8 hex>.tmp`. */
const TEMP_NAME = /^\..+\.loupe-(\d+)-[0-9a-f]{8}\.tmp$/;
/** The naming of earlier versions (`.<target>.<pid>.<8 hex>.tmp`): only swept inside `.loupe/`. */
const LEGACY_TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;
/** A temp file this old is left over even when its writer's pid is in use again. */
export const STALE_TEMP_MS = 10 * 60 * 1000;
const lastSweep = new Map<string, number>();

/**
 * Writes a file so that a crash at any moment leaves either the old or the new content:
 * write a temporary file beside it, fsync it, rename it over the target, fsync the folder.
 * The first write into a folder (then every ten minutes) removes temp files that writers
 * killed mid-save left there.
 */
export async function writeFileAtomic(target: string, content: string | Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  if (Date.now() - (lastSweep.get(dir) ?? -Infinity) > STALE_TEMP_MS) {
    lastSweep.set(dir, Date.now());
    await sweepStaleTemps(dir).catch(() => undefined);
  }
  const temp = path.join(dir, `.${path.basename(target)}.loupe-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

export interface SweepOptions {
  now?: number;
  isAlive?: (pid: number) => boolean;
}

/**
 * Removes writeFileAtomic's temp files in a folder whose writer is gone (its pid is not
 * running) or that are older than STALE_TEMP_MS. Only files named as Loupe names them are
 * touched. Returns the names removed.
 */
export async function sweepStaleTemps(dir: string, options: SweepOptions = {}): Promise<string[]> {
  const now = options.now ?? Date.now();
  const isAlive = options.isAlive ?? processIsAlive;
  const legacy = path.resolve(dir).split(path.sep).includes('.loupe');
  const removed: string[] = [];
  for (const name of await fs.readdir(dir)) {
    const match = TEMP_NAME.exec(name) ?? (legacy ? LEGACY_TEMP_NAME.exec(name) : null);
    if (!match) continue;
    const file = path.join(dir, name);
    const stat = await fs.lstat(file).catch(() => undefined);
    if (!stat?.isFile()) continue;
    const pid = Number(match[1]);
    if (isAlive(pid) && now - stat.mtimeMs < STALE_TEMP_MS) continue;
    await fs.rm(file, { force: true });
    removed.push(name);
  }
  return removed;
}

/** True when a process with this id runs (signal 0 only checks; EPERM: it runs as another user). */
export function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot open or fsync a folder; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}
