import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binaryProbabilityColumns, checkProbabilities, classOfProbabilityHeader, matchProbabilityColumns, readProbabilities } from './probabilityColumns';

test('probability headers name their class by prefix or suffix', () => {
  assert.equal(classOfProbabilityHeader('p_cat'), 'cat');
  assert.equal(classOfProbabilityHeader('prob_dog'), 'dog');
  assert.equal(classOfProbabilityHeader('PROBA_1'), '1');
  assert.equal(classOfProbabilityHeader('score_yes'), 'yes');
  assert.equal(classOfProbabilityHeader('cat_prob'), 'cat');
  assert.equal(classOfProbabilityHeader('p_'), undefined);
  assert.equal(classOfProbabilityHeader('prediction'), undefined);
  assert.equal(classOfProbabilityHeader('score'), undefined);
});

test('headers match classes by text, by value for numeric classes, then case-insensitively when unambiguous', () => {
  const headers = ['id', 'label', 'p_cat', 'prob_Dog', 'p_bird', 'p_BIRD'];
  assert.deepEqual(matchProbabilityColumns(headers, ['bird', 'cat', 'dog'], false), { columnOfClass: [4, 2, 3], missing: [] });
  assert.deepEqual(matchProbabilityColumns(headers, ['Bird', 'cat', 'fish'], false), { columnOfClass: [-1, 2, -1], missing: ['Bird', 'fish'] });
  assert.deepEqual(matchProbabilityColumns(['p_0', 'p_1'], ['0.0', '1.0'], true), { columnOfClass: [0, 1], missing: [] });
});

test('class names that are Object.prototype keys are matched as data', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const headers = ['p___proto__', 'p_constructor', 'p_toString', 'hasOwnProperty_prob'];
  const match = matchProbabilityColumns(headers, ['__proto__', 'constructor', 'hasOwnProperty', 'toString'], false);
  assert.deepEqual(match.columnOfClass, [0, 1, 3, 2]);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
});

test('rows with a missing or out-of-range probability are left out; rows not summing to 1 are counted, not renormalized', () => {
  const a = Float64Array.from([0.2, Number.NaN, 1.2, 0.5, 0.3]);
  const b = Float64Array.from([0.8, 0.5, 0.1, 0.4, 0.7]);
  const { probabilities, checks } = readProbabilities([a, b], 5);
  assert.deepEqual([...probabilities.slice(0, 2)], [0.2, 0.8]);
  assert.ok(Number.isNaN(probabilities[2]) && Number.isNaN(probabilities[3]));
  assert.ok(Number.isNaN(probabilities[4]) && Number.isNaN(probabilities[5]));
  assert.deepEqual([...probabilities.slice(6)], [0.5, 0.4, 0.3, 0.7]);
  assert.deepEqual(checks, { notNumber: 1, outOfRange: 1, notSummingToOne: 1, firstNotNumber: 1, firstOutOfRange: 2, firstNotSummingToOne: 3, examples: { notNumber: [1], outOfRange: [2], notSummingToOne: [3] } });
});

test('one P(positive) column gives both classes', () => {
  const [neg, pos] = binaryProbabilityColumns(Float64Array.from([0.25, Number.NaN]), 1);
  assert.deepEqual([neg[0], pos[0]], [0.75, 0.25]);
  assert.ok(Number.isNaN(neg[1]));
});

test('checks count each kind of row problem with its first rows, and a row off by more than 0.01 is kept as it is', () => {
  const a = Float64Array.from([0.5, Number.NaN, 1.2, 0.7, 0.5, 0.3]);
  const b = Float64Array.from([0.5, 0.5, -0.2, 0.2, 0.495, 0.6]);
  const checks = checkProbabilities([a, b], 6);
  assert.deepEqual([checks.notNumber, checks.outOfRange, checks.notSummingToOne], [1, 1, 2]);
  assert.deepEqual(checks.examples, { notNumber: [1], outOfRange: [2], notSummingToOne: [3, 5] });
  const { probabilities } = readProbabilities([a, b], 6);
  assert.deepEqual(Array.from(probabilities.subarray(6, 8)), [0.7, 0.2]);
  assert.ok(Number.isNaN(probabilities[2]) && Number.isNaN(probabilities[4]));
});
