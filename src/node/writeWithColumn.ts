import { appendFieldFast } from '../core/csv/cellEdits';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { concatBytes } from '../core/bytes';
import { fieldRanges } from '../core/csv/cellEdits';
import { formatCsvField } from '../core/csv/write';
import type { Dataset } from '../core/dataset/dataset';

export interface ColumnWrite {
  /** The header of the new column (ignored when `replace` names an existing column). */
  name: string;
  /** Per row: its value. */
  valueOf: (row: number) => string;
  /** Rewrite this existing column instead of adding one. */
  replace?: number;
  /** Replace an existing `target` file. */
  overwrite: boolean;
}

export type ColumnWriteErrorCode = 'outputExists' | 'longRecord';

export class ColumnWriteError extends Error {
  constructor(
    readonly code: ColumnWriteErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const CHUNK = 8 << 20;

/**
 * Writes `source` to `target` with one more column (or one column rewritten): each record
 * gets its field before its own line ending, so every other byte (quoting, delimiters, line
 * endings, a byte-order mark, a missing final newline, blank lines) is copied as it was.
 * The file is written beside the target, synced, then linked into place: without
 * `overwrite` an existing target is never replaced, even by a concurrent writer.
 */
export async function writeWithColumn(source: string, dataset: Dataset, target: string, column: ColumnWrite): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.loupe-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const input = await fs.open(source, 'r');
  const output = await fs.open(temp, 'wx');
  try {
    const { size } = await input.stat();
    const reader = new RangeReader(input);
    const width = dataset.columns.length;
    const at = column.replace ?? width;
    const headerStart = await byteOrderMarkLength(input);
    const pieces = new Writer(output);
    const field = encodedFields(dataset.delimiter);
    await pieces.add(await reader.read(0, headerStart));
    const header = await reader.read(headerStart, dataset.dataStart);
    await pieces.add(column.replace === undefined ? withField(header, dataset.delimiter, at, field(column.name), true)! : header);
    await pieces.add(await reader.read(dataset.dataStart, dataset.rowCount > 0 ? dataset.rowStarts[0] : dataset.dataStart));
    for (let row = 0; row < dataset.rowCount; row++) {
      const record = await reader.read(dataset.rowStarts[row], dataset.rowStarts[row + 1]);
      const encoded = field(column.valueOf(row));
      const rewritten = (column.replace === undefined && appendFieldFast(record, dataset.delimiter, at, encoded)) || withField(record, dataset.delimiter, at, encoded, column.replace === undefined);
      if (rewritten === null) throw new ColumnWriteError('longRecord', `line ${dataset.rowLines[row]} has more fields than the header, so a new last column would not line up`);
      await pieces.add(rewritten);
    }
    await pieces.add(await reader.read(dataset.rowCount > 0 ? dataset.rowStarts[dataset.rowCount] : dataset.dataStart, size));
    await pieces.flush();
    await output.sync();
  } catch (error) {
    await output.close();
    await fs.rm(temp, { force: true });
    throw error;
  } finally {
    await input.close();
  }
  await output.close();
  await moveIntoPlace(temp, target, column.overwrite);
}

async function moveIntoPlace(temp: string, target: string, overwrite: boolean): Promise<void> {
  try {
    if (overwrite) await fs.rename(temp, target);
    else await fs.link(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ColumnWriteError('outputExists', `${target} exists`);
    throw error;
  }
  if (!overwrite) await fs.rm(temp, { force: true });
}

/** A value as the bytes of a CSV field, quoted only when it must be; the few distinct values of a split column are encoded once. */
function encodedFields(delimiter: number): (value: string) => Uint8Array {
  const encoder = new TextEncoder();
  const cache = new Map<string, Uint8Array>();
  return (value) => {
    let bytes = cache.get(value);
    if (!bytes) {
      bytes = encoder.encode(formatCsvField(value, String.fromCharCode(delimiter)));
      if (cache.size < 1024) cache.set(value, bytes);
    }
    return bytes;
  };
}

/**
 * The record with field `at` set to the encoded field, a short record
 * padded with empty fields first. Null when a new last field (`append`) would not land in
 * the new column because the record already has more fields than the header.
 */
function withField(record: Uint8Array, delimiter: number, at: number, encoded: Uint8Array, append: boolean): Uint8Array | null {
  const ranges = fieldRanges(record, delimiter);
  if (append && ranges.length > at) return null;
  const range = ranges[at];
  if (range) return concatBytes([record.subarray(0, range.start), encoded, record.subarray(range.end)]);
  const last = ranges[ranges.length - 1];
  const padding = new TextEncoder().encode(String.fromCharCode(delimiter).repeat(at - ranges.length + 1));
  return concatBytes([record.subarray(0, last.end), padding, encoded, record.subarray(last.end)]);
}

async function byteOrderMarkLength(handle: fs.FileHandle): Promise<number> {
  const head = Buffer.alloc(3);
  const { bytesRead } = await handle.read(head, 0, 3, 0);
  return bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
}

/** Reads consecutive byte ranges of a file through one buffer of at least 8 MB. */
class RangeReader {
  private buffer = Buffer.alloc(0);
  private start = 0;

  constructor(private readonly handle: fs.FileHandle) {}

  async read(from: number, to: number): Promise<Uint8Array> {
    if (to <= from) return new Uint8Array(0);
    if (from < this.start || to > this.start + this.buffer.length) {
      this.buffer = Buffer.alloc(Math.max(CHUNK, to - from));
      const { bytesRead } = await this.handle.read(this.buffer, 0, this.buffer.length, from);
      this.buffer = this.buffer.subarray(0, bytesRead);
      this.start = from;
    }
    return this.buffer.subarray(from - this.start, Math.min(to, this.start + this.buffer.length) - this.start);
  }
}

/** Gathers output pieces and writes them in chunks of about 8 MB. */
class Writer {
  private pending: Uint8Array[] = [];
  private bytes = 0;

  constructor(private readonly handle: fs.FileHandle) {}

  async add(piece: Uint8Array): Promise<void> {
    this.pending.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    this.bytes += piece.length;
    if (this.bytes >= CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    await this.handle.write(Buffer.concat(this.pending));
    this.pending = [];
    this.bytes = 0;
  }
}
