import * as path from 'node:path';
import { nodeFileAccess, type FileAccess } from './fileAccess';

export const LOUPE_GITIGNORE = `# Written by Loupe because this folder had no .gitignore; edit it freely, Loupe never rewrites it.
# Temporary files of saves that were interrupted (Loupe removes them on a later save).
.*.tmp
`;

/** Creates `.loupe/.gitignore` when there is none; an existing one (the user's) is never touched. Returns true when written. */
export function ensureLoupeGitignore(loupeDir: string, files: FileAccess = nodeFileAccess): Promise<boolean> {
  return files.create(path.join(loupeDir, '.gitignore'), LOUPE_GITIGNORE);
}
