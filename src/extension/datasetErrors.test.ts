import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoadCancelledError, workerFailure } from './datasetErrors';

describe('workerFailure', () => {
  it('turns a cancelled load into LoadCancelledError by its code and keeps other failures as they are', () => {
    assert.ok(workerFailure('cancelled', 'loading was cancelled') instanceof LoadCancelledError);
    const other = workerFailure('failed', 'ENOENT: no such file');
    assert.ok(!(other instanceof LoadCancelledError));
    assert.equal(other.message, 'ENOENT: no such file');
  });

  it('a failure whose message reads "cancelled" is still a failure', () => {
    const error = workerFailure('failed', 'cancelled');
    assert.ok(!(error instanceof LoadCancelledError));
    assert.equal(error.message, 'cancelled');
  });
});
