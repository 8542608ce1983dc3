/** The analysis views in headless Chromium: a file with error-level CSV problems shows them above every figure. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openAnswering } from './testPage';

let browser: Browser;

const PROBLEM = { kind: 'unterminated-quote', line: 3, severity: 'error', message: 'a quoted field opened here is never closed' };
const WARNING = { kind: 'ragged-row', line: 4, severity: 'warning', message: 'row has 2 fields' };
const METRICS = {
  n: 2,
  skipped: 0,
  accuracy: 0.5,
  labels: ['a', 'b'],
  confusion: [[1, 0], [1, 0]],
  perClass: ['a', 'b'].map((label) => ({ label, precision: 0.5, recall: 0.5, f1: 0.5, support: 1, zeroDivision: { precision: false, recall: false, f1: false } })),
  micro: { precision: 0.5, recall: 0.5, f1: 0.5 },
  macro: { precision: 0.5, recall: 0.5, f1: 0.5 },
  weighted: { precision: 0.5, recall: 0.5, f1: 0.5 },
  binary: null,
  columns: { label: 'label', prediction: 'prediction', score: null },
};

/** Opens a view's bundle with a fake host that answers `ready` with `message`. */
const openView = (script: string, message: unknown): Promise<Page> => openAnswering(browser, { script, messages: [message] });

/** True when `a` comes before `b` in the document. */
const before_ = (page: Page, a: string, b: string) => page.evaluate(`Boolean(document.querySelector(${JSON.stringify(a)}).compareDocumentPosition(document.querySelector(${JSON.stringify(b)})) & Node.DOCUMENT_POSITION_FOLLOWING)`);

describe('analysis views: error-level problems before the figures', () => {
  before(async () => {
    browser = await launchChromium('metrics');
  });
  after(async () => browser?.close());

  it('Metrics: a banner names file:line and says the figures may be wrong, above the summary', async () => {
    const page = await openView('metrics', { type: 'metrics', fileName: 'labels.csv', metrics: METRICS, positiveChoices: [], problems: [PROBLEM, WARNING] });
    const banner = page.locator('.problem-banner');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('role'), 'alert');
    assert.equal(await banner.locator('strong').textContent(), 'labels.csv has 1 error-level problem: Loupe could not read it correctly, so the figures below may be wrong. Fix the file and reopen it.');
    assert.deepEqual(await banner.locator('li').allTextContents(), ['labels.csv:3: a quoted field opened here is never closed']);
    assert.ok(await before_(page, '.problem-banner', '.summary'));
    assert.ok(await before_(page, '.problem-banner', '.confusion-box'));
    await page.close();
  });

  it('Metrics: no banner for a file read correctly (warnings only)', async () => {
    const page = await openView('metrics', { type: 'metrics', fileName: 'labels.csv', metrics: METRICS, positiveChoices: [], problems: [WARNING] });
    await page.locator('.confusion-box table').waitFor();
    assert.equal(await page.locator('.problem-banner').isHidden(), true);
    await page.close();
  });

  it('Error Analysis: the banner comes before the summary and the tag table', async () => {
    const analysis = { total: 2, errors: 1, accuracy: 0.5, overallHlp: null, tags: [{ tag: null, count: 2, errors: 1, shareOfErrors: 1, errorRateInTag: 0.5, shareOfData: 1, accuracy: 0.5, hlp: null, hlpSource: null, gapToHlp: null, potentialGain: null, ease: 1, importance: 1, priority: null }], suggestions: [] };
    const page = await openView('errorAnalysis', { type: 'analysis', fileName: 'labels.csv', analysis, hasLabelers: false, tagged: { tagged: 0, errors: 1 }, problems: [PROBLEM] });
    await page.locator('.problem-banner li').waitFor();
    assert.deepEqual(await page.locator('.problem-banner li').allTextContents(), ['labels.csv:3: a quoted field opened here is never closed']);
    assert.ok(await before_(page, '.problem-banner', '.summary'));
    assert.ok(await before_(page, '.problem-banner', 'table'));
    await page.close();
  });
});
