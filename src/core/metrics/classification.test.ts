import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { assignClasses } from './classes';
import { classificationReport, macroF1FromCounts, scoresFromCounts, type ClassificationReport } from './classification';
import { computeConfusion } from './confusion';
import { encodeColumn } from './fixtures/encode';
import { multiclass, numeric, singleClass, singleLabel } from './fixtures/sklearnReference';

const TOLERANCE = 1e-12;

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= TOLERANCE, `${what}: ${actual} != ${expected}`);
}

function reportOf(labels: readonly string[], predictions: readonly string[]): ClassificationReport {
  const l = encodeColumn(labels);
  const p = encodeColumn(predictions);
  const a = assignClasses(l.dictionary, p.dictionary, l.codes, p.codes);
  return classificationReport(computeConfusion(a.classes, a.truth, a.prediction));
}

function reportOfIndices(truth: Int32Array, prediction: Int32Array, k: number): ClassificationReport {
  const classes = Array.from({ length: k }, (_, i) => `c${i}`);
  return classificationReport(computeConfusion(classes, truth, prediction));
}

describe('classificationReport (sklearn precision_recall_fscore_support, zero_division=0)', () => {
  for (const [name, fixture] of Object.entries({ multiclass, numeric, singleClass, singleLabel })) {
    it(`matches scikit-learn: ${name}`, () => {
      const report = reportOf(fixture.labels, fixture.predictions);
      assert.deepEqual(
        report.classes.map((c) => Number.isNaN(Number(c.label)) ? c.label : Number(c.label)),
        fixture.classes.map((c) => Number.isNaN(Number(c)) ? c : Number(c)),
      );
      report.classes.forEach((c, i) => {
        close(c.precision, fixture.precision[i], `${c.label} precision`);
        close(c.recall, fixture.recall[i], `${c.label} recall`);
        close(c.f1, fixture.f1[i], `${c.label} f1`);
        assert.equal(c.support, fixture.support[i]);
      });
      close(report.accuracy, fixture.accuracy, 'accuracy');
      for (const average of ['micro', 'macro', 'weighted'] as const) {
        const expected = fixture.averages[average];
        close(report[average].precision, expected.precision, `${average} precision`);
        close(report[average].recall, expected.recall, `${average} recall`);
        close(report[average].f1, expected.f1, `${average} f1`);
      }
      assert.equal(report.skipped, fixture.skipped);
    });
  }

  it('flags a class never predicted and a class absent from the labels', () => {
    const report = reportOf(multiclass.labels, multiclass.predictions);
    const byLabel = new Map(report.classes.map((c) => [c.label, c]));
    const bird = byLabel.get('bird')!; // in the labels, never predicted
    assert.deepEqual(bird.zeroDivision, { precision: true, recall: false, f1: true });
    assert.equal(bird.precision, 0);
    assert.equal(bird.predicted, 0);
    const fox = byLabel.get('fox')!; // predicted, never in the labels
    assert.deepEqual(fox.zeroDivision, { precision: false, recall: true, f1: true });
    assert.equal(fox.support, 0);
    assert.deepEqual(byLabel.get('cat')!.zeroDivision, { precision: false, recall: false, f1: false });
    assert.deepEqual(report.macro.zeroDivision, { precision: true, recall: true, f1: true });
    // fox has weight 0 in the weighted average, so its undefined recall does not count.
    assert.deepEqual(report.weighted.zeroDivision, { precision: true, recall: false, f1: true });
    assert.deepEqual(report.micro.zeroDivision, { precision: false, recall: false, f1: false });
  });

  it('reports a single-class file with no flags', () => {
    const report = reportOf(singleClass.labels, singleClass.predictions);
    assert.equal(report.classes.length, 1);
    assert.deepEqual(report.classes[0].zeroDivision, { precision: false, recall: false, f1: false });
    assert.equal(report.accuracy, 1);
  });

  it('gives zeros with every flag raised, never NaN, when no row is scored', () => {
    const report = reportOf(['a', ''], ['', 'b']);
    assert.equal(report.n, 0);
    assert.equal(report.skipped, 2);
    assert.equal(report.accuracy, 0);
    for (const average of [report.micro, report.macro, report.weighted]) {
      assert.deepEqual([average.precision, average.recall, average.f1], [0, 0, 0]);
      assert.deepEqual(average.zeroDivision, { precision: true, recall: true, f1: true });
    }
  });

  it('computes scores from counts', () => {
    assert.deepEqual(scoresFromCounts(3, 4, 6), {
      precision: 0.75,
      recall: 0.5,
      f1: 0.6,
      zeroDivision: { precision: false, recall: false, f1: false },
    });
    assert.deepEqual(scoresFromCounts(0, 0, 2).zeroDivision, { precision: true, recall: false, f1: true });
  });

  it('averages macro F1 only over classes present in the counts', () => {
    // Group 1 of two groups, three classes; class 2 absent from that group.
    const tp = [0, 0, 0, 2, 1, 0];
    const support = [0, 0, 0, 3, 1, 0];
    const predicted = [0, 0, 0, 2, 2, 0];
    close(macroF1FromCounts(tp, support, predicted, 3, 3), (0.8 + 2 / 3) / 2, 'macro F1');
    assert.equal(macroF1FromCounts(tp, support, predicted, 0, 3), 0);
  });

  it('keeps averages in [0, 1] and micro F1 equal to accuracy (property)', () => {
    const rows = fc.integer({ min: 1, max: 6 }).chain((k) =>
      fc.tuple(
        fc.constant(k),
        fc.array(fc.tuple(fc.integer({ min: -1, max: k - 1 }), fc.integer({ min: -1, max: k - 1 })), { maxLength: 60 }),
      ),
    );
    fc.assert(
      fc.property(rows, ([k, pairs]) => {
        const truth = Int32Array.from(pairs, (p) => p[0]);
        const prediction = Int32Array.from(pairs, (p) => p[1]);
        const report = reportOfIndices(truth, prediction, k);
        const scored = pairs.filter(([t, p]) => t >= 0 && p >= 0);
        assert.equal(report.n, scored.length);
        assert.equal(report.skipped, pairs.length - scored.length);
        const correct = scored.filter(([t, p]) => t === p).length;
        assert.equal(report.accuracy, scored.length === 0 ? 0 : correct / scored.length);
        assert.ok(Math.abs(report.micro.f1 - report.accuracy) <= 1e-15);
        assert.equal(report.micro.precision, report.accuracy);
        assert.equal(report.micro.recall, report.accuracy);
        for (const average of [report.macro, report.weighted, report.micro]) {
          for (const x of [average.precision, average.recall, average.f1]) assert.ok(x >= 0 && x <= 1 + 1e-15, `${x}`);
        }
        for (const c of report.classes) {
          for (const x of [c.precision, c.recall, c.f1]) assert.ok(Number.isFinite(x) && x >= 0 && x <= 1);
          assert.equal(c.zeroDivision.precision, c.predicted === 0);
          assert.equal(c.zeroDivision.recall, c.support === 0);
        }
        assert.equal(
          report.classes.reduce((sum, c) => sum + c.support, 0),
          scored.length,
        );
      }),
      { numRuns: 300 },
    );
  });
});
