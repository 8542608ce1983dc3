import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignClasses } from './classes';
import { computeConfusion, matrixRows, normalizeConfusionRows } from './confusion';
import { encodeColumn } from './fixtures/encode';
import { multiclass, numeric, singleClass, singleLabel } from './fixtures/sklearnReference';

const confusionOf = (labels: readonly string[], predictions: readonly string[]) => {
  const l = encodeColumn(labels);
  const p = encodeColumn(predictions);
  const a = assignClasses(l.dictionary, p.dictionary, l.codes, p.codes);
  return computeConfusion(a.classes, a.truth, a.prediction);
};

describe('computeConfusion (sklearn confusion_matrix)', () => {
  for (const [name, fixture] of Object.entries({ multiclass, numeric, singleClass, singleLabel })) {
    it(`matches scikit-learn: ${name}`, () => {
      const confusion = confusionOf(fixture.labels, fixture.predictions);
      const k = confusion.classes.length;
      assert.deepEqual(matrixRows(confusion.counts, k), fixture.confusion);
      assert.deepEqual(matrixRows(normalizeConfusionRows(confusion), k), fixture.normalized);
      assert.equal(confusion.skipped, fixture.skipped);
      assert.equal(confusion.n, fixture.labels.length - fixture.skipped);
    });
  }

  it('puts labels on rows and predictions on columns', () => {
    const confusion = confusionOf(['a', 'a', 'b'], ['b', 'b', 'b']);
    assert.deepEqual(matrixRows(confusion.counts, 2), [
      [0, 2],
      [0, 1],
    ]);
  });

  it('leaves a row without examples at 0 when normalized (a class absent from the labels)', () => {
    const confusion = confusionOf(multiclass.labels, multiclass.predictions);
    const rows = matrixRows(normalizeConfusionRows(confusion), 4);
    assert.deepEqual(rows[3], [0, 0, 0, 0]);
    assert.ok(rows.flat().every((x) => Number.isFinite(x)));
  });
});
