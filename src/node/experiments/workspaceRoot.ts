import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../../core/paths/containment';

/**
 * The workspace a command-line call works in: the nearest folder at or above `start` that
 * holds `.loupe/` or `.git` (a folder, or the file a git worktree has), else `start` itself.
 * A training script run from `src/` then records into the same `.loupe/experiments/` as
 * VS Code does for the repository.
 */
export function findWorkspaceRoot(start: string): string {
  const from = path.resolve(start);
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.loupe')) || existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return from;
  }
}

/** A path as the records keep it: relative to the root with forward slashes (absolute when outside it). */
export function workspaceRelative(root: string, file: string): string {
  const absolute = path.resolve(root, file);
  if (absolute === path.resolve(root) || !isInside(root, absolute, path)) return absolute.split(path.sep).join('/');
  return path.relative(root, absolute).split(path.sep).join('/');
}
