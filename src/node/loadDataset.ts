import { createWriteStream, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import type { Dataset } from '../core/dataset/dataset';
import { DatasetLoader, type DatasetHead, type LoadOptions } from '../core/dataset/loader';
import { isKnownEncoding, readUtf8Chunks, sniffEncoding, type SourceEncoding } from './textSource';
import { lineAtOffset, Utf8Check } from './utf8Check';

export interface FileLoadOptions extends LoadOptions {
  /** Forced encoding (from the user's choice); detected from a byte-order mark otherwise. */
  encoding?: string;
}

export interface LoadHooks {
  onHead?(head: DatasetHead, totalBytes: number): void;
  onProgress?(bytesRead: number, totalBytes: number, rows: number): void;
  signal?: AbortSignal;
  /** Where a UTF-8 copy of a UTF-16 file is kept (rows are read from it). */
  cacheDir?: string;
}

export interface LoadedFile {
  dataset: Dataset;
  encoding: SourceEncoding;
  /** The file rows are read from: the dataset itself, or its UTF-8 copy. */
  rowSource: string;
  totalBytes: number;
}

/** Streams a label file into columns, reporting the head and progress on the way. */
export async function loadDatasetFile(file: string, options: FileLoadOptions = {}, hooks: LoadHooks = {}): Promise<LoadedFile> {
  const sniffed = await sniffEncoding(file);
  const size = sniffed.size;
  const encoding = options.encoding ?? sniffed.encoding;
  if (!isKnownEncoding(encoding)) throw new Error(`unknown encoding "${encoding}"`);
  const check = encoding === 'utf-8' ? new Utf8Check() : undefined;
  const hint = options.delimiterHint ?? (file.toLowerCase().endsWith('.tsv') ? '\t' : ',');
  const loader = new DatasetLoader({ ...options, delimiterHint: hint, expectedBytes: size });
  let copy: ReturnType<typeof createWriteStream> | undefined;
  let rowSource = file;
  if (encoding !== 'utf-8') {
    const dir = hooks.cacheDir ?? os.tmpdir();
    await fs.mkdir(dir, { recursive: true });
    rowSource = path.join(dir, `${path.basename(file)}.${process.pid}.${Date.now()}.utf8.csv`);
    copy = createWriteStream(rowSource);
  }
  let read = 0;
  let lastReport = 0;
  for await (const chunk of readUtf8Chunks(file, encoding, hooks.signal)) {
    if (copy && !copy.write(Buffer.from(chunk))) await once(copy, 'drain');
    read += chunk.length;
    check?.push(chunk);
    loader.push(chunk);
    if (loader.head && hooks.onHead) {
      hooks.onHead(loader.head, size);
      hooks.onHead = undefined;
    }
    const now = Date.now();
    if (now - lastReport > 100) {
      lastReport = now;
      hooks.onProgress?.(Math.min(read, size), size, loader.rowCount);
    }
  }
  if (copy) {
    copy.end();
    await once(copy, 'finish');
  }
  const dataset = loader.end();
  check?.end();
  if (check?.firstInvalidOffset !== undefined) {
    const line = await lineAtOffset(file, check.firstInvalidOffset);
    dataset.problems.unshift({
      kind: 'invalid-encoding',
      line,
      severity: 'error',
      message: `bytes that are not valid UTF-8 (first at byte ${check.firstInvalidOffset}); the file may be in another encoding such as Windows-1252 or Latin-1. Run "Loupe: Reopen Label File with Encoding" to choose it.`,
    });
    dataset.problemTotals['invalid-encoding'] = 1;
  }
  if (hooks.onHead && loader.head) hooks.onHead(loader.head, size);
  hooks.onProgress?.(size, size, dataset.rowCount);
  return { dataset, encoding, rowSource, totalBytes: size };
}
