/**
 * Agreement, HLP and metrics on files that spell one class several ways, against pandas,
 * statsmodels and scikit-learn (fixtures/reference.py): a labeler column written `6` and another
 * written `6.0` give the figures pandas' reading gives.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgementsOfDataset } from '../agreement/fromDataset';
import { summarizeAgreement } from '../agreement/summary';
import { computeModelMetrics, resolveMetricColumns } from '../audit/modelMetrics';
import type { Dataset } from '../dataset/dataset';
import { DatasetLoader } from '../dataset/loader';
import { VALUE_REFERENCE, type ValueReferenceCase } from './fixtures/valueReference';

function load(c: ValueReferenceCase, labelers = c.labelers): Dataset {
  const roles: Record<string, 'label' | 'prediction' | 'labeler' | 'other'> = { id: 'other', label: 'label', prediction: 'prediction' };
  for (const name of c.labelers) roles[name] = labelers.includes(name) ? 'labeler' : 'other';
  const loader = new DatasetLoader({ roles });
  loader.push(new TextEncoder().encode(c.csv));
  return loader.end();
}

const close = (actual: number | null, expected: number | null, what: string) => {
  if (expected === null) return assert.equal(actual, null, what);
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} vs ${expected}`);
};

describe('values read as pandas reads them (reference: statsmodels, scikit-learn)', () => {
  for (const c of VALUE_REFERENCE) {
    describe(c.name, () => {
      const dataset = load(c);
      const judgements = judgementsOfDataset(dataset)!;
      const s = summarizeAgreement(judgements, { replicates: 0 });

      it("gives statsmodels' Fleiss kappa on the items with the most common label count", () => {
        close(s.fleissKappa, c.fleissKappa, 'Fleiss');
        assert.equal(s.fleissItems, c.fleissItems);
        assert.equal(s.fleissLabelsPerItem, c.fleissLabelsPerItem);
      });

      it("gives Krippendorff's alpha (nominal, missing labels) of the coincidence matrix", () => {
        close(s.krippendorffAlpha, c.krippendorffAlpha, 'alpha');
      });

      it("gives scikit-learn's Cohen kappa for every pair of labelers", () => {
        assert.equal(s.cohen.length, c.cohen.length);
        for (const expected of c.cohen) {
          const actual = s.cohen.find((k) => k.a === expected.a && k.b === expected.b)!;
          assert.equal(actual.n, expected.n, `${expected.a}/${expected.b} n`);
          close(actual.kappa, expected.kappa, `${expected.a}/${expected.b}`);
        }
      });

      it('gives the leave-one-out HLP of its definition', () => {
        close(s.hlp, c.hlp, 'HLP');
      });

      it("gives scikit-learn's accuracy and confusion matrix", () => {
        const columns = resolveMetricColumns(dataset);
        assert.ok(typeof columns !== 'string');
        const m = computeModelMetrics(dataset, columns);
        close(m.accuracy, c.accuracy, 'accuracy');
        assert.equal(m.labels.length, c.classCount);
        assert.deepEqual(m.confusion, c.confusion);
      });

      it('does not depend on the order of the labeler columns', () => {
        const reversed = judgementsOfDataset(dataset, [...c.labelers].reverse())!;
        const r = summarizeAgreement(reversed, { replicates: 0 });
        assert.deepEqual(reversed.categories, judgements.categories);
        close(r.krippendorffAlpha, s.krippendorffAlpha, 'alpha');
        close(r.fleissKappa, s.fleissKappa, 'Fleiss');
        close(r.hlp, s.hlp, 'HLP');
      });
    });
  }

  it('merges 6 and 6.0 into one class, so no ambiguous pair is two spellings of one number', () => {
    const c = VALUE_REFERENCE.find((r) => r.name === 'numeric spellings')!;
    const s = summarizeAgreement(judgementsOfDataset(load(c))!, { replicates: 0 });
    assert.deepEqual(judgementsOfDataset(load(c))!.categories, ['1', '2', '3', '6']);
    for (const pair of s.ambiguousPairs) assert.notEqual(Number(pair.a), Number(pair.b), `${pair.a} / ${pair.b}`);
    assert.deepEqual(s.warnings, []);
  });

  it('keeps look-alike text classes apart, as scikit-learn does, and says so', () => {
    const c = VALUE_REFERENCE.find((r) => r.name === 'look-alike text')!;
    const dataset = load(c);
    const s = summarizeAgreement(judgementsOfDataset(dataset)!, { replicates: 0 });
    const columns = resolveMetricColumns(dataset);
    assert.ok(typeof columns !== 'string');
    const m = computeModelMetrics(dataset, columns);
    for (const warnings of [s.warnings, m.warnings]) {
      assert.equal(warnings.length, 2, warnings.join('\n'));
      assert.equal(warnings[0], 'classes " cat" (labeler_2), "Cat" (prediction) and "cat" (label, prediction, labeler_1, labeler_2, labeler_3) differ only in surrounding whitespace and letter case: they are counted as 3 different classes. If they mean one class, write them the same way.');
      assert.match(warnings[1], /^classes "cafe\\u0301" \(labeler_3\) and "café" \(label, prediction, labeler_1, labeler_2, labeler_3\) differ only in Unicode normalization/);
    }
  });
});
