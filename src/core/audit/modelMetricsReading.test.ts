/** The PR curve of a binary file is on the scale the score was read (scikit-learn's precision_recall_curve, fixtures/scoreReadingReference.py). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DatasetLoader } from '../dataset/loader';
import * as reference from '../metrics/fixtures/scoreReadingReference';
import { computeModelMetrics, resolveMetricColumns } from './modelMetrics';

function metricsOf(csv: string, positive: string) {
  const loader = new DatasetLoader({ headBytes: 64, roles: { label: 'label', prediction: 'prediction', score: 'score' } });
  loader.push(new TextEncoder().encode(csv));
  const dataset = loader.end();
  const columns = resolveMetricColumns(dataset, {});
  assert.ok(typeof columns !== 'string', String(columns));
  return computeModelMetrics(dataset, columns, { positiveClass: positive });
}

describe('PR curve on the scale read', () => {
  for (const [name, fixture] of Object.entries({ integerPercent: reference.integerPercent, logitPositive: reference.logitPositive, logitNegated: reference.logitNegated, notNumbers: reference.notNumbers })) {
    it(name, () => {
      const b = metricsOf(fixture.csv, fixture.positive).binary!;
      assert.equal(b.positiveChosenBy, 'given');
      assert.deepEqual(b.curve.thresholds, fixture.pr.thresholds);
      assert.equal(b.curve.precision.length, fixture.pr.precision.length);
      b.curve.precision.forEach((p, i) => assert.ok(Math.abs(p - fixture.pr.precision[i]!) < 1e-12, `precision[${i}]`));
      b.curve.recall.forEach((r, i) => assert.ok(Math.abs(r - fixture.pr.recall[i]!) < 1e-12, `recall[${i}]`));
    });
  }

  it('without a chosen class the positive class is the minority of the labels, and says so', () => {
    const b = metricsOf(reference.logitNegated.csv, 'not a class').binary!;
    assert.deepEqual([b.positive, b.positiveChosenBy], ['yes', 'minority']);
  });
});
