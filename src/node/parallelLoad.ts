/**
 * Big files are parsed by two threads: this one reads the first half, a worker the second,
 * from the first line break after the middle. If that break was inside a quoted field (this
 * thread then ends mid-record), the worker's result is dropped and this thread reads on.
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
  | { type: 'failed'; message: string };

/** Below this size one thread is as fast as two (starting a worker costs ~50 ms). */
export const PARALLEL_MIN_BYTES = 24 * 1024 * 1024;

export interface PartHandle {
  result: Promise<{ dataset: Dataset; firstInvalidOffset: number | null }>;
  progress(): { bytesRead: number; rows: number };
  cancel(): void;
}

export function startPart(script: string, request: PartRequest): PartHandle {
  const worker = new Worker(script, { workerData: request });
  let progress = { bytesRead: 0, rows: 0 };
  const result = new Promise<{ dataset: Dataset; firstInvalidOffset: number | null }>((resolve, reject) => {
    worker.on('message', (message: PartMessage) => {
      if (message.type === 'progress') progress = { bytesRead: message.bytesRead, rows: message.rows };
      else if (message.type === 'done') resolve({ dataset: message.dataset, firstInvalidOffset: message.firstInvalidOffset });
      else reject(new Error(message.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => code !== 0 && reject(new Error(`the parsing worker stopped (exit code ${code})`)));
  });
  result.then(() => void worker.terminate(), () => undefined);
  return { result, progress: () => progress, cancel: () => void worker.terminate() };
}
