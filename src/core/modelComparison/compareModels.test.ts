import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareGroup, compareModels, Outcome, rowsByCode } from './compareModels';
import { twoModelsReference as ref } from './fixtures/statsReference';

const classes = Array.from({ length: 10 }, (_, i) => String(i));
const near = (a: number | null, b: number, what: string): void => assert.ok(a !== null && Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

test('two models on digits: counts, McNemar, accuracy, macro F1 and per-class recall equal statsmodels, scikit-learn and pandas', () => {
  const c = compareModels(classes, Int32Array.from(ref.truth), Int32Array.from(ref.a), Int32Array.from(ref.b));
  assert.deepEqual([c.n, c.bothRight, c.fixed, c.broken, c.bothWrong, c.skipped], [ref.truth.length, ref.bothRight, ref.fixed, ref.broken, ref.bothWrong, 0]);
  near(c.accuracyA, ref.accuracyA, 'accuracy A');
  near(c.accuracyB, ref.accuracyB, 'accuracy B');
  near(c.macroF1A, ref.macroF1A, 'macro F1 A');
  near(c.macroF1B, ref.macroF1B, 'macro F1 B');
  c.perClass.forEach((r, k) => {
    near(r.recallA, ref.recallA[k], `recall A ${k}`);
    near(r.recallB, ref.recallB[k], `recall B ${k}`);
  });
  assert.ok(Math.abs(c.mcnemar.exactP - ref.exactP) <= 1e-9 * ref.exactP);
  const buckets = rowsByCode(Int32Array.from(ref.bucket), 4);
  ref.perSlice.forEach((s) => {
    const g = compareGroup(c.outcomes, buckets[s.bucket]);
    assert.equal(g.n, s.n);
    near(g.accuracyA, s.accuracyA, 'slice accuracy A');
    near(g.accuracyB, s.accuracyB, 'slice accuracy B');
    near(g.delta, s.delta, 'slice delta');
  });
});

test('rows missing the label or either prediction count for neither model', () => {
  const c = compareModels(['x', 'y'], Int32Array.from([0, 0, 1, -1, 1]), Int32Array.from([0, 1, -1, 0, 1]), Int32Array.from([1, 1, 1, 0, 0]));
  assert.deepEqual([c.n, c.skipped, c.bothRight, c.fixed, c.broken, c.bothWrong], [3, 2, 0, 0, 2, 1]);
  assert.equal(c.accuracyA, 2 / 3);
  assert.equal(c.accuracyB, 0);
  assert.deepEqual([...c.outcomes], [Outcome.Broken, Outcome.BothWrong, Outcome.Skipped, Outcome.Skipped, Outcome.Broken]);
  assert.deepEqual(compareGroup(c.outcomes, []), { n: 0, bothRight: 0, fixed: 0, broken: 0, bothWrong: 0, accuracyA: null, accuracyB: null, delta: null, small: true });
});

test('swapping A and B swaps fixed and broken, negates every delta and keeps the p-values', () => {
  const rows = fc.array(fc.tuple(fc.integer({ min: -1, max: 2 }), fc.integer({ min: -1, max: 2 }), fc.integer({ min: -1, max: 2 })), { maxLength: 60 });
  fc.assert(
    fc.property(rows, (r) => {
      const t = Int32Array.from(r, (x) => x[0]);
      const a = Int32Array.from(r, (x) => x[1]);
      const b = Int32Array.from(r, (x) => x[2]);
      const ab = compareModels(['p', 'q', 'r'], t, a, b);
      const ba = compareModels(['p', 'q', 'r'], t, b, a);
      assert.deepEqual([ab.fixed, ab.broken, ab.bothRight, ab.bothWrong], [ba.broken, ba.fixed, ba.bothRight, ba.bothWrong]);
      assert.deepEqual(ab.mcnemar, ba.mcnemar);
      const all = [...Array(r.length).keys()];
      const [g, h] = [compareGroup(ab.outcomes, all), compareGroup(ba.outcomes, all)];
      if (g.delta !== null) assert.ok(Math.abs(g.delta + h.delta!) < 1e-12);
    }),
  );
});
