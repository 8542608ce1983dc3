import * as path from 'node:path';
import { emptyCatalog, withHotkeys, formatCatalogProblem, parseTagCatalog, serializeTagCatalog, type CatalogProblem, type TagCatalog } from '../core/annotations/tagCatalog';
import { keepBackup } from './backupCopies';
import { nodeFileAccess, readTextFile, type FileAccess } from './fileAccess';
import { ensureLoupeGitignore } from './loupeGitignore';

/** tags.json could not be parsed, so it was left as it is (a copy kept beside it). */
export class CatalogUnreadableError extends Error {
  readonly code = 'catalog-unreadable';

  constructor(
    readonly file: string,
    readonly problem: CatalogProblem,
    readonly backup: string,
  ) {
    super(`${formatCatalogProblem(file, problem)}. Loupe left the file as it is (a copy is in ${path.basename(backup)}); fix it, then try again.`);
  }
}

export interface CatalogFile {
  catalog: TagCatalog;
  /** The file's text; undefined when there is no tags.json. */
  text: string | undefined;
  problem?: CatalogProblem;
}

export async function readCatalogFile(file: string, files: FileAccess = nodeFileAccess): Promise<CatalogFile> {
  const text = await readTextFile(files, file);
  if (text === undefined) return { catalog: emptyCatalog(), text: undefined };
  return { ...parseTagCatalog(text), text };
}

/**
 * Applies a change to tags.json as it is on disk now, so hand edits made since it was read are
 * kept. No file: written only when the result lists tags. A file that cannot be parsed is never
 * written over: a copy is kept and CatalogUnreadableError names the file and line. Returns the
 * catalog as it now is on disk.
 */
export async function updateCatalogFile(file: string, change: (current: TagCatalog) => TagCatalog, files: FileAccess = nodeFileAccess): Promise<TagCatalog> {
  const current = await readCatalogFile(file, files);
  if (current.problem) {
    const backup = await keepBackup(file, current.text ?? '', new Date(), files);
    throw new CatalogUnreadableError(file, current.problem, backup);
  }
  const next = change(current.catalog);
  const text = serializeTagCatalog(next);
  // Unchanged content is not rewritten: a hand-formatted file keeps its layout. Keys a file
  // without them gets from its order are the same every time it is read: not a change either.
  if (current.text === undefined ? next.tags.length === 0 : text === serializeTagCatalog(current.catalog) || text === serializeTagCatalog(withHotkeys(current.catalog))) return next;
  await ensureLoupeGitignore(path.dirname(file), files);
  await files.writeAtomic(file, text);
  return next;
}
