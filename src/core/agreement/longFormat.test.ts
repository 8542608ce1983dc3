import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgementsFromLong, judgementsFromLongColumns } from './longFormat';

describe('long format (example, annotator, label)', () => {
  it('builds items and raters in order of first appearance, categories sorted', () => {
    const rows = [
      ['e2', 'ann', '10'],
      ['e1', 'bob', '9'],
      ['e2', 'bob', '10'],
      ['e1', 'ann', '2'],
      ['e3', 'cy', ' '],
      ['e1', 'ann', '9'],
      ['e2', 'ann', '10'],
      ['', 'ann', '2'],
      ['e3', ' ', '2'],
    ];
    const result = judgementsFromLong(
      rows.map((r) => r[0]),
      rows.map((r) => r[1]),
      rows.map((r) => r[2]),
    );
    const j = result.judgements;
    assert.deepEqual(j.itemIds, ['e2', 'e1', 'e3']);
    assert.deepEqual(j.raterNames, ['ann', 'bob', 'cy']);
    // Numeric labels sort numerically, as scikit-learn would.
    assert.deepEqual(j.categories, ['2', '9', '10']);
    assert.deepEqual([...j.raters[0]], [2, 0, -1]);
    assert.deepEqual([...j.raters[1]], [2, 1, -1]);
    assert.deepEqual([...j.raters[2]], [-1, -1, -1]);
    assert.deepEqual([result.emptyLabels, result.missingKeys, result.duplicates, result.conflicts], [1, 2, 2, 1]);
  });

  it('reads dictionary-coded columns as the Dataset holds them', () => {
    const result = judgementsFromLongColumns(
      { codes: Int32Array.of(0, 0, 1, 1, -1), dictionary: ['x', 'y'] },
      { codes: Int32Array.of(1, 0, 1, 0, 0), dictionary: ['bob', 'ann'] },
      { codes: Int32Array.of(0, 1, 1, -1, 0), dictionary: ['yes', 'no'] },
    );
    assert.deepEqual(result.judgements.raterNames, ['ann', 'bob']);
    assert.deepEqual(result.judgements.categories, ['no', 'yes']);
    assert.deepEqual([...result.judgements.raters[0]], [1, 0]);
    assert.deepEqual([...result.judgements.raters[1]], [0, -1]);
    assert.deepEqual([result.emptyLabels, result.missingKeys], [1, 1]);
  });

  it('rejects columns of different lengths', () => {
    assert.throws(() => judgementsFromLong(['a'], [], ['x']), RangeError);
  });
});
