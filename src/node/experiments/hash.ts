import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { CsvScanner, type CsvSink } from '../../core/csv/scanner';

const CHUNK = 1 << 20;

export interface HashOptions {
  /** Called after each chunk with the bytes read so far (for a progress bar on a 2 GB file). */
  onProgress?(bytesRead: number): void;
  signal?: AbortSignal;
}

/** SHA-256 of a file, streamed in 1 MB chunks: memory stays flat whatever the file's size. */
export async function sha256File(file: string, options: HashOptions = {}): Promise<string> {
  return (await fingerprintFile(file, { ...options, countRows: false })).sha256;
}

export interface FileFingerprint {
  sha256: string;
  bytes: number;
  /** CSV data records (header and blank lines not counted); null when not counted. */
  rows: number | null;
}

/**
 * One streaming pass: the file's SHA-256 and, for a UTF-8 CSV/TSV, its data row count
 * (records, so quoted fields with newlines count once). UTF-16 files are hashed but not counted.
 */
export async function fingerprintFile(file: string, options: HashOptions & { countRows?: boolean; delimiter?: number } = {}): Promise<FileFingerprint> {
  const hash = createHash('sha256');
  const counter = new RecordCounter();
  const scanner = new CsvScanner(counter, options.delimiter ?? (file.toLowerCase().endsWith('.tsv') ? 0x09 : 0x2c));
  let counting = options.countRows ?? true;
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK, signal: options.signal }) as AsyncIterable<Buffer>) {
    if (bytes === 0 && isUtf16(chunk)) counting = false;
    hash.update(chunk);
    if (counting) scanner.push(chunk);
    bytes += chunk.length;
    options.onProgress?.(bytes);
  }
  if (counting) scanner.end();
  return { sha256: hash.digest('hex'), bytes, rows: counting ? Math.max(0, counter.records - 1) : null };
}

/** SHA-256 of a string's UTF-8 bytes. */
export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function isUtf16(head: Buffer): boolean {
  return head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
}

/** Counts non-blank records without looking at any field's bytes. */
class RecordCounter implements CsvSink {
  records = 0;

  wantsBytes(): boolean {
    return false;
  }

  field(): void {}

  record(_fieldCount: number, _start: number, _end: number, _line: number, blank: boolean): void {
    if (!blank) this.records++;
  }
}
