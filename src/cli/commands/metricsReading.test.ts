/** `loupe metrics` against scikit-learn on files whose scores are integer percents, logits (both orientations) or not numbers (fixtures/scoreReadingReference.py). */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as reference from '../../core/metrics/fixtures/scoreReadingReference';
import { runMetrics } from './metrics';

type Case = (typeof reference)['integerPercent'];
const CASES: [string, Case][] = [['integerPercent', reference.integerPercent], ['logitPositive', reference.logitPositive], ['logitNegated', reference.logitNegated], ['notNumbers', reference.notNumbers]];

const TOLERANCE = 1e-12;

function file(csv: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-score-reading-'));
  writeFileSync(path.join(dir, 'labels.csv'), csv);
  return path.join(dir, 'labels.csv');
}

function close(actual: number | null, expected: number | null, what: string): void {
  assert.ok(actual !== null && expected !== null && Math.abs(actual - expected) <= TOLERANCE, `${what}: ${actual} != ${expected}`);
}

interface Json {
  rows: number;
  n: number;
  leftOut: Case['leftOut'];
  binary: {
    positive: string;
    scoreScale: string;
    scoreReadAs: string;
    scoreReading: string;
    rankingRows: number;
    positives: number;
    negatives: number;
    scoreCells: { empty: number; notANumber: number };
    rocAuc: number;
    averagePrecision: number;
    bestF1: number;
    bestF1Threshold: number;
    atThreshold: Case['atThreshold'][number] & { zeroDivision: { f1: boolean } };
  };
}

async function metricsOf(csvFile: string, fixture: Case, threshold?: number): Promise<Json> {
  return JSON.parse(await runMetrics(csvFile, { json: true, positive: fixture.positive, threshold })) as Json;
}

describe('loupe metrics reads scores as DOMAIN §1 says (scikit-learn reference)', () => {
  for (const [name, fixture] of CASES) {
    it(`${name}: scale, reading, rows used, ROC AUC, AP and best F1`, async () => {
      const m = await metricsOf(file(fixture.csv), fixture);
      assert.deepEqual([m.rows, m.n, m.leftOut], [fixture.rows, fixture.n, fixture.leftOut]);
      const b = m.binary;
      assert.deepEqual([b.positive, b.scoreScale, b.scoreReadAs], [fixture.positive, fixture.scoreScale, fixture.scoreReadAs]);
      assert.deepEqual([b.rankingRows, b.positives, b.negatives], [fixture.rankingRows, fixture.positives, fixture.negatives]);
      assert.deepEqual([b.scoreCells.empty, b.scoreCells.notANumber], [fixture.scoreCells.empty, fixture.scoreCells.notANumber]);
      close(b.rocAuc, fixture.rocAuc, 'ROC AUC');
      close(b.averagePrecision, fixture.averagePrecision, 'average precision');
      close(b.bestF1, fixture.bestF1.f1, 'best F1');
      assert.equal(b.bestF1Threshold, fixture.bestF1.threshold, 'best-F1 threshold on the scale read');
    });

    it(`${name}: confusion counts, precision, recall and F1 at --threshold, on the scale read`, async () => {
      const csvFile = file(fixture.csv);
      for (const expected of fixture.atThreshold) {
        const t = (await metricsOf(csvFile, fixture, expected.threshold)).binary.atThreshold;
        const what = `${name} at ${expected.threshold}`;
        assert.equal(t.threshold, expected.threshold);
        assert.deepEqual([t.truePositives, t.falsePositives, t.falseNegatives, t.trueNegatives], [expected.truePositives, expected.falsePositives, expected.falseNegatives, expected.trueNegatives], what);
        close(t.precision, expected.precision, `${what}: precision`);
        close(t.recall, expected.recall, `${what}: recall`);
        close(t.f1, expected.f1, `${what}: F1`);
        assert.deepEqual([t.zeroDivision.precision, t.zeroDivision.recall], [expected.zeroDivision.precision, expected.zeroDivision.recall], `${what}: zero-division flags`);
      }
    });
  }

  it('the default threshold is 0.5 for a probability or percent and 0 for a logit (where it matches the predictions)', async () => {
    assert.equal((await metricsOf(file(reference.integerPercent.csv), reference.integerPercent)).binary.atThreshold.threshold, 0.5);
    for (const fixture of [reference.logitPositive, reference.logitNegated]) {
      const m = await metricsOf(file(fixture.csv), fixture);
      assert.equal(m.binary.atThreshold.threshold, 0);
    }
  });

  it('the text output says how the score was read and gives the figures at --threshold', async () => {
    const text = await runMetrics(file(reference.logitNegated.csv), { json: false, positive: 'yes', threshold: 0.2 });
    assert.match(text, /score: score read as a logit or margin for the other class, negated: score for yes = −score/);
    const t = reference.logitNegated.atThreshold.find((a) => a.threshold === 0.2)!;
    assert.ok(text.includes(`at threshold 0.2: TP ${t.truePositives}, FP ${t.falsePositives}, FN ${t.falseNegatives}, TN ${t.trueNegatives}`), text);
    const percent = await runMetrics(file(reference.integerPercent.csv), { json: false, positive: 'yes' });
    assert.match(percent, /score read as a percent: P\(yes\) = score \/ 100/);
  });
});

describe('loupe metrics --json: zero-division flags per class, as scikit-learn warns', () => {
  it('names the classes whose precision or recall had a zero denominator, and the figures match', async () => {
    const fixture = reference.zeroDivision;
    const m = JSON.parse(await runMetrics(file(fixture.csv), { json: true })) as {
      labels: string[];
      perClass: { label: string; precision: number; recall: number; f1: number; support: number; zeroDivision: { precision: boolean; recall: boolean; f1: boolean } }[];
      zeroDivision: { precision: string[]; recall: string[]; f1: string[] };
      macro: { zeroDivision: { precision: boolean; recall: boolean } };
      binary: unknown;
    };
    assert.deepEqual(m.labels, fixture.classes);
    m.perClass.forEach((c, i) => {
      close(c.precision, fixture.precision[i], `${c.label} precision`);
      close(c.recall, fixture.recall[i], `${c.label} recall`);
      close(c.f1, fixture.f1[i], `${c.label} F1`);
      assert.equal(c.support, fixture.support[i]);
      assert.deepEqual([c.zeroDivision.precision, c.zeroDivision.recall], [fixture.zeroDivision.precision.includes(c.label), fixture.zeroDivision.recall.includes(c.label)]);
    });
    assert.deepEqual([m.zeroDivision.precision, m.zeroDivision.recall], [fixture.zeroDivision.precision, fixture.zeroDivision.recall]);
    assert.deepEqual(m.zeroDivision.f1, ['bird', 'fox'], 'F1 is ill-defined where precision or recall is');
    assert.deepEqual([m.macro.zeroDivision.precision, m.macro.zeroDivision.recall], [true, true]);
    assert.equal(m.binary, null);
  });

  it('has every key of the documented shape', async () => {
    const m = JSON.parse(await runMetrics(file(reference.notNumbers.csv), { json: true, positive: 'yes' })) as Record<string, unknown> & { binary: Record<string, unknown> };
    for (const key of ['rows', 'n', 'leftOut', 'accuracy', 'labels', 'columns', 'confusion', 'perClass', 'micro', 'macro', 'weighted', 'zeroDivision', 'binary']) assert.ok(key in m, key);
    for (const key of ['positive', 'positiveChosenBy', 'scoreColumn', 'scoreScale', 'scoreReadAs', 'scoreReading', 'rankingRows', 'positives', 'negatives', 'scoreCells', 'rocAuc', 'averagePrecision', 'bestF1Threshold', 'bestF1', 'atThreshold']) assert.ok(key in m.binary, key);
    assert.deepEqual(m.binary.scoreCells, { empty: 1, notANumber: 3, first: { line: 5, text: 'n/a' } });
    assert.deepEqual([m.binary.scoresNotANumber, m.binary.scoresEmpty], [3, 1], 'the former names stay');
  });
});
