import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { resolveWorkspaceFile } from './safePath';

// A media file is streamed by VS Code: the size limit only rules out devices and FIFOs.
const ANY_SIZE = Number.MAX_SAFE_INTEGER;

/** A path written in a cell, found inside the workspace; or why it cannot be shown. */
export type DataFile = { found: true; path: string } | { found: false; state: 'missing' | 'outside'; message: string };

/**
 * Finds the file a cell of `labelFile` names (an audio clip, an image): a relative path is
 * tried next to the label file, then at the workspace `root`; either way it must stay inside
 * `root`, links included (`safePath.ts`: network shares and devices are never looked at). The
 * path returned is below `root` as given (not below its real path), so a URI built from it
 * stays under the folder a webview may load from.
 */
export async function findDataFile(root: string, labelFile: string, written: string): Promise<DataFile> {
  let refusal: string | undefined;
  let other: string | undefined;
  const bases = path.isAbsolute(written) ? [root] : [...new Set([path.dirname(labelFile), root])];
  for (const base of bases) {
    const found = await resolveWorkspaceFile(root, written, ANY_SIZE, base);
    if (found.ok) return { found: true, path: path.join(root, path.relative(await fs.realpath(root), found.path)) };
    if (found.problem === 'network-or-device' || found.problem === 'outside') refusal ??= found.message;
    else if (found.problem !== 'missing') other ??= found.message;
  }
  if (refusal) return { found: false, state: 'outside', message: refusal };
  return { found: false, state: 'missing', message: other ?? `${written} was not found next to ${path.basename(labelFile)} or in the workspace folder` };
}
