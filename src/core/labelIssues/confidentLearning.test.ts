import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findLabelIssues, type ConfidentLearningInput } from './confidentLearning';
import { confidentLearningCases } from './fixtures/confidentLearningReference';

function inputOf(c: { classCount: number; given: number[]; probabilities: number[] }): ConfidentLearningInput {
  return { classCount: c.classCount, given: Int32Array.from(c.given), probabilities: Float64Array.from(c.probabilities) };
}

for (const [name, reference] of Object.entries(confidentLearningCases)) {
  test(`confident learning equals the independent reference on ${name} (out-of-sample probabilities, flipped labels)`, () => {
    const result = findLabelIssues(inputOf(reference));
    assert.equal(result.used, reference.given.length);
    assert.equal(result.leftOut, 0);
    result.thresholds.forEach((t, j) => assert.ok(Math.abs(t - reference.thresholds[j]) < 1e-12, `threshold ${j}`));
    assert.deepEqual(result.confidentJoint, reference.confidentJoint);
    assert.deepEqual(
      result.issues.map((e) => [e.row, e.given, e.suggested]),
      reference.issues.map((e) => [e.row, e.given, e.suggested]),
    );
    result.issues.forEach((e, i) => {
      assert.ok(Math.abs(e.selfConfidence - reference.issues[i].selfConfidence) < 1e-12);
      assert.ok(Math.abs(e.normalizedMargin - reference.issues[i].normalizedMargin) < 1e-12);
    });
    const found = result.issues.filter((e) => reference.flipped.includes(e.row)).length;
    assert.ok(found >= reference.flipped.length / 2, `found ${found} of ${reference.flipped.length} flipped labels`);
  });
}

test('rows with a missing label or a missing probability are left out and counted', () => {
  const result = findLabelIssues({
    classCount: 2,
    given: Int32Array.from([0, 1, -1, 0, 1]),
    probabilities: Float64Array.from([0.9, 0.1, 0.2, 0.8, 0.5, 0.5, Number.NaN, 0.3, 0.1, 0.9]),
  });
  assert.equal(result.used, 3);
  assert.equal(result.leftOut, 2);
  assert.equal(result.likely[2], -1);
  assert.equal(result.likely[3], -1);
  assert.deepEqual([...result.thresholds], [0.9, (0.8 + 0.9) / 2]);
});

test('a label the model ranks first is never an issue, even in an off-diagonal cell', () => {
  // Row 2: given 0, p = (0.45, 0.4, 0.15); class 1's threshold is low, so class 1 is the only confident class.
  const result = findLabelIssues({
    classCount: 3,
    given: Int32Array.from([0, 1, 0, 2]),
    probabilities: Float64Array.from([0.9, 0.05, 0.05, 0.3, 0.35, 0.35, 0.45, 0.4, 0.15, 0.1, 0.1, 0.8]),
  });
  assert.equal(result.likely[2], 1);
  assert.equal(result.confidentJoint[0][1], 1);
  assert.equal(result.isIssue[2], 0);
  assert.deepEqual(result.issues, []);
});

test('with several confident classes the arg-max wins, first index on a tie; a class no row carries is never confident', () => {
  const result = findLabelIssues({
    classCount: 3,
    given: Int32Array.from([0, 1, 1]),
    probabilities: Float64Array.from([0.5, 0.5, 0, 0.2, 0.8, 0, 0.6, 0.4, 0]),
  });
  assert.ok(Number.isNaN(result.thresholds[2]));
  // Row 0: both 0 and 1 confident, tie → class 0. Row 2: given 1 (threshold 0.6), p1 = 0.4 not confident; class 0 confident.
  assert.equal(result.likely[0], 0);
  assert.equal(result.likely[2], 0);
  assert.deepEqual(result.issues.map((e) => [e.row, e.suggested, e.normalizedMargin]), [[2, 0, 0.4 - 0.6]]);
});

const smallCase = fc
  .record({ k: fc.integer({ min: 2, max: 4 }), n: fc.integer({ min: 1, max: 40 }) })
  .chain(({ k, n }) =>
    fc.record({
      k: fc.constant(k),
      given: fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: n, maxLength: n }),
      raw: fc.array(fc.array(fc.integer({ min: 1, max: 20 }), { minLength: k, maxLength: k }), { minLength: n, maxLength: n }),
      permutation: fc.shuffledSubarray([...Array(k).keys()], { minLength: k, maxLength: k }),
    }),
  );

function probabilitiesOf(raw: number[][]): number[] {
  return raw.flatMap((row) => {
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((v) => v / sum);
  });
}

test('renaming the classes (a permutation of their order) changes nothing but the names', () => {
  fc.assert(
    fc.property(smallCase, ({ k, given, raw, permutation }) => {
      const p = probabilitiesOf(raw);
      const before = findLabelIssues(inputOf({ classCount: k, given, probabilities: p }));
      // Class j becomes class permutation[j]; ties in the arg-max depend on order, so keep rows without ties.
      const permuted = new Array<number>(p.length);
      given.forEach((_, i) => permutation.forEach((to, from) => (permuted[i * k + to] = p[i * k + from])));
      const after = findLabelIssues(inputOf({ classCount: k, given: given.map((g) => permutation[g]), probabilities: permuted }));
      const tied = (i: number): boolean => new Set(raw[i]).size < k;
      for (let i = 0; i < given.length; i++) {
        if (tied(i)) continue;
        assert.equal(after.likely[i], before.likely[i] < 0 ? -1 : permutation[before.likely[i]]);
        assert.equal(after.isIssue[i], before.isIssue[i]);
      }
    }),
  );
});

test('duplicating every row doubles the confident joint and keeps the thresholds', () => {
  fc.assert(
    fc.property(smallCase, ({ k, given, raw }) => {
      const p = probabilitiesOf(raw);
      const once = findLabelIssues(inputOf({ classCount: k, given, probabilities: p }));
      const twice = findLabelIssues(inputOf({ classCount: k, given: [...given, ...given], probabilities: [...p, ...p] }));
      once.thresholds.forEach((t, j) => assert.ok(Number.isNaN(t) ? Number.isNaN(twice.thresholds[j]) : Math.abs(t - twice.thresholds[j]) < 1e-12));
      const counted = (r: typeof once, g: number, t: number): number => {
        let n = 0;
        for (let i = 0; i < r.likely.length; i++) if (r.likely[i] === t && [...given, ...given][i] === g) n++;
        return n;
      };
      for (let g = 0; g < k; g++) for (let t = 0; t < k; t++) assert.equal(counted(twice, g, t), 2 * counted(once, g, t));
      for (let g = 0; g < k; g++) for (let t = 0; t < k; t++) if (g !== t) assert.equal(twice.confidentJoint[g][t], 2 * once.confidentJoint[g][t]);
      assert.equal(twice.issues.length, 2 * once.issues.length);
    }),
  );
});
