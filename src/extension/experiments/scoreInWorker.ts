import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CsvProblemsError, type LabelFileScores, type ScoreOptions } from '../../node/experiments/labelFileMetrics';
import type { ScoreMessage, ScoreRequest } from '../../protocol/scoreWorker';

/** Scores a label file in a worker thread, so that a big file never blocks the extension host. */
export function scoreInWorker(extensionPath: string, root: string, file: string, options: ScoreOptions): Promise<LabelFileScores> {
  const worker = new Worker(path.join(extensionPath, 'dist', 'worker', 'scoreWorker.js'), { workerData: { root, file } satisfies ScoreRequest });
  const onAbort = () => void worker.terminate();
  options.signal?.addEventListener('abort', onAbort);
  return new Promise<LabelFileScores>((resolve, reject) => {
    worker.on('message', (message: ScoreMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.bytesRead, message.totalBytes);
      else if (message.type === 'done') resolve(message.scores);
      else if (message.type === 'problems') reject(new CsvProblemsError(message.file, message.problems));
      else reject(new Error(message.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(options.signal?.aborted ? 'cancelled' : `scoring stopped (exit code ${code})`)));
  }).finally(() => {
    options.signal?.removeEventListener('abort', onAbort);
    void worker.terminate();
  });
}
