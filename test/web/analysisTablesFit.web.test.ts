/** The analysis views' tables in headless Chromium: they fit the panel; columns that do not fit fold, are named, and keep their values in the row's tooltip. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openAnswering } from './testPage';

let browser: Browser;

const row = (tag: string | null, count: number, errors: number) => ({
  tag,
  count,
  errors,
  shareOfErrors: errors / 219,
  errorRateInTag: errors / count,
  shareOfData: count / 2000,
  accuracy: 1 - errors / count,
  accuracyInterval: { lower: 0.01, upper: 0.99 },
  smallSample: count < 30,
  hlp: 0.916,
  hlpSource: 'labelers',
  gapToHlp: 0.0123,
  potentialGain: 0.000456,
  ease: 1,
  importance: 1,
  priority: 0.000456,
});
const ANALYSIS = {
  type: 'analysis',
  fileName: 'speech-commands.csv',
  hasLabelers: true,
  tagged: { tagged: 6, errors: 219 },
  problems: [],
  analysis: {
    total: 2000,
    errors: 219,
    accuracy: 0.8905,
    overallHlp: 0.916,
    warnings: [],
    suggestions: [],
    tags: [row(null, 1951, 213), row('mic clipping', 2, 2), row('a rather long tag name about reverb in the kitchen', 30, 2)],
  },
};

const LABELS = ['down', 'go', 'left', 'no', 'off', 'on', 'right', 'stop', 'up', 'yes'];
const scores = { precision: 0.9, recall: 0.9, f1: 0.9, support: 2000, zeroDivision: { precision: false, recall: false, f1: false } };
const METRICS = {
  type: 'metrics',
  fileName: 'speech-commands.csv',
  positiveChoices: LABELS,
  problems: [],
  metrics: {
    rows: 2000, n: 2000, skipped: 0, leftOut: { rows: 0, emptyLabel: 0, emptyPrediction: 0 }, accuracy: 0.89, labels: LABELS,
    confusion: LABELS.map((_, i) => LABELS.map((__, j) => (i === j ? 180 : 3))),
    perClass: LABELS.map((label) => ({ ...scores, label, support: 200 })),
    micro: scores, macro: scores, weighted: scores, binary: null, columns: { label: 'label', prediction: 'prediction' },
  },
};
const slice = (column: string, value: string, n: number, flagged: boolean) => ({ key: [{ column, value }, { column: 'accent', value: 'a long accent name' }], n, correct: n - 5, accuracy: 0.7, macroF1: 0.69, interval: { lower: 0.61, upper: 0.78 }, difference: -0.19, flagged, severity: 0.1, smallSample: n < 30, errorOnlyTag: false });
const SLICES = {
  type: 'slices',
  columns: [{ name: 'device', selected: true }, { name: 'accent', selected: true }],
  pairs: true,
  report: { margin: 0.02, columns: ['device', 'accent'], overall: { n: 2000, correct: 1780, accuracy: 0.89, macroF1: 0.89 }, results: [slice('device', 'feature_phone', 120, true), slice('device', 'smart_speaker', 12, false)], flagged: 1, omitted: [] },
};

const LABELERS = ['labeler_1', 'labeler_2', 'a_labeler_with_a_long_name'];
const AGREEMENT = {
  type: 'agreement',
  fileName: 'labels.csv',
  view: {
    summary: {
      items: 1200,
      labelers: LABELERS,
      percentAgreement: 0.81,
      fleissKappa: 0.562,
      fleissItems: 1200,
      fleissLabelsPerItem: 3,
      krippendorffAlpha: 0.5623,
      alphaCI: [0.3371, 0.7334],
      cohen: [{ a: LABELERS[0], b: LABELERS[1], kappa: 0.61, n: 1200 }, { a: LABELERS[0], b: LABELERS[2], kappa: 0.52, n: 1200 }, { a: LABELERS[1], b: LABELERS[2], kappa: 0.55, n: 1200 }],
      ambiguousPairs: [{ a: 'background_noise_long_class', b: 'silence', rate: 0.3, count: 120, items: 80 }],
      perLabeler: LABELERS.map((labeler) => ({ labeler, n: 1200, agreementWithConsensus: 0.8, kappa: 0.56, mostDisagreedClass: 'background_noise_long_class' })),
      hlp: 0.8,
      warnings: [],
    },
    categories: ['background_noise_long_class', 'silence', 'yes'],
    confusion: [[0, 120, 3], [120, 0, 2], [3, 2, 0]],
    consensus: { labeled: 1200, tied: 10, disagreements: 230 },
    hlpBySlice: [{ column: 'device', value: 'a_very_long_device_name_without_spaces', hlp: 0.7, items: 600, compared: 1800 }],
  },
  classNotes: {},
  ambiguousClass: null,
  fixes: 0,
  source: null,
  standalone: false,
  problems: [],
};

const openView = (script: string, message: unknown, width: number, more: unknown[] = []): Promise<Page> =>
  openAnswering(browser, { name: `${script}Fit`, script, messages: [message, ...more], viewport: { width, height: 900 } });

/** Whether the page or any table's box is wider than its room (1 px for rounding). */
function overflows(page: Page): Promise<string[]> {
  // A string, not a function: the test runner's transpiler would add helpers the page lacks.
  return page.evaluate(`[document.documentElement, ...document.querySelectorAll('.table-fit')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.className || e.tagName)`);
}

const folded = (page: Page) => page.locator('.tag-table thead th.folded').allTextContents();
/** The folded columns in the order they folded, as the note names them. */
const foldOrder = async (page: Page) => /\((.*)\):/.exec((await page.locator('.fold-note').textContent()) ?? '')?.[1].split(', ') ?? [];

describe('Analysis tables fit their panel', () => {
  before(async () => {
    browser = await launchChromium('errorAnalysis');
  });
  after(async () => browser?.close());

  it('Error Analysis, wide: every column shown, no note', async () => {
    const page = await openView('errorAnalysis', ANALYSIS, 1500);
    await page.locator('.tag-table tbody tr').first().waitFor();
    await page.locator('.tag-table[data-folded]').waitFor({ state: 'attached' });
    assert.deepEqual(await folded(page), []);
    assert.equal(await page.locator('.fold-note').isVisible(), false);
    assert.deepEqual(await overflows(page), []);
    await page.close();
  });

  it('Error Analysis at half a window: folds the least important columns first, names them, keeps their values in the row tooltip', async () => {
    const page = await openView('errorAnalysis', ANALYSIS, 700);
    await page.locator('.tag-table tbody tr').first().waitFor();
    await page.locator('.tag-table[data-folded]').waitFor({ state: 'attached' });
    const names = await folded(page);
    assert.ok(names.length > 0, 'some columns fold at 700 px');
    const order = await foldOrder(page);
    assert.deepEqual([...order].sort(), [...names].sort(), 'the note names every folded column');
    assert.deepEqual(order.slice(0, 2), ['Error rate', 'Share of data'].slice(0, names.length), 'least important first');
    for (const kept of ['Tag', 'Errors', 'Share of errors', 'Accuracy', 'Priority']) assert.ok(!names.includes(kept), `${kept} stays`);
    assert.deepEqual(await overflows(page), []);
    const note = (await page.locator('.fold-note').textContent()) ?? '';
    assert.equal(note, `${names.length} columns folded (${order.join(', ')}): widen the panel, hover a row, or show every column`);
    const tip = (await page.locator('.tag-table tbody tr').nth(1).getAttribute('title')) ?? '';
    assert.match(tip, /^Error rate: 100\.0%/);
    if (names.includes('Share of data')) assert.match(tip, /Share of data: 0\.1%/);
    if (names.includes('Importance')) assert.match(tip, /Importance: 1/);
    // Folded cells keep their text: the values the CLI comparison reads are still in the row.
    assert.equal(await page.locator('.tag-table tbody tr').nth(1).locator('td').nth(4).textContent(), '100.0%');

    // Widening the panel unfolds them.
    await page.setViewportSize({ width: 1500, height: 900 });
    await page.locator('.tag-table[data-folded="0"]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('.fold-note').isVisible(), false);
    assert.equal(await page.locator('.tag-table tbody tr').nth(1).getAttribute('title'), '');
    await page.close();
  });

  it('Error Analysis at half a window, by keyboard: "show every column" unfolds them into a box that scrolls sideways, and folds them back', async () => {
    const page = await openView('errorAnalysis', ANALYSIS, 700);
    await page.locator('.tag-table[data-folded]').waitFor({ state: 'attached' });
    const before = Number(await page.locator('.tag-table').getAttribute('data-folded'));
    assert.ok(before > 0);
    const toggle = page.locator('.tag-table').locator('xpath=..').locator('.fold-toggle');
    assert.equal(await toggle.textContent(), 'show every column');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.locator('.tag-table[data-folded="0"]').waitFor({ state: 'attached' });
    assert.equal(await toggle.textContent(), 'Fold columns to fit');
    assert.equal(await page.locator('.tag-table thead th.folded').count(), 0);
    assert.equal(await page.locator('.tag-table').locator('xpath=..').locator('.fold-text').textContent(), 'Every column is shown: the table scrolls sideways.');
    const box = page.locator('.table-fit.show-all');
    assert.equal(await box.getAttribute('tabindex'), '0');
    assert.equal(await box.evaluate((b) => b.scrollWidth > b.clientWidth), true, 'the box scrolls, not the page');
    assert.equal(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1'), true);
    await box.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction('document.querySelector(".table-fit.show-all").scrollLeft > 0');
    // And back.
    await toggle.focus();
    await page.keyboard.press('Space');
    await page.locator(`.tag-table[data-folded="${before}"]`).waitFor({ state: 'attached' });
    assert.equal(await page.locator('.table-fit.show-all').count(), 0);
    assert.equal(await page.locator('.tag-table').locator('xpath=..').getAttribute('tabindex'), null);
    await page.close();
  });

  it('Label Consistency in a third of a window: the statistics wrap, the interval stays whole and in sight; wide, nothing folds', async () => {
    const page = await openView('agreement', AGREEMENT, 340);
    const stats = page.locator('.data-table').first();
    await stats.locator('tbody tr').first().waitFor();
    await page.locator('.data-table[data-folded]').first().waitFor({ state: 'attached' });
    assert.deepEqual(await overflows(page), []);
    const alpha = stats.locator('tbody tr').nth(2).locator('td').nth(1);
    assert.equal(await alpha.textContent(), '0.562 (95% CI 0.337–0.733)');
    const interval = (await alpha.locator('span.nowrap').nth(1).boundingBox())!;
    assert.ok(interval.x >= 0 && interval.x + interval.width <= 340, `the interval is in sight (${interval.x}–${interval.x + interval.width} of 340 px)`);
    // Matrices keep a cell per pair: they scroll in their own box, never the page.
    assert.equal(await page.locator('.matrix-box').count(), 2);
    const pageScrolls = await page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth + 1');
    assert.equal(pageScrolls, false);

    // "Show every column" on the labelers table stays chosen when the view renders anew (a definition saved).
    const labelers = () => page.locator('.table-fit').nth(1);
    assert.ok(Number(await labelers().locator('table').getAttribute('data-folded')) > 0);
    await labelers().locator('.fold-toggle').click();
    await page.locator('.table-fit.show-all').waitFor();
    await page.evaluate('document.querySelector(".table-fit.show-all").dataset.old = "1"');
    await page.evaluate(`window.postMessage(${JSON.stringify(AGREEMENT)}, '*')`);
    await page.locator('.table-fit.show-all:not([data-old])').waitFor();
    assert.equal(await labelers().locator('table').getAttribute('data-folded'), '0');
    assert.equal(await page.locator('.table-fit.show-all').count(), 1, 'only the table the reader chose');
    assert.equal(await labelers().locator('.fold-toggle').textContent(), 'Fold columns to fit');

    await page.setViewportSize({ width: 1400, height: 900 });
    await page.waitForFunction('[...document.querySelectorAll(".data-table[data-folded]")].every((t) => t.dataset.folded === "0")');
    assert.equal(await page.locator('.fold-note:visible').count(), 0);
    assert.equal(await page.locator('.data-table th.folded').count(), 0);
    await page.close();
  });

  it('Metrics at half a window: the confusion matrix, per-class and slice tables fit', async () => {
    const page = await openView('metrics', METRICS, 620, [SLICES]);
    await page.locator('.slice-table[data-folded] tbody tr').first().waitFor({ state: 'attached' });
    await page.locator('.confusion tbody tr').first().waitFor();
    assert.deepEqual(await overflows(page), []);
    const confusion = await page.evaluate(`(() => { const b = document.querySelector('.confusion-box'); return b.scrollWidth <= b.clientWidth + 1; })()`);
    assert.equal(confusion, true, 'ten classes fit without scrolling their box');
    await page.close();
  });
});
