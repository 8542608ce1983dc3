import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelFixEffect } from './labelFixEffect';

test('a fix to the label the row already has changes nothing and is not counted', () => {
  const labels = ['yes', 'no', 'yes'];
  const rows = new Map([['a', 0], ['b', 1], ['c', 2]]);
  const effect = labelFixEffect([['a', 'yes'], ['b', 'yes'], ['gone', 'no'], ['c', 'no']], (id) => rows.get(id), (row) => labels[row]);
  assert.deepEqual(effect, { changing: [['b', 'yes'], ['c', 'no']], unchanged: 1, missing: ['gone'] });
});

test('labels are compared as the cell text: "6" over "6.0" changes the cell', () => {
  const effect = labelFixEffect([['a', '6']], () => 0, () => '6.0');
  assert.equal(effect.changing.length, 1);
});
