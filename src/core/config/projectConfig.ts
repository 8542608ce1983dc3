/**
 * `.loupe/config.json`: choices the user made about each label file (column roles, the
 * delimiter, the encoding, the positive class), reviewable in git like any project file.
 */
import { z } from 'zod';
import { COLUMN_ROLES } from '../dataset/roles';

export const PROJECT_CONFIG_VERSION = 1;

export const datasetConfigSchema = z.object({
  roles: z.record(z.string(), z.enum(COLUMN_ROLES)).optional(),
  delimiter: z.enum([',', '\t', ';', '|']).optional(),
  encoding: z.string().min(1).optional(),
  positiveClass: z.string().optional(),
  /** Definitions agreed for ambiguous classes, by class name. */
  classNotes: z.record(z.string(), z.string()).optional(),
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
  datasets: z.record(z.string(), datasetConfigSchema).default({}),
});
export type ProjectConfig = z.infer<typeof projectConfigSchema>;

export function emptyProjectConfig(): ProjectConfig {
  return { version: PROJECT_CONFIG_VERSION, datasets: {} };
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

/** A copy of the config with one dataset's settings changed (undefined fields removed). */
export function withDatasetConfig(config: ProjectConfig, dataset: string, patch: Partial<DatasetConfig>): ProjectConfig {
  const merged: Record<string, unknown> = { ...config.datasets[dataset], ...patch };
  for (const [k, v] of Object.entries(merged)) if (v === undefined || (typeof v === 'object' && v !== null && Object.keys(v).length === 0)) delete merged[k];
  return { ...config, datasets: { ...config.datasets, [dataset]: merged as DatasetConfig } };
}
