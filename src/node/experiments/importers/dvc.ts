/**
 * Reads a DVC project's results (read-only):
 *
 *   params.yaml                             hyperparameters, nested
 *   metrics.json                            results, nested (`{"test": {"acc": 0.9}}` → `test/acc`)
 *   dvclive/params.yaml                     params logged with `live.log_param(s)`
 *   dvclive/metrics.json                    the summary: each metric's last value, plus `step`
 *   dvclive/plots/metrics/<name>.tsv        history, columns `step<TAB><name>` (plus `timestamp` when asked)
 *   dvc.yaml                                the params and metrics files it declares, at the top and in
 *                                           each stage (e.g. DVC's example project: eval/live/metrics.json);
 *                                           a dvclive folder elsewhere brings its plots/metrics history
 *
 * DVC has no run id for the workspace, so the source ref is the folder plus a hash of the
 * params and metrics: importing the same results again finds the same experiment, and a
 * new training run (new numbers) becomes a new one.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { canonicalJson } from '../../../core/experiments/compare';
import { assignKeys, setKey } from '../../../core/experiments/dataKeys';
import { codeWithoutGit, type JsonValue, type Metrics, type SeriesPoint } from '../../../core/experiments/schema';
import { parseTrainingLog } from '../../../core/experiments/trainingLog';
import { describeJsonError, parseJsonAllowingNonFinite } from '../resultFiles';
import { flattenMetrics, isDirectory, isRecord, portableRelative, readTextIfExists, toJsonValue, walkFiles, type ImportProblem, type ImportReport } from './common';

const PARAM_FILES = ['params.yaml', 'dvclive/params.yaml'];
const METRIC_FILES = ['metrics.json', 'dvclive/metrics.json'];
const PLOTS = 'dvclive/plots/metrics';

export interface DvcImportOptions {
  /** The workspace root: the ref names the project folder relative to it (default: the folder itself). */
  root?: string;
}

/** The params, metrics and dvclive history of the DVC project in `dir`, as one experiment. */
export async function readDvcProject(dir: string, options: DvcImportOptions = {}): Promise<ImportReport> {
  const problems: ImportProblem[] = [];
  const read: string[] = [];
  const declared = await declaredFiles(dir, read, problems);
  const params: Record<string, JsonValue> = {};
  for (const file of unique([...PARAM_FILES, ...declared.params])) assignKeys(params, await readObject(dir, file, read, problems));
  const metrics: Metrics = {};
  const metricFiles = unique([...METRIC_FILES, ...declared.metrics]);
  for (const file of metricFiles) assignKeys(metrics, await readMetricsFile(dir, file, read, problems));
  const history: Record<string, SeriesPoint[]> = {};
  const plotDirs = unique([PLOTS, ...metricFiles.filter((f) => path.posix.basename(f) === 'metrics.json').map((f) => path.posix.join(path.posix.dirname(f), 'plots', 'metrics'))]);
  for (const plots of plotDirs) assignKeys(history, await readPlots(dir, plots, read, problems));
  if (read.length === 1 && read[0] === 'dvc.yaml') read.length = 0;
  if (read.length === 0) {
    problems.push({ file: '.', message: `no ${[...PARAM_FILES, ...METRIC_FILES].join(', ')} or ${PLOTS}/ in ${dir}` });
    return { drafts: [], problems };
  }
  const folder = portableRelative(options.root ?? dir, dir);
  return {
    drafts: [
      {
        name: `dvc ${folder === '.' ? path.basename(path.resolve(dir)) : folder}`,
        createdAt: await newestChange(dir, read.filter((f) => f !== 'dvc.yaml')),
        code: codeWithoutGit('imported from DVC files; git state was not read'),
        params,
        metrics,
        ...(Object.keys(history).length > 0 ? { history } : {}),
        source: { kind: 'dvc', ref: `${folder}@${contentHash(params, metrics)}` },
      },
    ],
    problems,
  };
}

async function readObject(dir: string, file: string, read: string[], problems: ImportProblem[]): Promise<Record<string, JsonValue>> {
  const content = await readTextIfExists(path.join(dir, file));
  if (content === undefined) return {};
  read.push(file);
  let value: unknown;
  try {
    value = file.endsWith('.json') ? parseJsonAllowingNonFinite(content) : parseYaml(content);
  } catch (error) {
    const why = file.endsWith('.json') ? describeJsonError(content, error) : (error as Error).message;
    problems.push({ file, message: `${file}: cannot be parsed (${why}); ignored, none of its values were imported` });
    return {};
  }
  const json = toJsonValue(value);
  if (json === undefined || json === null) return {};
  if (typeof json === 'object' && !Array.isArray(json)) return json;
  problems.push({ file, message: `${file}: expected a mapping at the top; ignored` });
  return {};
}

async function readMetricsFile(dir: string, file: string, read: string[], problems: ImportProblem[]): Promise<Metrics> {
  const value = await readObject(dir, file, read, problems);
  // dvclive's summary carries its step counter at the top; it is not a result.
  const isDvclive = file.startsWith('dvclive/') || (await isDirectory(path.join(dir, path.dirname(file), 'plots', 'metrics')));
  return flattenMetrics(value, (key) => isDvclive && key === 'step');
}

/**
 * The params and metrics files dvc.yaml declares: top-level `params:` / `metrics:` lists, and
 * per stage `metrics:` (paths) and `params:` entries naming a file (`- file.yaml: [keys]`; a
 * plain key belongs to params.yaml, read anyway).
 */
async function declaredFiles(dir: string, read: string[], problems: ImportProblem[]): Promise<{ params: string[]; metrics: string[] }> {
  const out = { params: [] as string[], metrics: [] as string[] };
  const content = await readTextIfExists(path.join(dir, 'dvc.yaml'));
  if (content === undefined) return out;
  read.push('dvc.yaml');
  let doc: unknown;
  try {
    doc = parseYaml(content);
  } catch (error) {
    problems.push({ file: 'dvc.yaml', message: `dvc.yaml: cannot be parsed (${(error as Error).message}); only the usual files are read` });
    return out;
  }
  if (!isRecord(doc)) return out;
  const paths = (list: unknown, filesOnly: boolean): string[] =>
    Array.isArray(list)
      ? list.flatMap((entry) => (typeof entry === 'string' ? (filesOnly ? [] : [entry]) : isRecord(entry) ? Object.keys(entry) : [])).filter((p) => !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..'))
      : [];
  // Top-level params entries are files; stage params entries are keys unless written as `file: [keys]`.
  out.params.push(...paths(doc.params, false));
  out.metrics.push(...paths(doc.metrics, false));
  const stages = isRecord(doc.stages) ? Object.values(doc.stages) : [];
  for (const stage of stages) {
    if (!isRecord(stage)) continue;
    out.params.push(...paths(stage.params, true));
    out.metrics.push(...paths(stage.metrics, false));
  }
  return out;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list.map((p) => p.replaceAll('\\', '/').replace(/^\.\//, '')))];
}

/** Each dvclive `.tsv` as a series named by its path under plots/metrics (`train/loss`). */
async function readPlots(dir: string, plots: string, read: string[], problems: ImportProblem[]): Promise<Record<string, SeriesPoint[]>> {
  const history: Record<string, SeriesPoint[]> = {};
  for (const name of await walkFiles(path.join(dir, plots))) {
    if (!name.endsWith('.tsv')) continue;
    const file = `${plots}/${name}`;
    read.push(file);
    const parsed = parseTrainingLog((await readTextIfExists(path.join(dir, file))) ?? '', { fileName: file });
    for (const p of parsed.problems) problems.push({ file, message: `${file} line ${p.line}: ${p.message}` });
    const series = Object.values(parsed.series);
    if (series.length > 0) setKey(history, name.slice(0, -'.tsv'.length), series[series.length - 1]);
  }
  return history;
}

async function newestChange(dir: string, files: readonly string[]): Promise<string> {
  const times = await Promise.all(files.map(async (f) => (await fs.stat(path.join(dir, f))).mtimeMs));
  return new Date(Math.max(...times)).toISOString();
}

function contentHash(params: Record<string, JsonValue>, metrics: Metrics): string {
  return createHash('sha256')
    .update(canonicalJson({ params, metrics }))
    .digest('hex')
    .slice(0, 12);
}
