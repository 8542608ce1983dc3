import * as path from 'node:path';
import { mergeParams, parseParamAssignments } from '../../core/experiments/paramAssignments';
import { BASELINE_KINDS, type BaselineKind, type CodeState, type ExperimentDraft, type JsonValue, type Metrics } from '../../core/experiments/schema';
import { readDataState } from '../../node/experiments/dataState';
import { readGitState } from '../../node/experiments/gitCli';
import { scoreLabelFile } from '../../node/experiments/labelFileMetrics';
import { readMetricsFile, readParamsFile } from '../../node/experiments/resultFiles';
import { recordExperiment, type RecordOptions as StoreOptions } from '../../node/experiments/store';
import { findWorkspaceRoot, workspaceRelative } from '../../node/experiments/workspaceRoot';
import { CliError } from '../cliError';
import { refuseErrorProblems } from '../fileProblems';

export interface RecordOptions {
  name?: string;
  /** A params file: params.yaml, params.json, a Hydra `.hydra/config.yaml`. */
  params?: string;
  /** `key=value` pairs, added to (and overriding) the file's params. */
  param?: string[];
  metrics?: string;
  dataset?: string;
  /** Compute accuracy and F1 (per tag and slice too) from the dataset's label and prediction. */
  score?: boolean;
  /** With --score: compute even when the dataset has error-level CSV problems. */
  allowProblems?: boolean;
  notes?: string;
  baseline?: string;
  json: boolean;
  /** The folder paths are relative to and the workspace is found from (default: the process's). */
  cwd?: string;
  /** The code state to keep instead of asking git (a generated record: no commit to name). */
  code?: CodeState;
  /** Fixed creation time and id bytes, so a generated record is the same on every run. */
  store?: StoreOptions;
}

/**
 * `loupe record`: writes `.loupe/experiments/<id>.json` under the workspace root. Two scripts
 * recording at the same moment each get their own file (the store never overwrites one).
 */
export async function runRecord(options: RecordOptions): Promise<string> {
  const cwd = options.cwd ?? process.cwd();
  const root = findWorkspaceRoot(cwd);
  const draft = await buildDraft(options, cwd, root);
  const stored = await recordExperiment(root, draft, options.store);
  const file = workspaceRelative(root, stored.file);
  if (options.json) return JSON.stringify({ id: stored.experiment.id, file, root, experiment: stored.experiment }, null, 2);
  const e = stored.experiment;
  const code = e.code.gitAvailable ? `${e.code.commit?.slice(0, 10) ?? 'no commit yet'}${e.code.branch ? ` on ${e.code.branch}` : ''}${e.code.dirty ? ' (uncommitted changes)' : ''}${e.code.reason ? `; ${e.code.reason}` : ''}` : `not recorded (${e.code.reason})`;
  const data = e.data.path ? `${e.data.path} (${e.data.rows?.toLocaleString('en-US') ?? '?'} rows, sha256 ${e.data.sha256?.slice(0, 12)})` : 'none';
  return [`recorded "${e.name}" in ${file}`, `  code:    ${code}`, `  data:    ${data}`, `  params:  ${Object.keys(e.params).length}`, `  metrics: ${Object.keys(e.metrics).length}`].join('\n');
}

async function buildDraft(options: RecordOptions, cwd: string, root: string): Promise<ExperimentDraft> {
  const name = options.name?.trim();
  if (!name) throw new CliError('missing --name <name>: a short name for the experiment, e.g. --name "baseline lr=0.1"');
  if (options.score && !options.dataset) throw new CliError('--score computes metrics from the dataset: give it with --dataset <csv>');
  const draft: ExperimentDraft = {
    name,
    code: options.code ?? (await readGitState(root)),
    params: await readParams(options, cwd),
    metrics: {},
    notes: options.notes ?? '',
    baseline: readBaseline(options.baseline),
    source: { kind: 'cli' },
  };
  const metrics: Metrics = {};
  if (options.dataset) {
    const dataset = path.resolve(cwd, options.dataset);
    draft.data = await fail(() => readDataState(root, dataset));
    if (options.score) {
      const scores = await fail(() => scoreLabelFile(root, dataset, { allowProblems: true, onLoaded: (problems) => refuseErrorProblems(options.dataset!, problems, options.allowProblems ?? false) }));
      Object.assign(metrics, scores.metrics);
      if (scores.perTag) draft.perTag = scores.perTag;
      if (scores.perSlice) draft.perSlice = scores.perSlice;
    }
  }
  if (options.metrics) Object.assign(metrics, await fail(() => readMetricsFile(path.resolve(cwd, options.metrics!))));
  draft.metrics = metrics;
  return draft;
}

async function readParams(options: RecordOptions, cwd: string): Promise<Record<string, JsonValue>> {
  let params = options.params ? await fail(() => readParamsFile(path.resolve(cwd, options.params!))) : {};
  for (const text of options.param ?? []) {
    const parsed = parseParamAssignments(text);
    if (!parsed.ok) throw new CliError(`--param ${text}: ${parsed.error}`);
    params = mergeParams(params, parsed.params);
  }
  return params;
}

function readBaseline(text: string | undefined): BaselineKind {
  if (text === undefined) return 'none';
  const kind = BASELINE_KINDS.find((k) => k === text);
  if (!kind) throw new CliError(`--baseline ${text}: expected one of ${BASELINE_KINDS.join(', ')}`);
  return kind;
}

/** Runs a reader whose errors already name the file: they become one-line CLI errors. */
async function fail<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw error instanceof CliError ? error : new CliError((error as Error).message);
  }
}
