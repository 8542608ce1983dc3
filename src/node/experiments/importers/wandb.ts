/**
 * Reads Weights & Biases run folders written offline (read-only):
 *
 *   wandb/offline-run-<yyyymmdd>_<hhmmss>-<run id>/files/
 *     config.yaml           each key maps to {value: …} (older clients add `desc: null`); `_wandb` is W&B's own
 *     wandb-summary.json    the last value of each logged metric; `_step`, `_runtime`, `_wandb` are W&B's own
 *     wandb-metadata.json   git {commit, remote | remote_url}, program, startedAt | started_at
 *     diff.patch            the uncommitted changes, written when the working tree was dirty
 *
 * Synced runs (`run-…` folders) have the same layout and are read the same way. Recent clients
 * write none of those files offline: then the run's binary log `run-<id>.wandb` is read instead
 * (name, notes, start time, git, config, summary and the logged history).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { hasKey, setKey } from '../../../core/experiments/dataKeys';
import { redactRemote } from '../../../core/experiments/gitRemote';
import { readWandbLog, type WandbRun } from '../../../core/experiments/wandbLog';
import type { CodeState, JsonValue } from '../../../core/experiments/schema';
import { sha256Text } from '../hash';
import { describeJsonError } from '../resultFiles';
import type { ImportedDraft } from '../store';
import { flattenMetrics, isDirectory, isRecord, isoFromText, listDirectories, pathExists, readTextIfExists, toJsonValue, type ImportProblem, type ImportReport } from './common';

const RUN_FOLDER = /^(?:offline-)?run-(\d{8})_(\d{6})-([A-Za-z0-9]+)$/;
const NOT_CONFIG = new Set(['_wandb', 'wandb_version']);

/**
 * Runs in `dir`: `dir` may be one run folder, a `wandb/` folder holding run folders, or a
 * project folder holding `wandb/`.
 */
export async function readWandbRuns(dir: string): Promise<ImportReport> {
  const report: ImportReport = { drafts: [], problems: [] };
  for (const runDir of await findRunFolders(dir)) {
    const draft = await readRun(runDir, report.problems);
    if (draft) report.drafts.push(draft);
  }
  return report;
}

async function findRunFolders(dir: string): Promise<string[]> {
  if (RUN_FOLDER.test(path.basename(dir))) return [dir];
  const here = (await listDirectories(dir)).filter((n) => RUN_FOLDER.test(n)).map((n) => path.join(dir, n));
  if (here.length > 0 || !(await isDirectory(path.join(dir, 'wandb')))) return here;
  return findRunFolders(path.join(dir, 'wandb'));
}

async function readRun(runDir: string, problems: ImportProblem[]): Promise<ImportedDraft | undefined> {
  const folder = path.basename(runDir);
  const match = RUN_FOLDER.exec(folder);
  if (!match) return undefined;
  const runId = match[3];
  const files = path.join(runDir, 'files');
  if (!(await isDirectory(files))) {
    problems.push({ file: folder, message: `${folder}: no files/ folder; skipped` });
    return undefined;
  }
  const known = ['config.yaml', 'wandb-summary.json', 'wandb-metadata.json'];
  const present = await Promise.all(known.map((name) => pathExists(path.join(files, name))));
  if (!present.some(Boolean)) return readBinaryLog(runDir, folder, runId, folderTime(match[1], match[2]), problems);
  const config = await readJsonish(path.join(files, 'config.yaml'), `${folder}/files/config.yaml`, 'yaml', problems);
  const summary = await readJsonish(path.join(files, 'wandb-summary.json'), `${folder}/files/wandb-summary.json`, 'json', problems);
  const metadata = await readJsonish(path.join(files, 'wandb-metadata.json'), `${folder}/files/wandb-metadata.json`, 'json', problems);
  const diff = await readTextIfExists(path.join(files, 'diff.patch'));
  return {
    name: `wandb ${runId}`,
    createdAt: isoFromText(text(metadata.startedAt) ?? text(metadata.started_at)) ?? folderTime(match[1], match[2]),
    code: codeFromMetadata(metadata, diff),
    params: paramsFromConfig(config),
    metrics: flattenMetrics(summary, isNotMetric),
    source: { kind: 'wandb', ref: runId },
  };
}

/** An offline run of a recent client: everything is in its binary log. */
async function readBinaryLog(runDir: string, folder: string, runId: string, folderCreated: string, problems: ImportProblem[]): Promise<ImportedDraft | undefined> {
  const name = `run-${runId}.wandb`;
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path.join(runDir, name));
  } catch {
    problems.push({ file: folder, message: `${folder}: neither files/config.yaml, wandb-summary.json, wandb-metadata.json nor ${name}; skipped` });
    return undefined;
  }
  let run: WandbRun;
  try {
    run = readWandbLog(bytes);
  } catch (error) {
    problems.push({ file: `${folder}/${name}`, message: `${folder}/${name}: ${(error as Error).message}; skipped` });
    return undefined;
  }
  if (run.problem) problems.push({ file: `${folder}/${name}`, message: `${folder}/${name}: ${run.problem}` });
  const params: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(run.config)) {
    const json = toJsonValue(value);
    if (json !== undefined) setKey(params, key, json);
  }
  const draft: ImportedDraft = {
    name: run.name ?? `wandb ${runId}`,
    createdAt: run.startedAt ?? folderCreated,
    code: codeFromMetadata({ git: run.git }, undefined),
    params,
    metrics: flattenMetrics(run.summary, isNotMetric),
    source: { kind: 'wandb', ref: run.runId ?? runId },
  };
  if (run.notes) draft.notes = run.notes;
  const history = Object.fromEntries(Object.entries(run.history).filter(([, points]) => points.length > 1));
  if (Object.keys(history).length > 0) draft.history = history;
  return draft;
}

/** A YAML or JSON file as an object; missing → empty, broken → empty plus a problem. */
async function readJsonish(file: string, relative: string, kind: 'yaml' | 'json', problems: ImportProblem[]): Promise<Record<string, unknown>> {
  const content = await readTextIfExists(file);
  if (content === undefined) return {};
  try {
    const value: unknown = kind === 'yaml' ? parseYaml(content) : JSON.parse(content);
    if (isRecord(value)) return value;
    problems.push({ file: relative, message: `${relative}: expected an object at the top; ignored` });
  } catch (error) {
    const why = kind === 'json' ? describeJsonError(content, error) : (error as Error).message;
    problems.push({ file: relative, message: `${relative}: not valid ${kind.toUpperCase()} (${why}); ignored` });
  }
  return {};
}

/** config.yaml: `key: {desc, value}` → `key: value`; W&B's own `_wandb` and `wandb_version` are skipped. */
function paramsFromConfig(config: Record<string, unknown>): Record<string, JsonValue> {
  const params: Record<string, JsonValue> = {};
  for (const [key, entry] of Object.entries(config)) {
    if (NOT_CONFIG.has(key)) continue;
    const value = toJsonValue(isRecord(entry) && hasKey(entry, 'value') ? entry.value : entry);
    if (value !== undefined) setKey(params, key, value);
  }
  return params;
}

/** W&B's own summary keys (`_step`, `_runtime`, `_wandb`) and media (`{"_type": "image-file", …}`). */
function isNotMetric(key: string, value: unknown): boolean {
  return key.startsWith('_') || (isRecord(value) && hasKey(value, '_type'));
}

function codeFromMetadata(metadata: Record<string, unknown>, diff: string | undefined): CodeState {
  const git = hasKey(metadata, 'git') && isRecord(metadata.git) ? metadata.git : {};
  const commit = text(git.commit) ?? null;
  const remoteText = text(git.remote) ?? text(git.remote_url);
  const code: CodeState = {
    gitAvailable: commit !== null,
    commit,
    branch: null,
    // W&B writes diff.patch only for a dirty tree; without one we cannot tell.
    dirty: diff !== undefined ? diff.length > 0 : null,
    diffSha256: diff ? sha256Text(diff) : null,
    remote: remoteText ? redactRemote(remoteText) : null,
  };
  if (commit === null) code.reason = 'W&B recorded no git commit for this run';
  const program = text(metadata.program) ?? text(metadata.codePath);
  if (program) code.program = program;
  return code;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The folder name's `yyyymmdd_hhmmss`, read as UTC (W&B wrote it in the machine's zone, which is unknown). */
function folderTime(day: string, time: string): string {
  return `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}.000Z`;
}
