/** The Metrics view in headless Chromium: score cells that are not numbers are reported next to ROC AUC and AP, as text. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openAnswering } from './testPage';

let browser: Browser;

const scores = { precision: 0.5, recall: 0.5, f1: 0.5, support: 4, zeroDivision: { precision: false, recall: false, f1: false } };
const BINARY = {
  positive: 'pos',
  positiveChosenBy: 'minority',
  scoreColumn: 'score',
  scoreScale: 'probability',
  scoreReadAs: 'positive',
  scoreReading: 'score read as a probability: P(pos) = score',
  rankingRows: 4,
  positives: 2,
  negatives: 2,
  nanScores: 0,
  rocAuc: 0.75,
  rocAucReason: null,
  averagePrecision: 0.8,
  averagePrecisionReason: null,
  bestF1: 0.6667,
  bestF1Threshold: 0.5,
  threshold: 0.5,
  atThreshold: { threshold: 0.5, precision: 0.5, recall: 0.5, f1: 0.5, truePositives: 1, falsePositives: 1, falseNegatives: 1, trueNegatives: 1 },
  curve: { thresholds: [0.9, 0.5, 0.1], precision: [1, 0.5, 0.5], recall: [0.5, 0.5, 1] },
};
const METRICS = {
  rows: 4,
  n: 4,
  skipped: 0,
  leftOut: { rows: 0, emptyLabel: 0, emptyPrediction: 0 },
  accuracy: 0.5,
  labels: ['neg', 'pos'],
  confusion: [[1, 1], [1, 1]],
  perClass: ['neg', 'pos'].map((label) => ({ label, precision: 0.5, recall: 0.5, f1: 0.5, support: 2, zeroDivision: { precision: false, recall: false, f1: false } })),
  micro: scores,
  macro: scores,
  weighted: scores,
  binary: BINARY,
  columns: { label: 'label', prediction: 'prediction', score: 'score' },
};

/** Opens the Metrics bundle with a fake host that answers `ready` with `message`. */
const openMetrics = (message: unknown): Promise<Page> => openAnswering(browser, { name: 'metricsScoreCells', script: 'metrics', messages: [message] });

const metricsMessage = (metrics: unknown) => ({ type: 'metrics', fileName: 'labels.csv', metrics, positiveChoices: ['neg', 'pos'], problems: [] });

describe('Metrics view: score cells that are not numbers', () => {
  before(async () => {
    browser = await launchChromium('metrics');
  });
  after(async () => browser?.close());

  it('one line after ROC AUC and AP; the cell text stays text', async () => {
    const first = { line: 40, text: '<img src=x onerror="document.title=1">' };
    const page = await openMetrics(metricsMessage({ ...METRICS, scoreCells: { empty: 3, notANumber: 12, first } }));
    const line = page.locator('.binary .score-cells');
    await line.waitFor();
    assert.equal(await line.textContent(), '12 score cells are not numbers (first "<img src=x onerror=\\"document.title=1\\">" on line 40) and 3 are empty: left out of ROC AUC and AP');
    assert.equal(await page.locator('.binary img').count(), 0);
    const facts = await page.locator('.binary p.summary').allTextContents();
    assert.match(facts[0], /^ROC AUC 0\.7500 · average precision 0\.8000/);
    assert.equal(facts[1], await line.textContent(), 'the line follows ROC AUC and AP');
    await page.close();
  });

  it('no line when every score is a number, or when the host sent no counts', async () => {
    for (const metrics of [{ ...METRICS, scoreCells: { empty: 0, notANumber: 0, first: null } }, METRICS]) {
      const page = await openMetrics(metricsMessage(metrics));
      await page.locator('.binary p.summary').first().waitFor();
      assert.equal(await page.locator('.binary .score-cells').count(), 0);
      await page.close();
    }
  });
});
