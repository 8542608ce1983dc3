/** The Comparison view in headless Chromium: figures, empty states, a failure without figures, and data only ever as text. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openAnswering } from './testPage';
import type { ComparisonReport, HostToComparison } from '../../src/protocol/comparison';

let browser: Browser;
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

const group = { n: 12, accuracyA: 0.5, accuracyB: 0.75, delta: 0.25, fixed: 3, broken: 0, small: true };
const REPORT: ComparisonReport = {
  files: { a: 'a.csv', b: 'b.csv' },
  columns: { label: 'label', a: 'prediction', b: HOSTILE },
  n: 40,
  skipped: 2,
  unmatched: { onlyA: 1, onlyB: 25, onlyAIds: [HOSTILE], onlyBIds: Array.from({ length: 20 }, (_, i) => `b-${i}`), repeatedIdsA: 0, repeatedIdsB: 1 },
  labelMismatches: { count: 1, examples: [{ id: 'x1', labelA: 'cat', labelB: HOSTILE }], checked: true },
  accuracyA: 0.5,
  accuracyB: 0.45,
  macroF1A: 0.5,
  macroF1B: 0.4,
  bothRight: 16,
  fixed: 2,
  broken: 4,
  bothWrong: 18,
  mcnemar: { exactP: 0.6875, chi2: 0.1667, chi2P: 0.6831 },
  perClass: [{ class: HOSTILE, support: 20, recallA: 0.5, recallB: 0.4 }],
  smallGroup: 30,
  perTagRows: 'examples that carry the tag in both files',
  perTag: [{ tag: HOSTILE, ...group }],
  perSlice: [],
};

/** Opens the Comparison bundle with a fake host that answers `ready` with `message` and records what the view posts. */
const openComparison = (message: HostToComparison): Promise<Page> => openAnswering(browser, { script: 'comparison', styles: ['analysis.css', 'comparison.css'], messages: [message] });

const subject = { title: `a.csv (A) vs ${HOSTILE} (B)`, twoFiles: true };

describe('Comparison view', () => {
  before(async () => {
    browser = await launchChromium('comparison');
  });
  after(() => browser?.close());

  it('shows the verdict, the 2 × 2 table, the groups with small-n warnings and the unmatched ids, data as text only', async () => {
    const page = await openComparison({ type: 'report', subject, report: REPORT, notes: [HOSTILE] });
    await page.locator('.verdict').waitFor();
    assert.equal(await page.locator('.verdict').getAttribute('data-verdict'), 'same');
    assert.match((await page.locator('.verdict').textContent()) ?? '', /^No significant difference between A and B — 2 fixed vs 4 broken; McNemar exact p = 0\.6875 \(significant below 0\.05\)$/);
    assert.deepEqual(await page.locator('table.outcomes td').evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset.figure)), ['bothRight', 'broken', 'fixed', 'bothWrong']);
    assert.equal(await page.locator('[data-figure="broken"]').textContent(), '4 broken by B (10.0%)');
    assert.equal(await page.locator('table[data-table="overall"] td.delta').first().textContent(), '−5.0 pts');
    assert.equal(await page.locator('table[data-table="per-tag"] tbody th').first().textContent(), HOSTILE);
    assert.match((await page.locator('table[data-table="per-tag"] tr.small').textContent()) ?? '', /small: n < 30, read with care/);
    assert.equal(await page.locator('table[data-table="per-slice"]').count(), 0);
    assert.match((await page.locator('.comparison').textContent()) ?? '', /No slice column/);
    assert.match((await page.locator('[data-figure="onlyB"]').textContent()) ?? '', /^Only in B: 25 — b-0, .*b-19, … \(5 more\)$/);
    assert.match((await page.locator('[data-figure="labelMismatches"]').textContent()) ?? '', /Labels differ between the files on 1 matched example;/);
    assert.equal(await page.locator('img').count(), 0, 'no data string became HTML');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(await page.locator('vscode-button').allTextContents(), ['Recompute', "Open A's file", "Open B's file"]);
    await page.locator('vscode-button', { hasText: "Open B's file" }).click();
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted), [{ type: 'ready' }, { type: 'openFile', side: 'b' }]);
    await page.close();
  });

  it('one file: a click (or Enter) on a count, a tag, a slice or a class asks the host to show those rows; two files: plain figures', async () => {
    const oneFile = { ...REPORT, files: { a: 'a.csv', b: 'a.csv' }, perSlice: [{ column: 'device', value: 'phone', ...group }] };
    const page = await openComparison({ type: 'report', subject: { title: 'a.csv: "prediction" (A) vs "prediction_v2" (B)', twoFiles: false }, report: oneFile, notes: [] });
    await page.locator('.verdict').waitFor();
    await page.locator('[data-figure="fixed"] button.rows-link').click();
    await page.locator('table[data-table="per-tag"] tbody th button.rows-link').focus();
    await page.keyboard.press('Enter');
    await page.locator('table[data-table="per-slice"] tbody td button.rows-link[data-rows="broken"]').click();
    await page.locator('table[data-table="per-class"] tbody th button.rows-link').click();
    const shown = await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'showRows'));
    assert.deepEqual(shown, [
      { type: 'showRows', kind: 'fixed' },
      { type: 'showRows', kind: 'changed', tag: HOSTILE },
      { type: 'showRows', kind: 'broken', slice: { column: 'device', value: 'phone' } },
      { type: 'showRows', kind: 'changed', labelClass: HOSTILE },
    ]);
    await page.close();
    const twoFiles = await openComparison({ type: 'report', subject, report: REPORT, notes: [] });
    await twoFiles.locator('.verdict').waitFor();
    assert.equal(await twoFiles.locator('button.rows-link').count(), 0);
    assert.match((await twoFiles.locator('.comparison').textContent()) ?? '', /works for two prediction columns of one file/);
    await twoFiles.close();
  });

  it('keeps the figures, marked out of date, while it recomputes after a file changed', async () => {
    const page = await openComparison({ type: 'report', subject, report: REPORT, notes: [] });
    await page.locator('.verdict').waitFor();
    await page.evaluate((s) => window.postMessage({ type: 'computing', subject: s, reason: 'a.csv changed on disk.' }, '*'), subject);
    await page.getByText('a.csv changed on disk. Recomputing…').waitFor();
    assert.equal(await page.locator('.comparison.stale .verdict').count(), 1);
    assert.equal(await page.locator('#app').getAttribute('data-state'), 'recomputing');
    await page.evaluate((m) => window.postMessage(m, '*'), { type: 'report', subject, report: { ...REPORT, fixed: 3 }, notes: [] } as HostToComparison);
    await page.waitForFunction(() => document.querySelector('#app')?.getAttribute('data-state') === 'ready');
    assert.equal(await page.locator('.comparison.stale').count(), 0);
    assert.equal(await page.locator('[data-figure="fixed"]').getAttribute('data-value'), '3');
    await page.close();
  });

  it('shows a failure and no figure at all', async () => {
    const page = await openComparison({ type: 'failed', subject: { title: 'labels.csv', twoFiles: false }, message: 'labels.csv:3: unterminated quote\nlabels.csv:9: ragged row' });
    await page.locator('.problem-banner').waitFor();
    assert.match((await page.locator('.problem-banner').textContent()) ?? '', /could not be compared\. labels\.csv:3: unterminated quote/);
    assert.deepEqual(await page.locator('.problem-banner li').allTextContents(), ['labels.csv:9: ragged row']);
    assert.equal(await page.locator('[data-figure], .verdict, table').count(), 0);
    assert.deepEqual(await page.locator('vscode-button').allTextContents(), ['Recompute', 'Open the label file']);
    await page.close();
  });

  it('says it is comparing while the figures are computed', async () => {
    const page = await openComparison({ type: 'computing', subject: { title: 'labels.csv', twoFiles: false } });
    await page.getByText('Comparing the two predictions example by example…').waitFor();
    assert.equal(await page.locator('.verdict').count(), 0);
    await page.close();
  });
});
