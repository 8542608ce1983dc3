/**
 * "Loupe: Record Experiment", as logic over the prompts it needs: a name, params (a file, typed
 * key=value pairs, or none), metrics (a file, computed by Loupe on a label file, or none), a
 * dataset; then, under one cancellable progress, the dataset's hash, the metrics, the
 * annotation state and git. Every VS Code side effect comes in through `RecordEffects`, so
 * this runs in plain Node tests with fake answers.
 */
import * as path from 'node:path';
import { mergeParams, parseParamAssignments } from '../../core/experiments/paramAssignments';
import { codeWithoutGit, type CodeState, type ExperimentDraft, type JsonValue } from '../../core/experiments/schema';
import { readDataState } from '../../node/experiments/dataState';
import { CsvProblemsError, type LabelFileScores, type ScoreOptions } from '../../node/experiments/labelFileMetrics';
import { METRICS_FILE_GLOB, PARAMS_FILE_GLOB, readMetricsFile, readParamsFile } from '../../node/experiments/resultFiles';
import { recordExperiment, type StoredExperiment } from '../../node/experiments/store';

export const LABEL_FILE_GLOB = '**/*.{csv,tsv}';
export const RESTRICTED_MODE_REASON = 'workspace not trusted (Restricted Mode): git was not run';

export type ParamsChoice = { kind: 'file'; file: string } | { kind: 'typed' } | { kind: 'none' };
export type MetricsChoice = { kind: 'file'; file: string } | { kind: 'compute' } | { kind: 'none' };

/** Reports progress: a message and, when known, the share of the whole task done (0..1). */
export type ProgressReport = (message: string, fraction?: number) => void;

export interface RecordEffects {
  /** Workspace files matching a glob, as absolute paths (`.loupe/` and node_modules excluded). */
  findFiles(glob: string): Promise<string[]>;
  /** Each prompt resolves undefined when the user cancels (Escape). */
  askName(): PromiseLike<string | undefined>;
  pickParams(candidates: string[]): Promise<ParamsChoice | undefined>;
  /** Typed params; `validate` returns an error message or undefined. */
  askParams(validate: (text: string) => string | undefined): PromiseLike<string | undefined>;
  pickMetrics(candidates: string[]): Promise<MetricsChoice | undefined>;
  /** The label file to compute metrics on. */
  pickLabelFile(candidates: string[]): Promise<string | undefined>;
  /** The dataset the experiment used; null: none. */
  pickDataset(candidates: string[]): Promise<string | null | undefined>;
  withProgress<T>(title: string, task: (report: ProgressReport, signal: AbortSignal) => Promise<T>): PromiseLike<T>;
  isTrusted(): boolean;
  /** Git state through VS Code's git extension (called only in a trusted workspace). */
  gitState(root: string): Promise<CodeState>;
  /** Metrics of a label file (read in a worker thread by the extension); CsvProblemsError when it has error-level CSV problems. */
  scoreLabelFile(root: string, file: string, options: ScoreOptions): Promise<LabelFileScores>;
  /** Metrics were refused (`why`): true records without computed metrics, false cancels the record. */
  recordWithoutMetrics(why: string): PromiseLike<boolean>;
}

interface Answers {
  name: string;
  params: Record<string, JsonValue>;
  paramsFile?: string;
  metrics: MetricsChoice;
  /** The file metrics are computed on. */
  labelFile?: string;
  dataset: string | null;
}

/** Asks, computes and writes one experiment; undefined when the user cancelled a prompt. */
export async function recordFromPalette(root: string, effects: RecordEffects): Promise<StoredExperiment | undefined> {
  const answers = await ask(effects);
  if (!answers) return undefined;
  const draft = await effects.withProgress(`Recording "${answers.name}"`, (report, signal) => collect(root, answers, effects, report, signal));
  return draft ? recordExperiment(root, draft) : undefined;
}

async function ask(effects: RecordEffects): Promise<Answers | undefined> {
  const name = (await effects.askName())?.trim();
  if (!name) return undefined;
  const params = await askParams(effects);
  if (!params) return undefined;
  const metrics = await effects.pickMetrics(await effects.findFiles(METRICS_FILE_GLOB));
  if (!metrics) return undefined;
  const labelFiles = await effects.findFiles(LABEL_FILE_GLOB);
  if (metrics.kind === 'compute') {
    const labelFile = await effects.pickLabelFile(labelFiles);
    // Metrics computed on a label file were computed on this experiment's data: no need to ask for it.
    return labelFile ? { name, ...params, metrics, labelFile, dataset: labelFile } : undefined;
  }
  const dataset = await effects.pickDataset(labelFiles);
  return dataset === undefined ? undefined : { name, ...params, metrics, dataset };
}

async function askParams(effects: RecordEffects): Promise<Pick<Answers, 'params' | 'paramsFile'> | undefined> {
  const choice = await effects.pickParams(await effects.findFiles(PARAMS_FILE_GLOB));
  if (!choice) return undefined;
  if (choice.kind === 'none') return { params: {} };
  if (choice.kind === 'file') return { params: {}, paramsFile: choice.file };
  const text = await effects.askParams((t) => {
    const parsed = parseParamAssignments(t);
    return parsed.ok ? undefined : parsed.error;
  });
  if (text === undefined) return undefined;
  const parsed = parseParamAssignments(text);
  return parsed.ok ? { params: parsed.params } : undefined;
}

/** The work after the prompts: every file read here, under the progress notification. */
async function collect(root: string, answers: Answers, effects: RecordEffects, report: ProgressReport, signal: AbortSignal): Promise<ExperimentDraft | undefined> {
  const draft: ExperimentDraft = { name: answers.name, code: codeWithoutGit('not read yet'), source: { kind: 'palette' } };
  draft.params = answers.paramsFile ? mergeParams(await readParamsFile(answers.paramsFile), answers.params) : answers.params;
  if (answers.dataset) {
    const name = path.basename(answers.dataset);
    draft.data = await readDataState(root, answers.dataset, { signal, onProgress: (bytes, total) => report(`Hashing ${name}`, share(bytes, total, answers.labelFile ? 0.45 : 0.9)) });
  }
  if (answers.metrics.kind === 'file') draft.metrics = await readMetricsFile(answers.metrics.file);
  if (answers.labelFile) {
    const name = path.basename(answers.labelFile);
    const scores = await scoreOrAsk(effects, root, answers.labelFile, { signal, onProgress: (bytes, total) => report(`Computing metrics on ${name}`, 0.45 + share(bytes, total, 0.45)) });
    if (scores === undefined) return undefined;
    if (scores) {
      draft.metrics = scores.metrics;
      if (scores.perTag) draft.perTag = scores.perTag;
      if (scores.perSlice) draft.perSlice = scores.perSlice;
    }
  }
  signal.throwIfAborted();
  report('Reading git state', 0.95);
  draft.code = effects.isTrusted() ? await effects.gitState(root) : codeWithoutGit(RESTRICTED_MODE_REASON);
  return draft;
}

/** The label file's scores; null: it has error-level CSV problems and the user records without metrics; undefined: cancelled. */
async function scoreOrAsk(effects: RecordEffects, root: string, file: string, options: ScoreOptions): Promise<LabelFileScores | null | undefined> {
  try {
    return await effects.scoreLabelFile(root, file, options);
  } catch (error) {
    if (!(error instanceof CsvProblemsError)) throw error;
    const why = `${error.message}. Fix the file and record again, or record this experiment without computed metrics.`;
    return (await effects.recordWithoutMetrics(why)) ? null : undefined;
  }
}

function share(done: number, total: number, weight: number): number {
  return total > 0 ? (Math.min(done, total) / total) * weight : 0;
}
