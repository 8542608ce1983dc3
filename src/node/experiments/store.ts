/**
 * The experiment store: one JSON file per experiment under `<root>/.loupe/experiments/`.
 * New files are created exclusively (`wx`), so two processes recording at the same moment
 * each get their own file; edits (rename, notes, star) rewrite one file atomically; delete
 * moves the file to `<root>/.loupe/trash/experiments/`, from where it can be restored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { canonicalJson, sortNewestFirst } from '../../core/experiments/compare';
import { experimentFileName, formatExperimentId, idFromFileName } from '../../core/experiments/id';
import {
  buildExperiment,
  experimentIdSchema,
  parseExperiment,
  serializeExperiment,
  validateExperiment,
  type BaselineKind,
  type Experiment,
  type ExperimentDraft,
  type JsonValue,
} from '../../core/experiments/schema';
import { writeFileAtomic } from '../atomicWrite';

const ID_BYTES = 6;
const MAX_CREATE_ATTEMPTS = 20;
// A file this young and still empty is being written by another process, not broken.
const WRITING_GRACE_MS = 10_000;
const READ_CONCURRENCY = 32;

export function experimentsFolder(root: string): string {
  return path.join(root, '.loupe', 'experiments');
}

export function experimentsTrashFolder(root: string): string {
  return path.join(root, '.loupe', 'trash', 'experiments');
}

export interface StoredExperiment {
  experiment: Experiment;
  /** Absolute path of its file. */
  file: string;
}

export interface StoreProblem {
  /** The file's name (not its path): what the user sees in the folder. */
  file: string;
  message: string;
}

export interface ExperimentList {
  /** Newest first. */
  experiments: StoredExperiment[];
  /** Files that could not be read; each was skipped, the others still listed. */
  problems: StoreProblem[];
}

export interface RecordOptions {
  /** The creation time (default now). */
  now?: Date;
  /** Source of the id's random part (tests make it collide on purpose). */
  randomBytes?: (count: number) => Uint8Array;
}

/** Writes a new experiment file; never overwrites one, even when another process races us. */
export async function recordExperiment(root: string, draft: ExperimentDraft, options: RecordOptions = {}): Promise<StoredExperiment> {
  const now = options.now ?? new Date();
  const random = options.randomBytes ?? ((n: number) => new Uint8Array(randomBytes(n)));
  const createdAt = draft.createdAt ?? now.toISOString();
  for (let attempt = 0; attempt < MAX_CREATE_ATTEMPTS; attempt++) {
    const id = formatExperimentId(new Date(createdAt), draft.name, random(ID_BYTES));
    const created = await tryCreate(root, buildExperiment(draft, id, createdAt));
    if (created) return created;
  }
  throw new Error(`could not find a free file name for experiment "${draft.name}" after ${MAX_CREATE_ATTEMPTS} attempts`);
}

/** Creates the file for `experiment` unless one with its id exists (then undefined). */
async function tryCreate(root: string, experiment: Experiment): Promise<StoredExperiment | undefined> {
  const checked = validateExperiment(experiment, experimentFileName(experiment.id));
  if (!checked.ok) throw new Error(checked.error);
  const folder = experimentsFolder(root);
  await fs.mkdir(folder, { recursive: true });
  const file = path.join(folder, experimentFileName(experiment.id));
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'wx');
  } catch (error) {
    if (isCode(error, 'EEXIST')) return undefined;
    throw error;
  }
  try {
    await handle.writeFile(serializeExperiment(checked.experiment));
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(file, { force: true });
    throw error;
  }
  await handle.close();
  return { experiment: checked.experiment, file };
}

/** Every experiment, newest first; a malformed file is reported by name and skipped. */
export async function listExperiments(root: string): Promise<ExperimentList> {
  return listFolder(experimentsFolder(root));
}

/** The experiments in the trash, newest first. */
export async function listTrashedExperiments(root: string): Promise<ExperimentList> {
  return listFolder(experimentsTrashFolder(root));
}

async function listFolder(folder: string): Promise<ExperimentList> {
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return { experiments: [], problems: [] };
    throw error;
  }
  const results = await mapLimit(
    names.filter((n) => idFromFileName(n) !== undefined),
    READ_CONCURRENCY,
    (name) => readStored(folder, name),
  );
  const experiments: StoredExperiment[] = [];
  const problems: StoreProblem[] = [];
  for (const r of results) {
    if (r === undefined) continue;
    if ('problem' in r) problems.push(r.problem);
    else experiments.push(r);
  }
  const byId = new Map(experiments.map((s) => [s.experiment.id, s]));
  const sorted = sortNewestFirst(experiments.map((s) => s.experiment)).map((e) => byId.get(e.id) as StoredExperiment);
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { experiments: sorted, problems };
}

type ReadResult = StoredExperiment | { problem: StoreProblem } | undefined;

async function readStored(folder: string, name: string): Promise<ReadResult> {
  const file = path.join(folder, name);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    // Deleted or renamed between readdir and read: simply no longer there.
    if (isCode(error, 'ENOENT')) return undefined;
    return { problem: { file: name, message: `${name}: cannot be read (${(error as Error).message})` } };
  }
  if (text === '' && (await isBeingWritten(file))) return undefined;
  const parsed = parseExperiment(text, name);
  if (!parsed.ok) return { problem: { file: name, message: parsed.error } };
  const expected = idFromFileName(name);
  if (parsed.experiment.id !== expected) {
    return { problem: { file: name, message: `${name}: its id "${parsed.experiment.id}" does not match the file name (expected "${expected}")` } };
  }
  return { experiment: parsed.experiment, file };
}

async function isBeingWritten(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    return Date.now() - stat.mtimeMs < WRITING_GRACE_MS;
  } catch {
    return true;
  }
}

/** One experiment by id; throws when it is missing or malformed. */
export async function readExperiment(root: string, id: string): Promise<StoredExperiment> {
  const file = fileFor(experimentsFolder(root), id);
  const name = path.basename(file);
  const result = await readStored(path.dirname(file), name);
  if (result === undefined) throw new Error(`no experiment "${id}" in ${experimentsFolder(root)}`);
  if ('problem' in result) throw new Error(result.problem.message);
  return result;
}

/** Rewrites one experiment (atomically) with `change` applied; its id cannot change. */
export async function updateExperiment(root: string, id: string, change: (experiment: Experiment) => Experiment): Promise<StoredExperiment> {
  const { experiment, file } = await readExperiment(root, id);
  const changed = validateExperiment({ ...change(experiment), id }, path.basename(file));
  if (!changed.ok) throw new Error(changed.error);
  await writeFileAtomic(file, serializeExperiment(changed.experiment));
  return { experiment: changed.experiment, file };
}

export function renameExperiment(root: string, id: string, name: string): Promise<StoredExperiment> {
  return updateExperiment(root, id, (e) => ({ ...e, name: name.trim() }));
}

export function setExperimentNotes(root: string, id: string, notes: string): Promise<StoredExperiment> {
  return updateExperiment(root, id, (e) => ({ ...e, notes }));
}

export function setExperimentStarred(root: string, id: string, starred: boolean): Promise<StoredExperiment> {
  return updateExperiment(root, id, (e) => ({ ...e, starred }));
}

export function setExperimentBaseline(root: string, id: string, baseline: BaselineKind): Promise<StoredExperiment> {
  return updateExperiment(root, id, (e) => ({ ...e, baseline }));
}

/** Moves the experiment's file to the trash folder; returns its new path. */
export async function deleteExperiment(root: string, id: string): Promise<string> {
  const from = fileFor(experimentsFolder(root), id);
  const to = fileFor(experimentsTrashFolder(root), id);
  await fs.mkdir(path.dirname(to), { recursive: true });
  await fs.rename(from, to);
  return to;
}

/** Moves an experiment back from the trash; refuses to overwrite one with the same id. */
export async function restoreExperiment(root: string, id: string): Promise<StoredExperiment> {
  const from = fileFor(experimentsTrashFolder(root), id);
  const to = fileFor(experimentsFolder(root), id);
  if (await exists(to)) throw new Error(`cannot restore "${id}": an experiment with that id already exists`);
  await fs.mkdir(path.dirname(to), { recursive: true });
  await fs.rename(from, to);
  return readExperiment(root, id);
}

// ---------------------------------------------------------------- imports

/** An imported run: a draft whose source names the tool's run (`ref`). */
export type ImportedDraft = ExperimentDraft & { source: { kind: Experiment['source']['kind']; ref: string } };

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

export interface ImportResult {
  outcome: ImportOutcome;
  stored: StoredExperiment;
}

/**
 * Adds imported runs, or refreshes the experiment already made from the same run (same
 * source kind and ref), so importing twice never duplicates. On refresh the tool's content
 * (code, data, params, metrics, history) is replaced and the user's curation in Loupe (name,
 * notes, star, baseline) and the id and creation time are kept. A new run's id is derived
 * from its ref, so the same run gets the same file name on every machine.
 */
export async function importExperiments(root: string, drafts: readonly ImportedDraft[], options: RecordOptions = {}): Promise<ImportResult[]> {
  const { experiments } = await listExperiments(root);
  const bySource = new Map(experiments.map((s) => [sourceKey(s.experiment.source), s]));
  const results: ImportResult[] = [];
  for (const draft of drafts) {
    const existing = bySource.get(sourceKey(draft.source));
    const result = existing ? await refreshImported(existing, draft) : await createImported(root, draft, options);
    bySource.set(sourceKey(draft.source), result.stored);
    results.push(result);
  }
  return results;
}

async function createImported(root: string, draft: ImportedDraft, options: RecordOptions): Promise<ImportResult> {
  const createdAt = draft.createdAt ?? (options.now ?? new Date()).toISOString();
  const id = formatExperimentId(new Date(createdAt), draft.name, refBytes(draft.source.kind, draft.source.ref));
  const created = await tryCreate(root, buildExperiment(draft, id, createdAt));
  if (created) return { outcome: 'created', stored: created };
  // Another process imported the same run a moment ago: refresh its file instead.
  return refreshImported(await readExperiment(root, id), draft);
}

async function refreshImported(existing: StoredExperiment, draft: ImportedDraft): Promise<ImportResult> {
  const old = existing.experiment;
  const fresh = buildExperiment(draft, old.id, old.createdAt);
  const merged: Experiment = { ...old, code: fresh.code, data: fresh.data, params: fresh.params, metrics: fresh.metrics, source: fresh.source };
  setOptional(merged, 'perTag', fresh.perTag);
  setOptional(merged, 'perSlice', fresh.perSlice);
  setOptional(merged, 'history', fresh.history);
  const checked = validateExperiment(merged, path.basename(existing.file));
  if (!checked.ok) throw new Error(checked.error);
  // By content, not text: key order may differ between a fresh draft and the parsed file.
  if (canonicalJson(checked.experiment as JsonValue) === canonicalJson(old as JsonValue)) return { outcome: 'unchanged', stored: existing };
  await writeFileAtomic(existing.file, serializeExperiment(checked.experiment));
  return { outcome: 'updated', stored: { experiment: checked.experiment, file: existing.file } };
}

function setOptional<K extends 'perTag' | 'perSlice' | 'history'>(target: Experiment, key: K, value: Experiment[K]): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

function sourceKey(source: Experiment['source']): string {
  return `${source.kind}\u0000${source.ref ?? ''}`;
}

/** Stable "random" bytes for an imported run: a hash of its source, so its id is reproducible. */
function refBytes(kind: string, ref: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`${kind}:${ref}`).digest().subarray(0, ID_BYTES));
}

// ---------------------------------------------------------------- helpers

/** The file for an id, refusing ids that could leave the folder. */
function fileFor(folder: string, id: string): string {
  if (!experimentIdSchema.safeParse(id).success) throw new Error(`not a valid experiment id: ${JSON.stringify(id)}`);
  return path.join(folder, experimentFileName(id));
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

/** `Promise.all` over `items` with at most `limit` running at once (a big folder must not hit EMFILE). */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
