/**
 * One experiment = one JSON file under `.loupe/experiments/`. One file per record means two
 * people (or two scripts) recording at once never touch the same file, so git never conflicts.
 * The record says which code, which data, which params gave which results.
 */
import { z } from 'zod';
import { setKey } from './dataKeys';

export const EXPERIMENT_VERSION = 1;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A record keyed by names from files. zod's `z.record` drops a `__proto__` key; this keeps
 * every own key as data (a param or metric named `__proto__` or `constructor` is still a
 * param or metric), and reports a wrong key or value under its path.
 */
export function dataRecordSchema<T>(keySchema: z.ZodType<string>, valueSchema: z.ZodType<T>): z.ZodType<Record<string, T>> {
  return z.unknown().transform((input, ctx) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      ctx.issues.push({ code: 'invalid_type', expected: 'record', input, message: `expected an object, found ${Array.isArray(input) ? 'a list' : input === null ? 'null' : typeof input}` });
      return z.NEVER;
    }
    const out: Record<string, T> = {};
    for (const [key, value] of Object.entries(input)) {
      const checkedKey = keySchema.safeParse(key);
      if (!checkedKey.success) ctx.issues.push({ code: 'custom', input: key, path: [key], message: checkedKey.error.issues[0]?.message ?? 'not a valid name' });
      const checked = valueSchema.safeParse(value);
      if (!checked.success) for (const issue of checked.error.issues) ctx.issues.push({ code: 'custom', input: value, path: [key, ...issue.path], message: issue.message });
      if (checkedKey.success && checked.success) setKey(out, key, checked.data);
    }
    return out;
  });
}

// Lazy because JSON is recursive; params may nest (Hydra configs, params.yaml sections).
export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), dataRecordSchema(z.string(), jsonValueSchema)]),
);

/** Ids become file names: keep them to one safe path segment. */
export const experimentIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-" (it is the file name)');

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits (a SHA-256)');

export const codeStateSchema = z
  .object({
    /** False when git was not run (Restricted Mode, no repository, git missing). */
    gitAvailable: z.boolean(),
    /** Why git state is missing, e.g. "workspace not trusted (Restricted Mode)". */
    reason: z.string().min(1).optional(),
    commit: z.string().min(1).nullable(),
    branch: z.string().min(1).nullable(),
    /** Whether the working tree had uncommitted changes. */
    dirty: z.boolean().nullable(),
    /** SHA-256 of `git diff HEAD` when dirty, so two dirty runs can be told apart. */
    diffSha256: sha256Schema.nullable(),
    remote: z.string().min(1).nullable(),
    /** The script that ran, when the source knows it (MLflow source name, W&B program). */
    program: z.string().min(1).optional(),
  })
  .refine((c) => c.gitAvailable || c.reason !== undefined, {
    message: 'needs a "reason" when "gitAvailable" is false (say why git was not run)',
    path: ['reason'],
  });
export type CodeState = z.infer<typeof codeStateSchema>;

/**
 * The per-example predictions a record saw, so that two records can say whether they can be
 * compared example by example: the prediction column, and SHA-256s of the ids and of the
 * (id, prediction) pairs in row order (each row hashed as the JSON line `["<id>","<prediction>"]`;
 * without an id column the id is the 1-based row number).
 */
export const predictionFingerprintSchema = z.object({
  column: z.string().min(1),
  /** null: the file has no id column (rows are keyed by number). */
  idColumn: z.string().min(1).nullable(),
  rows: z.number().int().nonnegative(),
  idsSha256: sha256Schema,
  sha256: sha256Schema,
});
export type PredictionFingerprint = z.infer<typeof predictionFingerprintSchema>;

export const dataStateSchema = z.object({
  /** The dataset's path relative to the workspace root, with forward slashes. */
  path: z.string().min(1).nullable(),
  sha256: sha256Schema.nullable(),
  rows: z.number().int().nonnegative().nullable(),
  /** SHA-256 of the annotation sidecar (tags and label fixes) at recording time. */
  annotationsSha256: sha256Schema.nullable(),
  /** How many examples carried a label fix at recording time. */
  labelFixes: z.number().int().nonnegative().nullable(),
  /** Absent in records made before it existed, or when the dataset has no prediction column. */
  predictions: predictionFingerprintSchema.optional(),
});
export type DataState = z.infer<typeof dataStateSchema>;

export const metricsSchema = dataRecordSchema(z.string().min(1), z.number());
export type Metrics = z.infer<typeof metricsSchema>;

/** tag (or slice) → metric → value */
export const groupedMetricsSchema = dataRecordSchema(z.string().min(1), metricsSchema);
export type GroupedMetrics = z.infer<typeof groupedMetricsSchema>;

export const seriesPointSchema = z.object({ step: z.number(), value: z.number(), timestamp: z.number().optional() });
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

export const BASELINE_KINDS = ['none', 'human-level', 'previous-system', 'quick-and-dirty'] as const;
export const baselineKindSchema = z.enum(BASELINE_KINDS);
export type BaselineKind = z.infer<typeof baselineKindSchema>;

export const SOURCE_KINDS = ['palette', 'cli', 'mlflow', 'dvc', 'wandb'] as const;
export const sourceSchema = z.object({
  kind: z.enum(SOURCE_KINDS),
  /** Identifies the imported run (MLflow run id, W&B run id, DVC folder + content hash). */
  ref: z.string().min(1).optional(),
});
export type ExperimentSource = z.infer<typeof sourceSchema>;

export const experimentSchema = z
  .object({
    version: z.number().int().positive(),
    id: experimentIdSchema,
    name: z.string().trim().min(1, 'must not be empty'),
    createdAt: z.iso.datetime({ offset: true }),
    code: codeStateSchema,
    data: dataStateSchema,
    params: dataRecordSchema(z.string(), jsonValueSchema),
    metrics: metricsSchema,
    perTag: groupedMetricsSchema.optional(),
    perSlice: groupedMetricsSchema.optional(),
    /** Metric history (series name → points), kept from imports and training logs. */
    history: dataRecordSchema(z.string().min(1), z.array(seriesPointSchema)).optional(),
    notes: z.string(),
    starred: z.boolean(),
    baseline: baselineKindSchema,
    source: sourceSchema,
  })
  // Unknown fields survive a round trip through an older Loupe.
  .loose();
export type Experiment = z.infer<typeof experimentSchema>;

export type ParseExperimentResult = { ok: true; experiment: Experiment } | { ok: false; error: string };

/** Parses one experiment file; the error names the file and every field that is wrong. */
export function parseExperiment(text: string, fileName: string): ParseExperimentResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${fileName}: not valid JSON (${(error as Error).message})` };
  }
  return validateExperiment(json, fileName);
}

/** Validates an already-parsed value (e.g. built by an importer) as an experiment. */
export function validateExperiment(value: unknown, fileName: string): ParseExperimentResult {
  const version = readVersion(value);
  if (version !== undefined && version > EXPERIMENT_VERSION) {
    return { ok: false, error: `${fileName}: written by a newer Loupe (format ${version}, this one reads ${EXPERIMENT_VERSION}); update Loupe` };
  }
  const parsed = experimentSchema.safeParse(value);
  if (!parsed.success) return { ok: false, error: `${fileName}: ${describeIssues(parsed.error)}` };
  return { ok: true, experiment: parsed.data };
}

/** Two-space JSON with a trailing newline: reviewable and diff-friendly in git. */
export function serializeExperiment(experiment: Experiment): string {
  return JSON.stringify(experiment, null, 2) + '\n';
}

function readVersion(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null || !('version' in value)) return undefined;
  return typeof value.version === 'number' ? value.version : undefined;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`).join('; ');
}

/** What a caller supplies; the store assigns `version`, `id` and (by default) `createdAt`. */
export interface ExperimentDraft {
  name: string;
  createdAt?: string;
  code: CodeState;
  data?: Partial<DataState>;
  params?: Record<string, JsonValue>;
  metrics?: Metrics;
  perTag?: GroupedMetrics;
  perSlice?: GroupedMetrics;
  history?: Record<string, SeriesPoint[]>;
  notes?: string;
  starred?: boolean;
  baseline?: BaselineKind;
  source: ExperimentSource;
}

/** A complete record from a draft, with the defaults a new experiment starts from. */
export function buildExperiment(draft: ExperimentDraft, id: string, createdAt: string): Experiment {
  const experiment: Experiment = {
    version: EXPERIMENT_VERSION,
    id,
    name: draft.name.trim(),
    createdAt: draft.createdAt ?? createdAt,
    code: draft.code,
    data: { ...emptyData(), ...draft.data },
    params: draft.params ?? {},
    metrics: draft.metrics ?? {},
    notes: draft.notes ?? '',
    starred: draft.starred ?? false,
    baseline: draft.baseline ?? 'none',
    source: draft.source,
  };
  if (draft.perTag) experiment.perTag = draft.perTag;
  if (draft.perSlice) experiment.perSlice = draft.perSlice;
  if (draft.history) experiment.history = draft.history;
  return experiment;
}

export function emptyData(): DataState {
  return { path: null, sha256: null, rows: null, annotationsSha256: null, labelFixes: null };
}

/** Code state when git was not run; the reason is shown to the user and kept in the record. */
export function codeWithoutGit(reason: string): CodeState {
  return { gitAvailable: false, reason, commit: null, branch: null, dirty: null, diffSha256: null, remote: null };
}
