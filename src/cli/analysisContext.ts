import { catalogWeights } from '../core/annotations/tagCatalog';
import type { Annotation } from '../core/annotations/annotations';
import type { TagWeights } from '../core/errorAnalysis/tagMetrics';
import { RowTags } from '../core/dataset/rowTags';
import type { LoadedFile } from '../node/loadDataset';
import { annotatedRows, findProjectRoot, readProjectAnnotations, type ProjectAnnotations } from '../node/projectFiles';
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
  // A warning, not a refusal: weights only order the ranking.
  if (annotations.catalogProblem) process.stderr.write(`loupe: warning: ${annotations.catalogProblem}; default weights used\n`);
  const { dataset } = loaded;
  const { rowsOf, overrides } = annotatedRows(dataset, loaded.rowSource, annotations.entries);
  const tags = new RowTags(dataset);
  tags.applyOverrides(overrides);
  const weights: Record<string, Partial<TagWeights>> = catalogWeights(annotations.catalog);
  return { annotations, tags, weights, rowsOf, byKey: new Map(annotations.entries) };
}

/** The JSON field that says tags.json was not used (absent when it was, or when there is none). */
export function catalogProblemField(annotations: ProjectAnnotations): { catalogProblem?: string } {
  return annotations.catalogProblem ? { catalogProblem: annotations.catalogProblem } : {};
}
