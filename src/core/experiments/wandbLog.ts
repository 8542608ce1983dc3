/**
 * Reads the binary log W&B writes for every run (`run-<id>.wandb`), which is all that recent
 * clients leave in an offline run folder until it is synced.
 *
 * The file is a LevelDB-style log: a 7-byte header (":W&B", magic 0xBEE1 little-endian,
 * version 0), then 32 KiB blocks of chunks (crc32 seeded with the chunk type, uint16 length,
 * uint8 type FULL/FIRST/MIDDLE/LAST). Each whole record is a protobuf `wandb_internal.Record`
 * (wandb/proto/wandb_internal.proto); only the fields Loupe imports are decoded here:
 *
 *   Record     history = 2, summary = 3, config = 5, run = 17
 *   RunRecord  run_id = 1, config = 4, summary = 5, display_name = 8, notes = 9, tags = 10,
 *              start_time = 17 (Timestamp seconds = 1), git = 21 (remote_url = 1, commit = 2)
 *   Config/SummaryRecord  update = 1, remove = 2; items: key = 1, nested_key = 2, value_json = 16
 *   HistoryRecord  item = 1 (same item shape), step = 2 (num = 1)
 */
import { concatBytes } from '../bytes';
import { getKey, listAt, setKey } from './dataKeys';

const HEADER = [0x3a, 0x57, 0x26, 0x42]; // ":W&B"
const MAGIC = 0xbee1;
const BLOCK = 32768;
const CHUNK_HEADER = 7;
const FULL = 1;
const FIRST = 2;
const MIDDLE = 3;
const LAST = 4;

export interface WandbRun {
  runId: string | null;
  name: string | null;
  notes: string | null;
  tags: string[];
  /** ISO time the run started. */
  startedAt: string | null;
  git: { commit: string | null; remote: string | null };
  /** Config keys (W&B's own `_wandb` left out), values as logged. */
  config: Record<string, unknown>;
  /** The run summary: the last value of each logged key, plus what the script set. */
  summary: Record<string, unknown>;
  /** Numeric history by key, in step order. */
  history: Record<string, { step: number; value: number }[]>;
  /** Records read; a damaged or unfinished tail stops the reading and is reported here. */
  records: number;
  problem: string | null;
}

/** The run in a `.wandb` log; throws when the bytes are not such a log at all. */
export function readWandbLog(bytes: Uint8Array): WandbRun {
  if (bytes.length < CHUNK_HEADER || HEADER.some((b, i) => bytes[i] !== b) || (bytes[4] | (bytes[5] << 8)) !== MAGIC || bytes[6] !== 0) {
    throw new Error('not a W&B run log (no ":W&B" header)');
  }
  const run: WandbRun = { runId: null, name: null, notes: null, tags: [], startedAt: null, git: { commit: null, remote: null }, config: {}, summary: {}, history: {}, records: 0, problem: null };
  const { records, problem } = splitRecords(bytes);
  run.problem = problem;
  for (const record of records) {
    run.records++;
    for (const f of fields(record)) {
      if (f.wire !== 2) continue;
      if (f.field === 17) readRun(f.bytes, run);
      else if (f.field === 5) applyUpdates(f.bytes, run.config);
      else if (f.field === 3) applyUpdates(f.bytes, run.summary);
      else if (f.field === 2) readHistory(f.bytes, run.history);
    }
  }
  delete run.config._wandb;
  return run;
}

function splitRecords(bytes: Uint8Array): { records: Uint8Array[]; problem: string | null } {
  const records: Uint8Array[] = [];
  let at = CHUNK_HEADER;
  let pending: Uint8Array[] | null = null;
  while (at < bytes.length) {
    const left = BLOCK - (at % BLOCK);
    if (left < CHUNK_HEADER) {
      at += left; // zero padding at the end of a block
      continue;
    }
    const chunk = readChunk(bytes, at);
    if (chunk === null) break;
    if (typeof chunk === 'string') return { records, problem: chunk };
    at = chunk.end;
    const { type, data } = chunk;
    if (type === FULL) records.push(data);
    else if (type === FIRST) pending = [data];
    else if ((type === MIDDLE || type === LAST) && pending) {
      pending.push(data);
      if (type === LAST) {
        records.push(concatBytes(pending));
        pending = null;
      }
    } else return { records, problem: `an unexpected chunk type ${type} at byte ${at}` };
  }
  return { records, problem: pending ? 'the log ends inside a record (the run may still be writing)' : null };
}

/** The chunk at byte `at`: null for preallocated space never written, a string saying why it cannot be read. */
function readChunk(bytes: Uint8Array, at: number): { type: number; data: Uint8Array; end: number } | null | string {
  if (at + CHUNK_HEADER > bytes.length) return `the log ends inside a chunk header at byte ${at} (the run may still be writing)`;
  const checksum = (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
  const length = bytes[at + 4] | (bytes[at + 5] << 8);
  const type = bytes[at + 6];
  if (type === 0 && length === 0 && checksum === 0) return null;
  const start = at + CHUNK_HEADER;
  if (start + length > bytes.length) return `the log ends inside a record at byte ${at} (the run may still be writing)`;
  const data = bytes.subarray(start, start + length);
  if (crc32(data, crc32(Uint8Array.of(type))) !== checksum) return `a damaged record at byte ${at} (checksum); the records before it were read`;
  return { type, data, end: start + length };
}

function readRun(bytes: Uint8Array, run: WandbRun): void {
  for (const f of fields(bytes)) {
    if (f.wire !== 2) continue;
    if (f.field === 1) run.runId = textOr(f.bytes, run.runId);
    else if (f.field === 4) applyUpdates(f.bytes, run.config);
    else if (f.field === 5) applyUpdates(f.bytes, run.summary);
    else if (f.field === 8) run.name = textOr(f.bytes, run.name);
    else if (f.field === 9) run.notes = textOr(f.bytes, run.notes);
    else if (f.field === 10) run.tags.push(text(f.bytes));
    else if (f.field === 17) readStartTime(f.bytes, run);
    else if (f.field === 21) readGit(f.bytes, run.git);
  }
}

function readStartTime(bytes: Uint8Array, run: WandbRun): void {
  const seconds = varintField(bytes, 1);
  if (seconds !== undefined) run.startedAt = new Date(seconds * 1000).toISOString();
}

function readGit(bytes: Uint8Array, git: WandbRun['git']): void {
  for (const g of fields(bytes)) {
    if (g.wire !== 2) continue;
    if (g.field === 1) git.remote = textOr(g.bytes, git.remote);
    if (g.field === 2) git.commit = textOr(g.bytes, git.commit);
  }
}

/** A config or summary record's updates and removals, applied to `target`. */
function applyUpdates(bytes: Uint8Array, target: Record<string, unknown>): void {
  for (const f of fields(bytes)) {
    if (f.wire !== 2 || (f.field !== 1 && f.field !== 2)) continue;
    const item = readItem(f.bytes);
    if (!item) continue;
    if (f.field === 1) setPath(target, item.path, item.value);
    else deletePath(target, item.path);
  }
}

function readHistory(bytes: Uint8Array, history: WandbRun['history']): void {
  const { values, step } = readHistoryItems(bytes);
  for (const { path, value } of values) {
    if (path[0]?.startsWith('_') || typeof value !== 'number' || !Number.isFinite(value)) continue;
    listAt(history, path.join('/')).push({ step, value });
  }
}

/** A history record's items and its step: the `_step` item when logged, else the record's step field, else 0. */
function readHistoryItems(bytes: Uint8Array): { values: { path: string[]; value: unknown }[]; step: number } {
  const values: { path: string[]; value: unknown }[] = [];
  let step: number | undefined;
  for (const f of fields(bytes)) {
    if (f.wire !== 2) continue;
    if (f.field === 1) {
      const item = readItem(f.bytes);
      if (item) values.push(item);
    } else if (f.field === 2) step = varintField(f.bytes, 1) ?? step;
  }
  const stepItem = values.find((v) => v.path.length === 1 && v.path[0] === '_step');
  return { values, step: typeof stepItem?.value === 'number' ? stepItem.value : (step ?? 0) };
}

function readItem(bytes: Uint8Array): { path: string[]; value: unknown } | undefined {
  let key = '';
  const nested: string[] = [];
  let json: string | undefined;
  for (const f of fields(bytes)) {
    if (f.wire !== 2) continue;
    if (f.field === 1) key = text(f.bytes);
    else if (f.field === 2) nested.push(text(f.bytes));
    else if (f.field === 16) json = text(f.bytes);
  }
  const path = key ? [key] : nested;
  if (path.length === 0) return undefined;
  let value: unknown = null;
  if (json !== undefined) {
    try {
      value = JSON.parse(json);
    } catch {
      value = /^-?(Infinity|NaN)$/.test(json) ? null : json;
    }
  }
  return { path, value };
}

/** Sets a nested key; every part is data (`["__proto__", "x"]` is a key `x` under a key `__proto__`). */
function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) {
    const next = getKey(node, part);
    const child = isObject(next) ? next : {};
    if (child !== next) setKey(node, part, child);
    node = child;
  }
  setKey(node, path[path.length - 1], value);
}

function deletePath(target: Record<string, unknown>, path: string[]): void {
  let node: unknown = target;
  for (const part of path.slice(0, -1)) node = isObject(node) ? getKey(node, part) : undefined;
  if (isObject(node)) delete node[path[path.length - 1]];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Field {
  field: number;
  wire: number;
  value?: bigint;
  bytes: Uint8Array;
}

/** The fields of one protobuf message (wire types 0, 1, 2 and 5); stops at anything malformed. */
export function fields(bytes: Uint8Array): Field[] {
  const out: Field[] = [];
  let at = 0;
  const varint = (): bigint | undefined => {
    let result = 0n;
    let shift = 0n;
    while (at < bytes.length && shift < 70n) {
      const b = bytes[at++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
    return undefined;
  };
  const none = new Uint8Array(0);
  while (at < bytes.length) {
    const key = varint();
    if (key === undefined) break;
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      const value = varint();
      if (value === undefined) break;
      out.push({ field, wire, value, bytes: none });
    } else if (wire === 2) {
      const length = varint();
      if (length === undefined || at + Number(length) > bytes.length) break;
      out.push({ field, wire, bytes: bytes.subarray(at, at + Number(length)) });
      at += Number(length);
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (at + size > bytes.length) break;
      out.push({ field, wire, bytes: bytes.subarray(at, at + size) });
      at += size;
    } else break;
  }
  return out;
}

/** The first varint field `field` of a message, as a number. */
function varintField(bytes: Uint8Array, field: number): number | undefined {
  const value = fields(bytes).find((f) => f.field === field && f.wire === 0)?.value;
  return value === undefined ? undefined : Number(value);
}

/** The text of a field, or `fallback` when it is empty. */
function textOr(bytes: Uint8Array, fallback: string | null): string | null {
  return text(bytes) || fallback;
}

const decoder = new TextDecoder();
function text(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}


let table: Uint32Array | undefined;
/** CRC-32 (zlib's), continuing from `previous`. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = ~previous >>> 0;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
