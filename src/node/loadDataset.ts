import { createWriteStream, promises as fs } from 'node:fs';
import { once } from 'node:events';
import type { Dataset } from '../core/dataset/dataset';
import { DatasetLoader, type DatasetHead, type LoadOptions } from '../core/dataset/loader';
import { isKnownEncoding, isUtf32, readUtf8Chunks, sniffEncoding, type SourceEncoding } from './textSource';
import { lineAtOffset, Utf8Check } from './utf8Check';
import { DELIMITERS } from '../core/csv/delimiter';
import { mergeDatasetParts } from '../core/dataset/mergeParts';
import { findDuplicateKeys } from '../core/dataset/keyIndex';
import { reportLookAlikeClasses } from '../core/values/datasetClasses';
import { reportProbabilityProblems } from '../core/labelIssues/probabilityProblems';
import { RowReader } from './rowReader';
import { PARALLEL_MIN_BYTES, startPart, type PartHandle } from './parallelLoad';
import { nextLineStart, readRange } from './readRange';
import { makePrivateFolder, processTranscodeFolder, transcodedCopyPath } from './transcodedCopies';

export interface FileLoadOptions extends LoadOptions {
  /** Forced encoding (from the user's choice); detected from a byte-order mark otherwise. */
  encoding?: string;
}

export interface LoadHooks {
  onHead?(head: DatasetHead, totalBytes: number): void;
  onProgress?(bytesRead: number, totalBytes: number, rows: number): void;
  signal?: AbortSignal;
  /**
   * Where a UTF-8 copy of a file in another encoding is kept (rows are read from it): a folder
   * private to the user. Default: this process's temp folder, removed on exit.
   */
  cacheDir?: string;
  /** The parse-part worker script (dist/worker/parsePartWorker.js): big files use two threads. */
  partWorker?: string;
  /** Files from this size up are parsed by two threads (default 24 MB). */
  parallelMinBytes?: number;
  /**
   * Look for ids that repeat before returning (default). The editor's worker passes false and
   * calls reportDuplicateIds itself once the rows are on screen.
   */
  checkIds?: boolean;
}

export interface LoadedFile {
  dataset: Dataset;
  encoding: SourceEncoding;
  /** The file rows are read from: the dataset itself, or its UTF-8 copy. */
  rowSource: string;
  /** The UTF-8 copy Loupe wrote (same as rowSource), to delete when done with the file. */
  transcodedCopy?: string;
  totalBytes: number;
  /** Parsed by two threads (big files), or by one. */
  threads: 1 | 2;
}

/** Streams a label file into columns, reporting the head and progress on the way. */
export async function loadDatasetFile(file: string, options: FileLoadOptions = {}, hooks: LoadHooks = {}): Promise<LoadedFile> {
  const sniffed = await sniffEncoding(file);
  const size = sniffed.size;
  const encoding = options.encoding ?? sniffed.encoding;
  if (isUtf32(encoding)) return refuseUtf32(file, size, encoding);
  if (!isKnownEncoding(encoding)) throw new Error(`unknown encoding "${encoding}"`);
  if (encoding === 'utf-8' && hooks.partWorker && size >= (hooks.parallelMinBytes ?? PARALLEL_MIN_BYTES)) {
    const split = await nextLineStart(file, Math.floor(size / 2));
    if (split < size) return withIdCheck(await loadInTwoParts(file, size, split, hooks.partWorker, options, hooks), hooks);
  }
  return withIdCheck(await loadSequentially(file, size, encoding, options, hooks), hooks);
}

/** A UTF-32 file gives no rows: one error at line 1, never NUL-filled headers. */
function refuseUtf32(file: string, size: number, encoding: string): LoadedFile {
  const dataset = new DatasetLoader().end();
  dataset.problems.length = 0;
  dataset.problems.push({ kind: 'invalid-encoding', line: 1, severity: 'error', message: 'UTF-32 is not supported: re-save as UTF-8' });
  dataset.problemTotals = Object.assign(Object.create(null) as Record<string, number>, { 'invalid-encoding': 1 });
  return { dataset, encoding, rowSource: file, totalBytes: size, threads: 1 };
}

function withIdCheck(loaded: LoadedFile, hooks: LoadHooks): LoadedFile {
  reportLookAlikeClasses(loaded.dataset);
  reportProbabilityProblems(loaded.dataset);
  if (hooks.checkIds ?? true) reportDuplicateIds(loaded);
  return loaded;
}

const MAX_DUPLICATE_ID_PROBLEMS = 100;

/**
 * Ids that repeat, added to the file's problems: annotations are keyed by id, so a repeated id's
 * tags and notes go to its first row only. Returns how many rows repeat an id.
 */
export function reportDuplicateIds(loaded: LoadedFile): number {
  const { dataset } = loaded;
  const keyColumn = dataset.columns.findIndex((c) => c.kind === 'key');
  if (keyColumn < 0) return 0;
  const reader = new RowReader(loaded.rowSource, dataset);
  let duplicates;
  try {
    duplicates = findDuplicateKeys(dataset, (rows) => {
      const keys: string[] = [];
      for (let i = 0; i < rows.length; i += 1000) keys.push(...reader.read(rows.slice(i, i + 1000)).map((cells) => cells[keyColumn]));
      return keys;
    });
  } finally {
    reader.close();
  }
  if (duplicates.length === 0) return 0;
  const name = dataset.columns[keyColumn].name;
  for (const d of duplicates.slice(0, MAX_DUPLICATE_ID_PROBLEMS)) {
    dataset.problems.push({
      kind: 'duplicate-id',
      line: dataset.rowLines[d.row],
      severity: 'warning',
      message: `${name} "${d.key.length > 80 ? `${d.key.slice(0, 80)}…` : d.key}" again (first on line ${dataset.rowLines[d.firstRow]}): tags, notes and label fixes of this id apply to its first row only. Make the ids unique, or set the column's role to "other" to key rows by their number.`,
    });
  }
  dataset.problemTotals['duplicate-id'] = duplicates.length;
  return duplicates.length;
}

function delimiterHint(file: string, options: FileLoadOptions): FileLoadOptions['delimiterHint'] {
  return options.delimiterHint ?? (file.toLowerCase().endsWith('.tsv') ? '\t' : ',');
}

async function loadSequentially(file: string, size: number, encoding: string, options: FileLoadOptions, hooks: LoadHooks): Promise<LoadedFile> {
  const check = encoding === 'utf-8' ? new Utf8Check() : undefined;
  const loader = new DatasetLoader({ ...options, delimiterHint: delimiterHint(file, options), expectedBytes: size });
  let copy: ReturnType<typeof createWriteStream> | undefined;
  let rowSource = file;
  if (encoding !== 'utf-8') {
    const dir = hooks.cacheDir ?? processTranscodeFolder();
    await makePrivateFolder(dir);
    rowSource = transcodedCopyPath(dir, file);
    copy = createWriteStream(rowSource, { mode: 0o600, flags: 'wx' });
  }
  try {
    return await transcodeAndParse(file, size, encoding, loader, check, copy, rowSource, hooks);
  } catch (error) {
    // A load that failed or was cancelled leaves no copy behind.
    if (copy) {
      copy.destroy();
      await fs.rm(rowSource, { force: true });
    }
    throw error;
  }
}

async function transcodeAndParse(
  file: string,
  size: number,
  encoding: string,
  loader: DatasetLoader,
  check: Utf8Check | undefined,
  copy: ReturnType<typeof createWriteStream> | undefined,
  rowSource: string,
  hooks: LoadHooks,
): Promise<LoadedFile> {
  let read = 0;
  const progress = throttled(100, () => hooks.onProgress?.(Math.min(read, size), size, loader.rowCount));
  // Bytes the decoder could not read become U+FFFD (EF BF BD) in the transcoded stream.
  let firstReplacement: number | undefined;
  for await (const chunk of readUtf8Chunks(file, encoding, hooks.signal)) {
    if (copy) {
      if (!copy.write(Buffer.from(chunk))) await once(copy, 'drain');
      firstReplacement ??= replacementAt(chunk, read);
    }
    read += chunk.length;
    check?.push(chunk);
    loader.push(chunk);
    announceHead(loader, hooks, size);
    progress();
  }
  if (copy) {
    copy.end();
    await once(copy, 'finish');
  }
  const dataset = loader.end();
  check?.end();
  await reportInvalidUtf8(file, dataset, check?.firstInvalidOffset);
  if (firstReplacement !== undefined) await reportUndecodable(rowSource, encoding, dataset, firstReplacement);
  announceHead(loader, hooks, size);
  hooks.onProgress?.(size, size, dataset.rowCount);
  return { dataset, encoding, rowSource, totalBytes: size, threads: 1, ...(copy ? { transcodedCopy: rowSource } : {}) };
}

/** The file offset of the first U+FFFD in a transcoded chunk that starts at `offset`, if any. */
function replacementAt(chunk: Uint8Array, offset: number): number | undefined {
  const at = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).indexOf(REPLACEMENT);
  return at >= 0 ? offset + at : undefined;
}

/** Tells `onHead` once, as soon as the loader has the head. */
function announceHead(loader: DatasetLoader, hooks: LoadHooks, size: number): void {
  if (loader.head && hooks.onHead) {
    hooks.onHead(loader.head, size);
    hooks.onHead = undefined;
  }
}

/** Calls `report` at most once per `ms`. */
function throttled(ms: number, report: () => void): () => void {
  let last = 0;
  return () => {
    const now = Date.now();
    if (now - last > ms) {
      last = now;
      report();
    }
  };
}

/** Deletes the UTF-8 copy a load wrote, if any (the file itself is never touched). */
export async function releaseLoadedFile(loaded: LoadedFile): Promise<void> {
  if (loaded.transcodedCopy !== undefined) await fs.rm(loaded.transcodedCopy, { force: true });
}

/** Two threads: this one parses [0, split), a worker [split, size); then the parts are merged. */
async function loadInTwoParts(file: string, size: number, split: number, script: string, options: FileLoadOptions, hooks: LoadHooks): Promise<LoadedFile> {
  const loader = new DatasetLoader({ ...options, delimiterHint: delimiterHint(file, options), expectedBytes: size });
  const check = new Utf8Check();
  let part: PartHandle | undefined;
  /** This thread reads the whole file (the worker's part was dropped): no worker is started again. */
  let alone = false;
  let read = 0;
  let lastReport = 0;
  const report = () => hooks.onProgress?.(Math.min(size, read + (part?.progress().bytesRead ?? 0)), size, loader.rowCount + (part?.progress().rows ?? 0));
  const feed = (chunk: Uint8Array) => {
    check.push(chunk);
    loader.push(chunk);
    read += chunk.length;
    if (loader.head && !part && !alone) {
      hooks.onHead?.(loader.head, size);
      const delimiter = DELIMITERS[loader.head.delimiter];
      const capacity = Math.ceil(((size - split) / loader.bytesPerRow) * 1.08) + 16;
      part = startPart(script, { file, start: split, end: size, columns: loader.head.columns, delimiter, capacity });
    }
    if (Date.now() - lastReport > 100) {
      lastReport = Date.now();
      report();
    }
  };
  try {
    for await (const chunk of readRange(file, 0, split, hooks.signal)) feed(chunk);
    // The worker's part is used when this one ended at a row's end and the worker found rows.
    if (part && loader.atRecordBoundary) {
      const timer = setInterval(report, 100);
      const second = await part.result.finally(() => clearInterval(timer));
      if (hooks.signal?.aborted) throw new Error('cancelled');
      if (second) {
        const linesInFirst = loader.linesConsumed;
        const first = loader.end({ checkLineEndings: false });
        const dataset = mergeDatasetParts(first, second.dataset, linesInFirst);
        check.end();
        await reportInvalidUtf8(file, dataset, check.firstInvalidOffset ?? second.firstInvalidOffset ?? undefined);
        hooks.onProgress?.(size, size, dataset.rowCount);
        return { dataset, encoding: 'utf-8', rowSource: file, totalBytes: size, threads: 2 };
      }
    }
    // The middle line break was inside a quoted field (or the worker's rows did not look like rows): read on here.
    part?.cancel();
    part = undefined;
    alone = true;
    for await (const chunk of readRange(file, split, size, hooks.signal)) feed(chunk);
    const dataset = loader.end();
    check.end();
    await reportInvalidUtf8(file, dataset, check.firstInvalidOffset);
    hooks.onProgress?.(size, size, dataset.rowCount);
    return { dataset, encoding: 'utf-8', rowSource: file, totalBytes: size, threads: 1 };
  } finally {
    part?.cancel();
  }
}

const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

/** Bytes not valid in a chosen or detected encoding other than UTF-8 (e.g. a lone UTF-16 surrogate, an odd last byte). */
async function reportUndecodable(utf8Copy: string, encoding: string, dataset: Dataset, offset: number): Promise<void> {
  const line = await lineAtOffset(utf8Copy, offset);
  dataset.problems.unshift({
    kind: 'invalid-encoding',
    line,
    severity: 'error',
    message: `bytes that are not valid ${encoding.toUpperCase()} (first on this line; shown as �). The file may be damaged or in another encoding: run "Loupe: Reopen Label File with Encoding" to choose it.`,
  });
  dataset.problemTotals['invalid-encoding'] = (dataset.problemTotals['invalid-encoding'] ?? 0) + 1;
}

async function reportInvalidUtf8(file: string, dataset: Dataset, offset: number | undefined): Promise<void> {
  if (offset === undefined) return;
  const line = await lineAtOffset(file, offset);
  dataset.problems.unshift({
    kind: 'invalid-encoding',
    line,
    severity: 'error',
    message: `bytes that are not valid UTF-8 (first at byte ${offset}); the file may be in another encoding such as Windows-1252 or Latin-1. Run "Loupe: Reopen Label File with Encoding" to choose it.`,
  });
  dataset.problemTotals['invalid-encoding'] = 1;
}
