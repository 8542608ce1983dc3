import type { FailureCode } from '../protocol/datasetWorker';

/** A request to a dataset worker that was closed (its document went away): nothing to report. */
export class DatasetClosedError extends Error {
  readonly code = 'dataset-closed';

  constructor() {
    super('the label file was closed');
  }
}

/** The user cancelled loading the file. */
export class LoadCancelledError extends Error {
  readonly code = 'load-cancelled';

  constructor() {
    super('loading was cancelled');
  }
}

/** The error for a worker's failure reply, by its code. */
export function workerFailure(code: FailureCode, message: string): Error {
  return code === 'cancelled' ? new LoadCancelledError() : new Error(message);
}
