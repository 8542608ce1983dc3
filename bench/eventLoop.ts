/**
 * The extension host's side of a load: starts the real dataset worker (dist/worker) and
 * measures this thread's event-loop delay while the worker reads the file.
 *   node --import tsx bench/eventLoop.ts <file>
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

async function main(): Promise<void> {
  const file = process.argv[2];
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  // execArgv: [] — the extension host starts workers without this script's tsx loader.
  const worker = new Worker(path.resolve(__dirname, '..', 'dist', 'worker', 'datasetWorker.js'), { execArgv: [] });
  const started = performance.now();
  let firstRows: number | undefined;
  histogram.enable();
  const summary = await new Promise<{ rows: number }>((resolve, reject) => {
    worker.on('message', (event: { type: string; result?: { rows: number }; message?: string }) => {
      if (event.type === 'head') firstRows ??= performance.now() - started;
      if (event.type === 'result') resolve(event.result!);
      if (event.type === 'failure') reject(new Error(event.message));
    });
    worker.postMessage({ id: 1, type: 'load', path: file, options: {} });
  });
  const loaded = performance.now() - started;
  // A view and a window of rows, as the table asks right after the load.
  const windowStarted = performance.now();
  await new Promise<void>((resolve) => {
    worker.on('message', (event: { type: string; id?: number }) => event.type === 'result' && event.id === 3 && resolve());
    worker.postMessage({ id: 2, type: 'view', filter: { misclassified: true }, sort: { column: 5, descending: true } });
    worker.postMessage({ id: 3, type: 'rows', start: 0, count: 60 });
  });
  histogram.disable();
  await worker.terminate();
  process.stdout.write(
    JSON.stringify({
      rows: summary.rows,
      seconds: loaded / 1000,
      firstRowsSeconds: (firstRows ?? 0) / 1000,
      filterSortWindowSeconds: (performance.now() - windowStarted) / 1000,
      eventLoopMaxMs: histogram.max / 1e6,
      eventLoopP99Ms: histogram.percentile(99) / 1e6,
    }) + '\n',
  );
}

void main();
