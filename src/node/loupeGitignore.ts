import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export const LOUPE_GITIGNORE = `# Written by Loupe because this folder had no .gitignore; edit it freely, Loupe never rewrites it.
# Temporary files of saves that were interrupted (Loupe removes them on a later save).
.*.tmp
`;

/** Creates `.loupe/.gitignore` when there is none; an existing one (the user's) is never touched. Returns true when written. */
export async function ensureLoupeGitignore(loupeDir: string): Promise<boolean> {
  await fs.mkdir(loupeDir, { recursive: true });
  try {
    await fs.writeFile(path.join(loupeDir, '.gitignore'), LOUPE_GITIGNORE, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
