import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { nodeFileAccess, type FileAccess } from './fileAccess';

/**
 * Keeps a copy of a file's content as `<file>.<UTC time>.bak` beside it, before Loupe writes
 * something that would drop part of it. The same content is copied once: when the newest
 * existing copy already holds it, that copy's path is returned.
 */
export async function keepBackup(file: string, content: string | Uint8Array, now = new Date(), files: FileAccess = nodeFileAccess): Promise<string> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const newest = await newestBackup(file, files);
  const newestBytes = newest === undefined ? undefined : await files.read(newest).catch(() => undefined);
  if (newest && newestBytes && bytes.equals(newestBytes)) return newest;
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  for (let n = 1; ; n++) {
    const target = `${file}.${stamp}${n === 1 ? '' : `-${n}`}.bak`;
    if (await files.create(target, bytes)) return target;
  }
}

/** The most recent `<file>.<time>.bak`, by name (the time sorts as text). */
export async function newestBackup(file: string, files: FileAccess = nodeFileAccess): Promise<string | undefined> {
  const base = path.basename(file);
  const names = await files.list(path.dirname(file)).catch(() => [] as string[]);
  const copies = names.filter((n) => n.startsWith(`${base}.`) && n.endsWith('.bak') && /^\d{4}-\d\d-\d\dT/.test(n.slice(base.length + 1))).sort();
  return copies.length > 0 ? path.join(path.dirname(file), copies[copies.length - 1]) : undefined;
}

/** Copies a file as it is on disk (same rule as keepBackup); undefined when it does not exist. */
export async function keepBackupOfFile(file: string, now = new Date()): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return keepBackup(file, bytes, now);
}
