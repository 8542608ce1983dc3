import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { metricAxisRange } from './axisRange';

test('a 1.6e-5 difference between two accuracies does not fill the chart', () => {
  const range = metricAxisRange([0.891238, 0.891256], 2000)!;
  const difference = 0.891256 - 0.891238;
  assert.ok(difference / (range.max - range.min) < 0.001, `the difference takes ${((difference / (range.max - range.min)) * 100).toFixed(3)} % of the axis`);
  // 2,000 examples: 4 SE of a proportion near 0.89 is about 0.028.
  assert.ok(Math.abs(range.noiseSpan - 4 * Math.sqrt((0.891247 * 0.108753) / 2000)) < 1e-6);
});

test('a real spread is shown whole, with a margin, inside [0, 1]', () => {
  const range = metricAxisRange([0.6, 0.9], 2000)!;
  assert.ok(range.min < 0.6 && range.min >= 0.5);
  assert.ok(range.max > 0.9 && range.max <= 1);
  const edge = metricAxisRange([0.99, 1], 100)!;
  assert.equal(edge.max, 1);
  assert.ok(edge.min < 0.99);
});

test('losses and other unbounded metrics get 2 % of their size as the least span', () => {
  const range = metricAxisRange([12.5, 12.5001])!;
  assert.ok(range.max - range.min >= 0.25);
});

test('no finite value: no range', () => {
  assert.equal(metricAxisRange([]), undefined);
  assert.equal(metricAxisRange([Number.NaN]), undefined);
});

test('every value is inside the range, and a [0, 1] metric stays in [0, 1]', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }), fc.option(fc.integer({ min: 1, max: 1_000_000 })), (values, n) => {
      const range = metricAxisRange(values, n)!;
      for (const v of values) assert.ok(v >= range.min && v <= range.max);
      assert.ok(range.min >= 0 && range.max <= 1);
      assert.ok(range.max - range.min >= Math.min(1, range.noiseSpan) - 1e-12);
    }),
  );
});
