import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * The stem of an audit report's files (`.md` and `.json` are added):
 * `<root>/reports/loupe-audit-<file name>-<6 hex of its relative path>-<date>`. The hash keeps
 * `a/labels.csv` and `b/labels.csv` apart and is the same on every run for one file, so a
 * report of the same file on the same day is replaced, never a report of another file.
 */
export function auditReportStem(root: string, relativeFile: string, date: string): string {
  const name = path.posix.basename(relativeFile).replace(/\.(csv|tsv)$/i, '').replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80);
  const hash = createHash('sha256').update(relativeFile).digest('hex').slice(0, 6);
  return path.join(root, 'reports', `loupe-audit-${name}-${hash}-${date}`);
}

/**
 * A stem whose files are free or hold a report of this same file (its JSON's `file`): a report
 * of another file, or files Loupe cannot tell are its own, get `-2`, `-3`… instead.
 */
export async function chooseAuditReportStem(root: string, relativeFile: string, date: string): Promise<string> {
  const stem = auditReportStem(root, relativeFile, date);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? stem : `${stem}-${n}`;
    if (await freeFor(candidate, relativeFile)) return candidate;
  }
}

async function freeFor(stem: string, relativeFile: string): Promise<boolean> {
  const [json, md] = await Promise.all([readIfExists(`${stem}.json`), readIfExists(`${stem}.md`)]);
  if (json === undefined) return md === undefined;
  try {
    return (JSON.parse(json) as { file?: unknown }).file === relativeFile;
  } catch {
    return false;
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
