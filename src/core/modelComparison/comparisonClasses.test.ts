import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeColumn } from '../metrics/fixtures/encode';
import { assignComparisonClasses, sameLabel } from './comparisonClasses';
import { joinById } from './joinById';

const assign = (label: string[], a: string[], b: string[]) => assignComparisonClasses(encodeColumn(label), encodeColumn(a), encodeColumn(b));

describe('one class list over the label and two predictions', () => {
  it('merges spellings of a number across the three columns and sorts by value', () => {
    const c = assign(['1', '10', '2'], ['1.0', '10', '02'], ['01', '2.0', '10']);
    assert.deepEqual([c.classes, c.numeric], [['1', '2', '10'], true]);
    assert.deepEqual([[...c.truth], [...c.a], [...c.b]], [[0, 2, 1], [0, 2, 1], [0, 1, 2]]);
  });

  it('reads every column as text as soon as one present value of any of them is not a number', () => {
    const c = assign(['1', '1.0'], ['1', '1'], ['1', 'n/a']);
    assert.deepEqual([c.classes, c.numeric], [['1', '1.0', 'n/a'], false]);
  });

  it('merges boolean spellings by truth value across the three columns', () => {
    const c = assign(['True', 'false', 'TRUE'], ['true', 'False', 'false'], ['TRUE', 'FALSE', 'true']);
    assert.equal(c.numeric, false);
    assert.equal(c.classes.length, 2);
    assert.deepEqual([[...c.truth], [...c.a], [...c.b]], [[1, 0, 1], [1, 0, 0], [1, 0, 1]]);
  });

  it('takes classes from the rows where all three are present', () => {
    const c = assign(['x', 'y', ''], ['x', 'z', 'w'], ['x', '', 'v']);
    assert.deepEqual(c.classes, ['x']);
    assert.deepEqual([...c.a], [0, -1, -1]);
  });
});

describe('labels of two files', () => {
  it('are equal by value for numeric classes, as exact text otherwise; an empty cell differs from a filled one', () => {
    assert.equal(sameLabel('1', '1.0', true), true);
    assert.equal(sameLabel('1', '1.0', false), false);
    assert.equal(sameLabel('Cat', 'cat', false), false);
    assert.equal(sameLabel('', ' ', false), true);
    assert.equal(sameLabel('', 'a', false), false);
  });
});

describe('joinById', () => {
  it('matches in A order by id text, counts one-sided ids and repeated ids', () => {
    const j = joinById(['a', 'b', '__proto__', 'b', 'c'], ['c', '__proto__', 'd', 'c', 'a']);
    assert.deepEqual([[...j.rowsA], [...j.rowsB]], [[0, 2, 4], [4, 1, 0]]);
    assert.deepEqual([j.onlyA, j.onlyAIds, j.onlyB, j.onlyBIds, j.repeatedA, j.repeatedB], [1, ['b'], 1, ['d'], 1, 1]);
  });
});
