import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { normalizeInput } from '../core/dataChecks/findDuplicates';
import type { Dataset } from '../core/dataset/dataset';
import { resolveWorkspaceFile } from './safePath';
import { scanColumn } from './scanColumn';

/** A cell naming an image or an audio file: its content, not its text, is the input. */
export const MEDIA_PATH = /\.(wav|mp3|flac|ogg|oga|opus|m4a|aac|aiff?|png|jpe?g|gif|webp|bmp|tiff?|heic)$/i;

const ANY_SIZE = Number.MAX_SAFE_INTEGER;
const PARALLEL_HASHES = 8;
const UNREADABLE_EXAMPLES = 10;

export interface InputKeys {
  /** Per row: "t:" + the normalized text, or "m:" + the SHA-256 of the media file; null when missing or unreadable. */
  keys: (string | null)[];
  /** Null when no cell names a media file. */
  media: { hashed: number; unreadable: number; unreadableExamples: { row: number; path: string; reason: string }[] } | null;
}

/**
 * The key of every row's input (DOMAIN.md §5). A media path is resolved against the label
 * file's folder, then the workspace, and read only when it stays inside the workspace
 * (links included); a path that cannot be read is counted, never hashed. Without `hashMedia`
 * media rows get no key (each file is read only when the user asks, e.g. in an audit).
 */
export async function readInputKeys(rowSource: string, dataset: Dataset, column: number, labelFile: string, root: string, hashMedia = true): Promise<InputKeys> {
  const keys = new Array<string | null>(dataset.rowCount).fill(null);
  const mediaRows: { row: number; written: string }[] = [];
  await scanColumn(rowSource, dataset, column, (row, value) => {
    if (row >= keys.length) return;
    const written = value.trim();
    if (MEDIA_PATH.test(written)) mediaRows.push({ row, written });
    else {
      const key = normalizeInput(value);
      keys[row] = key === null ? null : `t:${key}`;
    }
  });
  if (mediaRows.length === 0 || !hashMedia) return { keys, media: null };
  const media: NonNullable<InputKeys['media']> = { hashed: 0, unreadable: 0, unreadableExamples: [] };
  const unreadable: NonNullable<InputKeys['media']>['unreadableExamples'] = [];
  const hashes = new Map<string, Promise<string>>();
  let next = 0;
  const work = async () => {
    while (next < mediaRows.length) {
      const { row, written } = mediaRows[next++];
      const found = await locate(written, path.dirname(path.resolve(labelFile)), root);
      if (!found.ok) {
        unreadable.push({ row: row + 1, path: written, reason: found.message });
        continue;
      }
      try {
        if (!hashes.has(found.path)) hashes.set(found.path, hashFile(found.path));
        keys[row] = `m:${await hashes.get(found.path)!}`;
        media.hashed++;
      } catch (error) {
        unreadable.push({ row: row + 1, path: written, reason: (error as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_HASHES }, work));
  media.unreadable = unreadable.length;
  media.unreadableExamples = unreadable.sort((a, b) => a.row - b.row).slice(0, UNREADABLE_EXAMPLES);
  return { keys, media };
}

async function locate(written: string, folder: string, root: string): Promise<{ ok: true; path: string } | { ok: false; message: string }> {
  let refusal: string | undefined;
  for (const base of path.isAbsolute(written) ? [root] : [folder, root]) {
    const found = await resolveWorkspaceFile(root, written, ANY_SIZE, base);
    if (found.ok) return found;
    if (found.problem !== 'missing' || refusal === undefined) refusal = found.message;
  }
  return { ok: false, message: refusal ?? `${written} was not found` };
}

/** SHA-256 of a regular file, opened without following a last link or blocking on a FIFO. */
async function hashFile(file: string): Promise<string> {
  const handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  try {
    if (!(await handle.stat()).isFile()) throw new Error(`${path.basename(file)} is not a regular file`);
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}
