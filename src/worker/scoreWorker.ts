/** Worker thread entry: scores a label file for an experiment record, off the extension host's thread. */
import { parentPort, workerData } from 'node:worker_threads';
import { CsvProblemsError, scoreLabelFile } from '../node/experiments/labelFileMetrics';
import type { ScoreMessage, ScoreRequest } from '../protocol/scoreWorker';

const post = (message: ScoreMessage) => parentPort!.postMessage(message);
const { root, file } = workerData as ScoreRequest;
scoreLabelFile(root, file, { onProgress: (bytesRead, totalBytes) => post({ type: 'progress', bytesRead, totalBytes }) }).then(
  (scores) => post({ type: 'done', scores }),
  (error: unknown) =>
    post(error instanceof CsvProblemsError ? { type: 'problems', file: error.file, problems: [...error.problems] } : { type: 'failed', message: error instanceof Error ? error.message : String(error) }),
);
