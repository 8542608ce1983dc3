import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { setKey } from '../../../core/experiments/dataKeys';
import type { JsonValue, Metrics } from '../../../core/experiments/schema';
import type { ImportedDraft } from '../store';

export interface ImportProblem {
  /** The file (or folder) the problem is in, relative to the folder being imported. */
  file: string;
  message: string;
}

export interface ImportReport {
  drafts: ImportedDraft[];
  /** Runs or files that were skipped; the rest still imported. */
  problems: ImportProblem[];
}

/** A file's text, or undefined when it does not exist. */
export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

export async function pathExists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

export async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await fs.stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

/** Names of the sub-folders of `dir`, sorted (none when it does not exist). */
export async function listDirectories(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

/** Files under `dir`, as paths relative to it with `/` (MLflow stores `a/b` keys in sub-folders). */
export async function walkFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (relative: string) => {
    let entries;
    try {
      entries = await fs.readdir(path.join(dir, relative), { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const e of entries) {
      const child = relative ? `${relative}/${e.name}` : e.name;
      if (e.isDirectory()) await visit(child);
      else if (e.isFile()) out.push(child);
    }
  };
  await visit('');
  return out.sort();
}

/** Plain data from YAML/JSON as a JSON value; non-finite numbers become strings, undefined is dropped. */
export function toJsonValue(value: unknown): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => toJsonValue(v) ?? null);
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) {
      const json = toJsonValue(v);
      if (json !== undefined) setKey(out, k, json);
    }
    return out;
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The finite numbers of a nested object as flat metrics, nested names joined with `/`
 * (dvclive writes `train/loss` as `{"train": {"loss": …}}`; W&B nests the same way).
 * `skip` says which keys (at any depth) are not metrics.
 */
export function flattenMetrics(value: Record<string, unknown>, skip: (key: string, nested: unknown) => boolean = () => false, prefix = ''): Metrics {
  const out: Metrics = {};
  for (const [key, v] of Object.entries(value)) {
    if (skip(key, v)) continue;
    const name = prefix ? `${prefix}/${key}` : key;
    if (typeof v === 'number' && Number.isFinite(v)) setKey(out, name, v);
    else if (isRecord(v)) for (const [nested, n] of Object.entries(flattenMetrics(v, skip, name))) setKey(out, nested, n);
  }
  return out;
}

/**
 * MLflow stores every param as text (`str(value)` in Python). Numbers, Python booleans and
 * None are turned back into JSON so they compare with params from other sources; anything
 * else (including "007", which is not a plain number) stays text.
 */
export function coerceParamText(text: string): JsonValue {
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) {
    const n = Number(text);
    if (Number.isFinite(n)) return n;
  }
  if (text === 'True' || text === 'true') return true;
  if (text === 'False' || text === 'false') return false;
  if (text === 'None' || text === 'null') return null;
  return text;
}

/** An ISO time from a tool's timestamp text; naive times (no zone) are read as UTC. */
export function isoFromText(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** An ISO time from epoch milliseconds given as text or number. */
export function isoFromMillis(value: string | number | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Number(value);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined;
}

/** Relative path with forward slashes, "." for the folder itself. */
export function portableRelative(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/') || '.';
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}
