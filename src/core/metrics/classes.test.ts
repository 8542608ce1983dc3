import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignClasses, classLabels, compareCodePoints, countSkipped, isFiniteNumberText } from './classes';
import { encodeColumn } from './fixtures/encode';

const assign = (labels: string[], predictions: string[]) => {
  const l = encodeColumn(labels);
  const p = encodeColumn(predictions);
  return assignClasses(l.dictionary, p.dictionary, l.codes, p.codes);
};

describe('classLabels', () => {
  it('is the sorted union of label and prediction values', () => {
    const a = assign(['cat', 'dog', 'bird'], ['cat', 'fox', 'dog']);
    assert.deepEqual(a.classes, ['bird', 'cat', 'dog', 'fox']);
    assert.equal(a.numeric, false);
    assert.deepEqual([...a.truth], [1, 2, 0]);
    assert.deepEqual([...a.prediction], [1, 3, 2]);
    assert.equal(a.skipped, 0);
  });

  it('sorts numeric-looking classes by value, as unique_labels does on numbers', () => {
    const a = assign(['2', '10', '1'], ['1', '2', '10']);
    assert.deepEqual(a.classes, ['1', '2', '10']);
    assert.equal(a.numeric, true);
    assert.deepEqual([...a.truth], [1, 2, 0]);
  });

  it('merges spellings of one number, as pandas reads "1" and "1.0" as 1.0', () => {
    const a = assign(['1', '2', '1.0'], ['1.0', '2.00', '1']);
    assert.deepEqual(a.classes, ['1', '2']);
    assert.deepEqual([...a.truth], [0, 1, 0]);
    assert.deepEqual([...a.prediction], [0, 1, 0]);
  });

  it('sorts as strings as soon as one value is not a number', () => {
    const a = assign(['2', '10', '1'], ['1', 'n/a', '10']);
    assert.deepEqual(a.classes, ['1', '10', '2', 'n/a']);
    assert.equal(a.numeric, false);
  });

  it('decides numeric-ness on every value, also those of skipped rows', () => {
    // pandas reads the whole column: "x" makes it text even in a row without a prediction.
    const a = assign(['2', '10', 'x'], ['2', '10', '']);
    assert.deepEqual(a.classes, ['10', '2']);
  });

  it('leaves out rows with an empty label or prediction, and values seen only there', () => {
    const a = assign(['a', '', 'b', 'c'], ['a', 'b', '', 'a']);
    assert.deepEqual(a.classes, ['a', 'c']);
    assert.equal(a.skipped, 2);
    assert.deepEqual([...a.truth], [0, -1, -1, 1]);
    assert.deepEqual([...a.prediction], [0, -1, -1, 0]);
    assert.equal(countSkipped(a.truth, a.prediction), 2);
  });

  it('maps every dictionary code, -1 for values that are not classes', () => {
    const space = classLabels(['b', 'a', 'zz'], ['a', 'b'], Int32Array.of(0, 1, 2), Int32Array.of(1, 0, -1));
    assert.deepEqual(space.classes, ['a', 'b']);
    assert.deepEqual([...space.labelClassOfCode], [1, 0, -1]);
    assert.deepEqual([...space.predictionClassOfCode], [0, 1]);
  });

  it('orders strings by code point like Python, not by UTF-16 unit', () => {
    const astral = '\u{1F600}';
    const fullwidth = '\uFF01';
    assert.ok(astral < fullwidth, 'JS compares UTF-16 units');
    assert.ok(compareCodePoints(fullwidth, astral) < 0);
    assert.deepEqual(assign([astral, fullwidth, 'B', 'a'], [astral, fullwidth, 'B', 'a']).classes, ['B', 'a', fullwidth, astral]);
    assert.ok(compareCodePoints('ab', 'abc') < 0);
    assert.equal(compareCodePoints('x', 'x'), 0);
  });

  it('reads numbers as pandas does', () => {
    for (const yes of ['1', ' 1', '1 ', '+1', '-0', '00', '.5', '1.', '1e3', '1E+3', '-2.5e-3']) assert.ok(isFiniteNumberText(yes), yes);
    for (const no of ['', ' ', '0x10', '1_000', '1d3', 'inf', 'nan', 'NaN', '1,5', '١', '1e999']) assert.ok(!isFiniteNumberText(no), no);
  });

  it('handles an empty file', () => {
    const a = assign([], []);
    assert.deepEqual(a.classes, []);
    assert.equal(a.skipped, 0);
  });
});
