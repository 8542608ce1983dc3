import type { Annotation } from '../core/annotations/annotations';
import type { TagWeights } from '../core/errorAnalysis/tagMetrics';
import { RowTags } from '../core/dataset/rowTags';
import type { LoadedFile } from '../node/loadDataset';
import { findProjectRoot, readProjectAnnotations, type ProjectAnnotations } from '../node/projectFiles';
import { RowReader } from '../node/rowReader';
import { KeyIndex } from '../core/dataset/keyIndex';
import { CliError } from './cliError';

export interface AnalysisContext {
  annotations: ProjectAnnotations;
  tags: RowTags;
  weights: Record<string, Partial<TagWeights>>;
  /** Rows of annotated keys (keys missing from the file are left out). */
  rowsOf: Map<string, number>;
  byKey: Map<string, Annotation>;
}

/** The file's tags with the saved sidecar applied, and the tag weights of tags.json. */
export async function loadAnalysisContext(csv: string, loaded: LoadedFile, sidecar?: string): Promise<AnalysisContext> {
  const root = findProjectRoot(csv);
  let annotations: ProjectAnnotations;
  try {
    annotations = await readProjectAnnotations(csv, root, sidecar);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  for (const p of annotations.problems) process.stderr.write(`loupe: ${annotations.sidecar}:${p.line}: ${p.message}\n`);
  const { dataset } = loaded;
  const reader = new RowReader(loaded.rowSource, dataset);
  const keyColumn = dataset.columns.findIndex((c) => c.kind === 'key');
  const keys = new KeyIndex(dataset, (row) => reader.read([row])[0][keyColumn]);
  const rowsOf = keys.rowsOf(annotations.entries.map(([k]) => k));
  reader.close();
  const tags = new RowTags(dataset);
  const overrides = new Map<number, readonly string[]>();
  for (const [key, a] of annotations.entries) {
    const row = rowsOf.get(key);
    if (row !== undefined && a.tags) overrides.set(row, a.tags);
  }
  tags.applyOverrides(overrides);
  const weights: Record<string, Partial<TagWeights>> = {};
  for (const t of annotations.catalog.tags) weights[t.name] = { ease: t.ease, importance: t.importance, hlp: t.hlp };
  return { annotations, tags, weights, rowsOf, byKey: new Map(annotations.entries) };
}
