import { CANCELLED } from '../protocol/datasetWorker';

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

/** The error for a worker's failure reply; the worker marks a cancelled load with the protocol's CANCELLED. */
export function workerFailure(message: string): Error {
  return message === CANCELLED ? new LoadCancelledError() : new Error(message);
}
