/**
 * Big files are parsed by two threads: this one reads the first half, a worker the second,
 * from the first line break after the middle. If that break was inside a quoted field (this
 * thread then ends mid-record), the worker's result is dropped and this thread reads on. The
 * worker tells early when its first rows do not look like rows (a quote or width problem, or
 * no row in its first megabyte: the break was most likely inside one huge field) and stops,
 * so a big field is not parsed twice.
 */
import { Worker } from 'node:worker_threads';
import type { ColumnInfo, Dataset } from '../core/dataset/dataset';

export interface PartRequest {
  file: string;
  start: number;
  end: number;
  columns: ColumnInfo[];
  delimiter: number;
  capacity: number;
}

export type PartMessage =
  | { type: 'progress'; bytesRead: number; rows: number }
  | { type: 'done'; dataset: Dataset; firstInvalidOffset: number | null }
  /** The part's first rows do not look like rows: it most likely starts inside a quoted field. */
  | { type: 'misaligned' }
  | { type: 'failed'; message: string };

/** Below this size one thread is as fast as two (starting a worker costs ~50 ms). */
export const PARALLEL_MIN_BYTES = 24 * 1024 * 1024;

export interface PartResult {
  dataset: Dataset;
  firstInvalidOffset: number | null;
}

export interface PartHandle {
  /** The part's rows, or null when the worker stopped because the part does not start at a row. */
  result: Promise<PartResult | null>;
  progress(): { bytesRead: number; rows: number };
  cancel(): void;
}

export function startPart(script: string, request: PartRequest): PartHandle {
  const worker = new Worker(script, { workerData: request });
  let progress = { bytesRead: 0, rows: 0 };
  const result = new Promise<PartResult | null>((resolve, reject) => {
    worker.on('message', (message: PartMessage) => {
      if (message.type === 'progress') progress = { bytesRead: message.bytesRead, rows: message.rows };
      else if (message.type === 'done') resolve({ dataset: message.dataset, firstInvalidOffset: message.firstInvalidOffset });
      else if (message.type === 'misaligned') resolve(null);
      else reject(new Error(message.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => code !== 0 && reject(new Error(`the parsing worker stopped (exit code ${code})`)));
  });
  result.then(() => void worker.terminate(), () => undefined);
  return { result, progress: () => progress, cancel: () => void worker.terminate() };
}

/** Rows of a part looked at before it is trusted to start at a row. */
const PROBE_ROWS = 16;
/** A part with no row ended in this many bytes most likely starts inside one huge field. */
const PROBE_BYTES = 1 << 20;
const MISALIGNED_KINDS: ReadonlySet<string> = new Set(['ragged-row', 'stray-quote', 'unterminated-quote']);

/**
 * Whether a part of a file, parsed from its start so far (`bytesRead` bytes, `ended` at its end),
 * shows that it does not start at a row: undefined while too little of it was read to tell.
 */
export function partMisaligned(
  part: { rowCount: number; problems: readonly { kind: string; line: number }[]; rowLine(row: number): number },
  bytesRead: number,
  ended: boolean,
): boolean | undefined {
  if (part.rowCount < PROBE_ROWS && bytesRead < PROBE_BYTES && !ended) return undefined;
  if (part.rowCount === 0) return bytesRead >= PROBE_BYTES;
  const lastLine = part.rowLine(Math.min(part.rowCount, PROBE_ROWS) - 1);
  return part.problems.some((p) => MISALIGNED_KINDS.has(p.kind) && p.line <= lastLine);
}
