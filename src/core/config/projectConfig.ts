/**
 * `.loupe/config.json`: choices the user made about each label file (column roles, the
 * delimiter, the encoding, the positive class), reviewable in git like any project file.
 */
import { z } from 'zod';
import { COLUMN_ROLES } from '../dataset/roles';
import { copyRecord, dataRecord, emptyRecord, ownValue } from './dataRecord';

export const PROJECT_CONFIG_VERSION = 1;

export const datasetConfigSchema = z.object({
  /** By column name; a column may be named `__proto__` or `constructor`. */
  roles: dataRecord(z.enum(COLUMN_ROLES)).optional(),
  delimiter: z.enum([',', '\t', ';', '|']).optional(),
  encoding: z.string().min(1).optional(),
  positiveClass: z.string().optional(),
  /** Definitions agreed for ambiguous classes, by class name. */
  classNotes: dataRecord(z.string()).optional(),
  /** The explicit "ambiguous / uncertain" class offered in review. */
  ambiguousClass: z.string().min(1).optional(),
  /**
   * Where labeler judgements come from when not the file's own labeler columns: a long-format
   * CSV or a Label Studio export, relative to this file's folder; this file's own name when the
   * file itself is long format.
   */
  judgements: z.string().min(1).max(4096).optional(),
});
export type DatasetConfig = z.infer<typeof datasetConfigSchema>;

const projectConfigSchema = z.object({
  version: z.number().int().positive(),
  /** By dataset path relative to the workspace root, with forward slashes. */
  datasets: dataRecord(datasetConfigSchema)
    .optional()
    .transform((datasets) => datasets ?? emptyRecord<DatasetConfig>()),
});
export type ProjectConfig = z.infer<typeof projectConfigSchema>;

export function emptyProjectConfig(): ProjectConfig {
  return { version: PROJECT_CONFIG_VERSION, datasets: emptyRecord() };
}

/** Parses config.json; a broken file gives a message and an empty config, never a crash. */
export function parseProjectConfig(text: string): { config: ProjectConfig; problem?: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { config: emptyProjectConfig(), problem: `not valid JSON: ${(error as Error).message}` };
  }
  const parsed = projectConfigSchema.safeParse(json);
  if (!parsed.success) return { config: emptyProjectConfig(), problem: z.prettifyError(parsed.error).replaceAll('\n', ' ') };
  return { config: parsed.data };
}

export function serializeProjectConfig(config: ProjectConfig): string {
  return JSON.stringify(config, null, 2) + '\n';
}

/** One dataset's settings (empty when it has none); the path is data, so only an own key counts. */
export function datasetConfigOf(config: ProjectConfig, dataset: string): DatasetConfig {
  return ownValue(config.datasets, dataset) ?? {};
}

/** A copy of the config with one dataset's settings changed (undefined fields removed); keyed maps stay without a prototype. */
export function withDatasetConfig(config: ProjectConfig, dataset: string, patch: Partial<DatasetConfig>): ProjectConfig {
  const merged: Record<string, unknown> = { ...datasetConfigOf(config, dataset), ...patch };
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || (typeof v === 'object' && v !== null && Object.keys(v).length === 0)) delete merged[k];
    else if (k === 'roles' || k === 'classNotes') merged[k] = copyRecord(v as Record<string, unknown>);
  }
  const datasets = copyRecord(config.datasets);
  datasets[dataset] = merged as DatasetConfig;
  return { ...config, datasets };
}
