import { Worker } from 'node:worker_threads';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { newTranscodeFolder } from '../node/transcodedCopies';
import type { CancelMessage, RequestOf, ResultOf, WorkerEvent, WorkerNotice, WorkerPayloads, WorkerRequestType } from '../protocol/datasetWorker';
import { DatasetClosedError, workerFailure } from './datasetErrors';

/** Talks to one dataset worker thread: typed requests in, typed results and notices out. */
export class DatasetClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private disposed = false;
  /** Where the worker keeps UTF-8 copies of files in other encodings; removed on dispose. */
  private readonly cacheDir: string | undefined;
  /** The extension's storage folder (set once at activation); without it copies go to a private temp folder. */
  static storage: string | undefined;

  constructor(
    extensionPath: string,
    private readonly onNotice: (notice: WorkerNotice) => void,
  ) {
    this.cacheDir = DatasetClient.storage === undefined ? undefined : newTranscodeFolder(DatasetClient.storage);
    this.worker = new Worker(path.join(extensionPath, 'dist', 'worker', 'datasetWorker.js'), { workerData: { cacheDir: this.cacheDir } });
    this.worker.on('message', (event: WorkerEvent) => this.receive(event));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => {
      if (!this.disposed) this.failAll(new Error(`the dataset worker stopped (exit code ${code})`));
    });
  }

  request<T extends WorkerRequestType>(type: T, payload: WorkerPayloads[T]): Promise<ResultOf<T>> {
    const id = this.nextId++;
    const message: RequestOf<T> = { ...payload, id, type };
    return new Promise<ResultOf<T>>((resolve, reject) => {
      // The worker answers request `id` with its handler's result, whose type is ResultOf<T>.
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage(message);
    });
  }

  cancelLoad(): void {
    const cancel: CancelMessage = { type: 'cancel' };
    this.worker.postMessage(cancel);
  }

  dispose(): void {
    this.disposed = true;
    this.failAll(new DatasetClosedError());
    const cacheDir = this.cacheDir;
    void this.worker.terminate().then(() => (cacheDir === undefined ? undefined : fs.rm(cacheDir, { recursive: true, force: true })));
  }

  private receive(event: WorkerEvent): void {
    if (event.type === 'result' || event.type === 'failure') {
      const waiter = this.pending.get(event.id);
      this.pending.delete(event.id);
      if (event.type === 'result') waiter?.resolve(event.result);
      else waiter?.reject(workerFailure(event.code, event.message));
      return;
    }
    this.onNotice(event);
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}
