import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Annotation } from '../core/annotations/annotations';
import { parseSidecar, type SidecarProblem } from '../core/annotations/sidecar';
import { emptyCatalog, formatCatalogProblem, type TagCatalog } from '../core/annotations/tagCatalog';
import type { Dataset } from '../core/dataset/dataset';
import { KeyIndex } from '../core/dataset/keyIndex';
import { loupeFolder, sidecarPath } from './loupePaths';
import { RowReader } from './rowReader';
import { readCatalogFile } from './tagCatalogFile';

/** The folder that holds `.loupe/` for a dataset: the nearest ancestor that has one, else the dataset's folder. */
export function findProjectRoot(datasetPath: string): string {
  let dir = path.dirname(path.resolve(datasetPath));
  for (;;) {
    if (existsSync(path.join(dir, '.loupe'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.dirname(path.resolve(datasetPath));
    dir = parent;
  }
}

export interface ProjectAnnotations {
  sidecar: string;
  entries: [string, Annotation][];
  problems: SidecarProblem[];
  catalog: TagCatalog;
  /** tags.json exists but could not be read or parsed (`file:line:col: why`): default weights are used. */
  catalogProblem?: string;
}

/** A dataset's saved annotations and the project's tag catalog (missing files: empty). */
export async function readProjectAnnotations(datasetPath: string, root: string, sidecarOverride?: string): Promise<ProjectAnnotations> {
  const sidecar = sidecarOverride ?? sidecarPath(path.resolve(datasetPath), root);
  let entries: [string, Annotation][] = [];
  let problems: SidecarProblem[] = [];
  try {
    const parsed = parseSidecar(await fs.readFile(sidecar, 'utf8'));
    entries = parsed.entries;
    problems = parsed.problems;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || sidecarOverride) throw new Error(`${sidecar}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return { sidecar, entries, problems, ...(await readProjectCatalog(path.join(loupeFolder(path.resolve(datasetPath), root), 'tags.json'))) };
}

/** The project's tag catalog; when tags.json exists but cannot be used, an empty one and why (no tags.json: empty, no problem). */
export async function readProjectCatalog(file: string): Promise<{ catalog: TagCatalog; catalogProblem?: string }> {
  try {
    const read = await readCatalogFile(file);
    return read.problem ? { catalog: read.catalog, catalogProblem: formatCatalogProblem(file, read.problem) } : { catalog: read.catalog };
  } catch (error) {
    return { catalog: emptyCatalog(), catalogProblem: `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}

/**
 * The rows of annotated keys (keys the file no longer has are left out), and the tags the
 * sidecar gives each of those rows: the overrides of the file's own tags column.
 */
export function annotatedRows(dataset: Dataset, rowSource: string, entries: readonly [string, Annotation][]): { rowsOf: Map<string, number>; overrides: Map<number, readonly string[]> } {
  const overrides = new Map<number, readonly string[]>();
  if (entries.length === 0) return { rowsOf: new Map(), overrides };
  const reader = new RowReader(rowSource, dataset);
  try {
    const keyColumn = dataset.columns.findIndex((c) => c.kind === 'key');
    const rowsOf = new KeyIndex(dataset, (row) => reader.read([row])[0][keyColumn]).rowsOf(entries.map(([key]) => key));
    for (const [key, annotation] of entries) {
      const row = rowsOf.get(key);
      if (row !== undefined && annotation.tags) overrides.set(row, annotation.tags);
    }
    return { rowsOf, overrides };
  } finally {
    reader.close();
  }
}
