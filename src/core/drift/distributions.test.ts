import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countCategoriesBoth, histogramBoth, MAX_BARS } from './distributions';

test('categories are counted over the union, by value, largest first, missing last', () => {
  const reference = { codes: Int32Array.from([0, 0, 1, -1]), dictionary: ['1', '2'] };
  const current = { codes: Int32Array.from([0, 1, 1, 2]), dictionary: ['1.0', '2', '3'] };
  const pair = countCategoriesBoth(reference, current);
  assert.deepEqual(pair.labels, ['1', '2', '3', '(missing)']);
  assert.deepEqual(pair.reference, [2, 1, 0, 1]);
  assert.deepEqual(pair.current, [1, 2, 1, 0]);
});

test('categories beyond the bars shown are summed into one bar', () => {
  const n = MAX_BARS + 5;
  const dictionary = Array.from({ length: n }, (_, i) => `c${i}`);
  const codes = Int32Array.from({ length: n }, (_, i) => i);
  const pair = countCategoriesBoth({ codes, dictionary }, { codes, dictionary });
  assert.equal(pair.labels.length, MAX_BARS);
  assert.equal(pair.labels.at(-1), '(6 other)');
  assert.equal(pair.reference.reduce((a, b) => a + b, 0), n);
});

test('histograms share their bins; missing values are left out; whole numbers get whole bins', () => {
  const pair = histogramBoth(Float64Array.from([0, 0.5, 1, Number.NaN]), Float64Array.from([1, 1]), 2);
  assert.deepEqual(pair.labels, ['0 – 0.5', '0.5 – 1']);
  assert.deepEqual(pair.reference, [1, 2]);
  assert.deepEqual(pair.current, [0, 2]);
  const whole = histogramBoth(Float64Array.from([27, 29, 35]), Float64Array.from([27]), 20);
  assert.deepEqual(whole.labels, ['27', '28', '29', '30', '31', '32', '33', '34', '35']);
  assert.deepEqual(whole.reference, [1, 0, 1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(histogramBoth(Float64Array.from([Number.NaN]), Float64Array.from([])).labels, []);
});
