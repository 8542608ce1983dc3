import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildJudgements, compareCodePoints, sortCategories, validateJudgements } from './judgements';

describe('shared category space', () => {
  it('sorts numerically when every value is a number, else by code point', () => {
    assert.deepEqual(sortCategories(['10', '9', '-1', '2.5', '9']), ['-1', '2.5', '9', '10']);
    assert.deepEqual(sortCategories(['10', '9', 'x']), ['10', '9', 'x']);
    assert.deepEqual(sortCategories(['b', 'B', 'a', 'é']), ['B', 'a', 'b', 'é']);
    // U+FF01 sorts before U+1F600 by code point (UTF-16 units would say the opposite).
    assert.deepEqual(sortCategories(['😀', '！']), ['！', '😀']);
    assert.ok(compareCodePoints('ab', 'a') > 0 && compareCodePoints('', '') === 0);
  });

  it('maps columns with their own dictionaries into one space', () => {
    const j = buildJudgements([
      { codes: Int32Array.of(0, 1, -1, 2), dictionary: ['dog', 'cat', ''], name: 'ann' },
      { codes: Int32Array.of(1, 0, 0, -1), dictionary: ['cat', 'bird'] },
    ]);
    assert.deepEqual(j.categories, ['bird', 'cat', 'dog']);
    assert.deepEqual(j.raterNames, ['ann', 'rater 2']);
    assert.deepEqual([...j.raters[0]], [2, 1, -1, -1]);
    assert.deepEqual([...j.raters[1]], [0, 1, 1, -1]);
    assert.equal(j.itemCount, 4);
  });

  it('rejects columns of different lengths and codes outside the dictionary', () => {
    assert.throws(() => buildJudgements([{ codes: Int32Array.of(0), dictionary: ['a'] }, { codes: Int32Array.of(0, 0), dictionary: ['a'] }]), RangeError);
    assert.throws(() => buildJudgements([{ codes: Int32Array.of(3), dictionary: ['a'] }]), RangeError);
  });

  it('validates hand-built matrices', () => {
    const ok = { itemCount: 2, raters: [Int32Array.of(0, -1)], raterNames: ['a'], categories: ['x'], itemIds: null };
    assert.doesNotThrow(() => validateJudgements(ok));
    assert.throws(() => validateJudgements({ ...ok, raters: [Int32Array.of(0, 1)] }), /outside the categories/);
    assert.throws(() => validateJudgements({ ...ok, raters: [Int32Array.of(0)] }), /1 codes for 2 items/);
  });
});
