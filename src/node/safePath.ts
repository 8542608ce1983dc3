import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { containPath, isInside, isNetworkOrDevicePath, type ContainmentProblem } from '../core/paths/containment';

/**
 * Opening a path that a file wrote (a media cell, `judgements` in `.loupe/config.json`) only
 * inside the workspace folder. Links are followed one at a time, and only when their target
 * is inside the folder too, so nothing outside it (another drive, a network share) is ever
 * looked at, not even to stat it.
 */

export type WorkspacePath = { ok: true; path: string } | { ok: false; problem: ContainmentProblem | 'missing' | 'not-a-file' | 'too-large'; message: string };

const MAX_LINKS = 40;

/**
 * The real path of `written` (resolved against `base`, a folder inside `root`) when it names
 * an existing entry inside `root` with every link on the way followed; else why not. The
 * message names the written path, never anything read from it.
 */
export async function resolveInsideWorkspace(root: string, written: string, base = root): Promise<WorkspacePath> {
  const lexical = containPath(root, written, path, base);
  if (!lexical.inside) return refusal(lexical.problem, written, root);
  let realRoot: string;
  try {
    realRoot = await fs.realpath(root);
  } catch {
    return { ok: false, problem: 'missing', message: `the workspace folder ${root} cannot be read` };
  }
  return followInside(realRoot, splitBelow(root, lexical.path), written);
}

/** Like `resolveInsideWorkspace`, and the entry must be a regular file of at most `maxBytes` (not a FIFO, a device or a folder). */
export async function resolveWorkspaceFile(root: string, written: string, maxBytes: number, base = root): Promise<WorkspacePath> {
  const resolved = await resolveInsideWorkspace(root, written, base);
  if (!resolved.ok) return resolved;
  const stat = await fs.stat(resolved.path);
  if (!stat.isFile()) return { ok: false, problem: 'not-a-file', message: `${written} is not a regular file` };
  if (stat.size > maxBytes) return { ok: false, problem: 'too-large', message: `${written} is larger than ${formatMegabytes(maxBytes)} (the limit for this file)` };
  return resolved;
}

/**
 * Reads a regular file of at most `maxBytes` (all of it, or its first `headBytes`). The file
 * is opened without blocking and checked through the open handle, so a FIFO, a device such as
 * /dev/zero or a file grown past the limit is refused without reading it.
 */
export async function readRegularFile(file: string, maxBytes: number, headBytes?: number): Promise<Buffer> {
  // O_NONBLOCK: opening a FIFO would otherwise wait for a writer. Windows has neither flag.
  const handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error(`${path.basename(file)} is not a regular file`);
    if (stat.size > maxBytes) throw new Error(`${path.basename(file)} is larger than ${formatMegabytes(maxBytes)} (the limit for this file)`);
    const length = Math.min(stat.size, headBytes ?? stat.size);
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

export function formatMegabytes(bytes: number): string {
  return bytes < 2 ** 20 ? `${bytes} bytes` : `${Math.round(bytes / 2 ** 20)} MB`;
}

async function followInside(realRoot: string, segments: string[], written: string): Promise<WorkspacePath> {
  let current = realRoot;
  let links = 0;
  while (segments.length > 0) {
    const next = path.join(current, segments.shift()!);
    let stat;
    try {
      stat = await fs.lstat(next);
    } catch {
      return { ok: false, problem: 'missing', message: `${written} was not found` };
    }
    if (!stat.isSymbolicLink()) {
      current = next;
      continue;
    }
    if (++links > MAX_LINKS) return { ok: false, problem: 'outside', message: `${written} goes through too many links` };
    const target = await fs.readlink(next);
    if (isNetworkOrDevicePath(target, path)) return refusal('network-or-device', written, realRoot);
    const resolved = path.resolve(current, target);
    if (!isInside(realRoot, resolved, path)) return refusal('outside', written, realRoot);
    segments = [...splitBelow(realRoot, resolved), ...segments];
    current = realRoot;
  }
  return { ok: true, path: current };
}

function splitBelow(root: string, inside: string): string[] {
  return path.relative(root, inside).split(path.sep).filter((s) => s !== '' && s !== '.');
}

function refusal(problem: ContainmentProblem, written: string, root: string): WorkspacePath {
  const why = problem === 'network-or-device' ? 'names another machine or a device' : `is outside the workspace folder ${root}`;
  return { ok: false, problem, message: `${written} ${why}; Loupe only opens files inside it` };
}
