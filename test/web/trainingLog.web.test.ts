/** The training-log viewer in headless Chromium, against the built bundle and a fake host. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openAnswering } from './testPage';

let browser: Browser;

/** Opens the viewer with a fake host that answers `ready` with the given messages. */
const openLog = (messages: unknown[]): Promise<Page> =>
  openAnswering(browser, { script: 'trainingLog', styles: ['analysis.css', 'experiments.css'], messages, viewport: { width: 1000, height: 700 } });

const points = (...values: number[]) => values.map((value, i) => ({ step: i, value }));
const update = (extra: Record<string, unknown>) => ({ type: 'update', reset: true, problems: [], format: 'keras-csv', linesRead: 4, notATrainingLog: null, ...extra });

describe('training log webview', () => {
  before(async () => {
    browser = await launchChromium('trainingLog');
  });
  after(async () => browser?.close());

  it('plots losses on the left axis and accuracy on a 0–1 right axis, over the epochs the log counts', async () => {
    const page = await openLog([
      { type: 'init', fileName: 'training.csv' },
      update({ stepName: 'epoch', points: { loss: points(2.3, 0.9, 0.5), accuracy: points(0.4, 0.7, 0.85), val_loss: points(2.1, 1.0, 0.7), val_accuracy: points(0.45, 0.66, 0.8) } }),
    ]);
    const canvas = page.locator('.chart-box canvas');
    await page.waitForFunction(() => document.querySelector('.chart-box canvas')?.getAttribute('data-x-axis') === 'epoch');
    assert.equal(await canvas.getAttribute('data-left-axis'), 'loss,val_loss');
    assert.equal(await canvas.getAttribute('data-right-axis'), 'accuracy,val_accuracy');
    assert.match((await canvas.getAttribute('aria-label')) ?? '', /^Training curves by epoch: /);
    await page.close();
  });

  it('shows one message, not a chart and a warning per row, for a file that is not a training log', async () => {
    const message = 'labels.csv is not a training log: none of its first 2032 rows can be read as numbers (line 2: column "id": "r0" is not a number).';
    const page = await openLog([{ type: 'init', fileName: 'labels.csv' }, update({ points: {}, format: 'csv', linesRead: 2033, notATrainingLog: message })]);
    await page.locator('.banner.warn:not([hidden])').waitFor();
    assert.equal(await page.locator('.banner.warn').textContent(), message);
    assert.equal(await page.locator('.problems').isHidden(), true);
    assert.equal(await page.locator('.chart-box').isHidden(), true);
    assert.equal(await page.locator('.summary').textContent(), 'Not a training log');
    await page.close();
  });
});
