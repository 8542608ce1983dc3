/**
 * Reads MLflow's file store (read-only):
 *
 *   mlruns/<experiment_id>/meta.yaml                 experiment: name, lifecycle_stage, ...
 *   mlruns/<experiment_id>/<run_id>/meta.yaml        run: run_id, run_name, start_time, lifecycle_stage, ...
 *   mlruns/<experiment_id>/<run_id>/params/<name>    the value as text (names with `/` are sub-folders)
 *   mlruns/<experiment_id>/<run_id>/metrics/<name>   lines `timestamp value step`, appended per log call
 *   mlruns/<experiment_id>/<run_id>/tags/<name>      mlflow.runName, mlflow.source.git.commit, mlflow.note.content, ...
 *
 * `mlruns/.trash` (deleted experiments), `mlruns/models` (the model registry), deleted
 * experiments and runs whose lifecycle_stage is `deleted` are skipped.
 */
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readDecimal, setKey } from '../../../core/experiments/dataKeys';
import type { CodeState, JsonValue, Metrics, SeriesPoint } from '../../../core/experiments/schema';
import type { ImportedDraft } from '../store';
import { coerceParamText, isoFromMillis, isRecord, listDirectories, readTextIfExists, walkFiles, type ImportProblem, type ImportReport } from './common';

const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
const INTEGER = /^-?\d+$/;
const NOT_EXPERIMENT_FOLDERS = new Set(['models', '.trash']);

export interface MlflowMetric {
  /** The value at the last step (the last line logged for that step). */
  value: number;
  history: (SeriesPoint & { timestamp: number })[];
}

/** Every live run of every live experiment in an `mlruns` folder. */
export async function readMlflowRuns(mlrunsDir: string): Promise<ImportReport> {
  const report: ImportReport = { drafts: [], problems: [] };
  for (const experimentDir of await listDirectories(mlrunsDir)) {
    if (experimentDir.startsWith('.') || NOT_EXPERIMENT_FOLDERS.has(experimentDir)) continue;
    await readExperimentFolder(mlrunsDir, experimentDir, report);
  }
  return report;
}

async function readExperimentFolder(mlrunsDir: string, experimentDir: string, report: ImportReport): Promise<void> {
  const meta = await readMeta(path.join(mlrunsDir, experimentDir, 'meta.yaml'), `${experimentDir}/meta.yaml`, report.problems);
  if (!meta || meta.experiment_id === undefined || meta.lifecycle_stage === 'deleted') return;
  for (const runDir of await listDirectories(path.join(mlrunsDir, experimentDir))) {
    const relative = `${experimentDir}/${runDir}`;
    const runMeta = await readMeta(path.join(mlrunsDir, relative, 'meta.yaml'), `${relative}/meta.yaml`, report.problems);
    // Folders without a run's meta.yaml (datasets/, traces/, logged models) are not runs.
    const runId = runMeta?.run_id || runMeta?.run_uuid;
    if (!runMeta || !runId || runMeta.lifecycle_stage === 'deleted') continue;
    report.drafts.push(await readRun(path.join(mlrunsDir, relative), relative, runId, runMeta, report.problems));
  }
}

/** meta.yaml with every scalar as text: run ids of only digits must not turn into imprecise numbers. */
async function readMeta(file: string, relative: string, problems: ImportProblem[]): Promise<Record<string, string> | undefined> {
  const text = await readTextIfExists(file);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = parseYaml(text, { schema: 'failsafe' });
  } catch (error) {
    problems.push({ file: relative, message: `${relative}: not valid YAML (${(error as Error).message}); skipped` });
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const meta: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') setKey(meta, k, v);
  return meta;
}

async function readRun(runPath: string, relative: string, runId: string, meta: Record<string, string>, problems: ImportProblem[]): Promise<ImportedDraft> {
  const params = await readParams(path.join(runPath, 'params'));
  const tags = await readTexts(path.join(runPath, 'tags'));
  const metrics = await readMetrics(path.join(runPath, 'metrics'), `${relative}/metrics`, problems);
  const values: Metrics = {};
  const history: Record<string, SeriesPoint[]> = {};
  for (const [name, metric] of Object.entries(metrics)) {
    setKey(values, name, metric.value);
    if (metric.history.length > 1) setKey(history, name, metric.history);
  }
  const draft: ImportedDraft = {
    name: tags['mlflow.runName'] || meta.run_name || runId,
    createdAt: isoFromMillis(meta.start_time) ?? isoFromMillis(meta.end_time),
    code: codeFromTags(tags, meta),
    params,
    metrics: values,
    notes: tags['mlflow.note.content'] ?? '',
    source: { kind: 'mlflow', ref: runId },
  };
  if (Object.keys(history).length > 0) draft.history = history;
  return draft;
}

function codeFromTags(tags: Record<string, string>, meta: Record<string, string>): CodeState {
  const commit = tags['mlflow.source.git.commit'] || meta.source_version || null;
  const code: CodeState = {
    gitAvailable: commit !== null,
    commit,
    branch: tags['mlflow.source.git.branch'] || null,
    dirty: null,
    diffSha256: null,
    remote: tags['mlflow.source.git.repoURL'] || tags['mlflow.gitRepoURL'] || null,
  };
  if (commit === null) code.reason = 'MLflow recorded no git commit for this run';
  const program = tags['mlflow.source.name'] || meta.source_name;
  if (program) code.program = program;
  return code;
}

async function readParams(dir: string): Promise<Record<string, JsonValue>> {
  const params: Record<string, JsonValue> = {};
  for (const [name, text] of Object.entries(await readTexts(dir))) setKey(params, name, coerceParamText(text));
  return params;
}

/** name → file content, for params/ and tags/ (one file per key, the content is the value). */
async function readTexts(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await walkFiles(dir)) setKey(out, name, (await readTextIfExists(path.join(dir, name))) ?? '');
  return out;
}

async function readMetrics(dir: string, relative: string, problems: ImportProblem[]): Promise<Record<string, MlflowMetric>> {
  const out: Record<string, MlflowMetric> = {};
  for (const name of await walkFiles(dir)) {
    const text = (await readTextIfExists(path.join(dir, name))) ?? '';
    const metric = parseMetricFile(text, `${relative}/${name}`, problems);
    if (metric) setKey(out, name, metric);
  }
  return out;
}

/**
 * One metric file: a line per logged value, `timestamp value step` (very old files have no
 * step: 0). The metric's value is the one at the highest step, the last logged on a tie.
 * Non-finite values (nan, inf) cannot be stored in JSON and are left out. MLflow ends every
 * line with a newline, so text after the last one is a line still being written: it is
 * reported and skipped, as is any line whose fields are not whole decimal numbers.
 */
export function parseMetricFile(text: string, relative: string, problems: ImportProblem[]): MlflowMetric | undefined {
  const history: MlflowMetric['history'] = [];
  let last: { step: number; value: number } | undefined;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (i === lines.length - 1) {
      problems.push({ file: relative, message: `${relative} line ${i + 1}: incomplete last line ${JSON.stringify(line)} (no newline), skipped (the writer may still be running)` });
      return;
    }
    const point = readMetricLine(line);
    if (point === 'non-finite') return;
    if (!point) {
      problems.push({ file: relative, message: `${relative} line ${i + 1}: expected "timestamp value step", found ${JSON.stringify(line)}; skipped` });
      return;
    }
    history.push(point);
    if (!last || point.step >= last.step) last = point;
  });
  return last ? { value: last.value, history } : undefined;
}

/** `timestamp value [step]`: whole-number timestamp and step, a decimal value; Python's nan/inf are real data that JSON cannot hold. */
function readMetricLine(line: string): (SeriesPoint & { timestamp: number }) | 'non-finite' | undefined {
  const fields = line.split(/\s+/);
  if (fields.length < 2 || fields.length > 3) return undefined;
  const [timestampText, valueText, stepText = '0'] = fields;
  if (!INTEGER.test(timestampText) || !INTEGER.test(stepText)) return undefined;
  if (NON_FINITE.test(valueText)) return 'non-finite';
  const value = readDecimal(valueText);
  const timestamp = Number(timestampText);
  const step = Number(stepText);
  if (value === undefined || !Number.isSafeInteger(timestamp) || !Number.isSafeInteger(step)) return undefined;
  return { step, value, timestamp };
}
