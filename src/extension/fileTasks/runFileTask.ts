import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileTaskEvent, FileTaskFailure, FileTaskPayloads, FileTaskResults, FileTaskType } from '../../protocol/fileTasks';

/** A task that failed, with its typed reason (a file with CSV problems, an existing column…). */
export class FileTaskError extends Error {
  constructor(readonly failure: FileTaskFailure) {
    super(failure.message);
    this.name = 'FileTaskError';
  }
}

export interface TaskControl {
  onProgress(message: string): void;
  /** Resolves when the user cancels: the worker is terminated at once. */
  cancelled: Promise<void>;
}

/**
 * Runs one file task in its own worker thread (dist/worker/fileTaskWorker.js): the result, or
 * undefined when cancelled; a `FileTaskError` when the task failed.
 */
export function runFileTask<K extends FileTaskType>(extensionPath: string, type: K, payload: FileTaskPayloads[K], control: TaskControl): Promise<FileTaskResults[K] | undefined> {
  const worker = new Worker(path.join(extensionPath, 'dist', 'worker', 'fileTaskWorker.js'), { workerData: { type, ...payload } });
  return new Promise<FileTaskResults[K] | undefined>((resolve, reject) => {
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    void control.cancelled.then(() => finish(() => resolve(undefined)));
    worker.on('message', (event: FileTaskEvent) => {
      // The worker answers a task of type K with FileTaskResults[K].
      if (event.type === 'result') finish(() => resolve(event.result as FileTaskResults[K]));
      else if (event.type === 'failure') finish(() => reject(new FileTaskError(event.failure)));
      else control.onProgress(event.message);
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`the worker stopped before it finished (exit code ${code})`))));
  });
}
