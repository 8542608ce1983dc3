import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CANCELLED } from '../protocol/datasetWorker';
import { LoadCancelledError, workerFailure } from './datasetErrors';

describe('workerFailure', () => {
  it('turns a cancelled load into LoadCancelledError and keeps other failures as they are', () => {
    assert.ok(workerFailure(CANCELLED) instanceof LoadCancelledError);
    const other = workerFailure('ENOENT: no such file');
    assert.ok(!(other instanceof LoadCancelledError));
    assert.equal(other.message, 'ENOENT: no such file');
  });
});
