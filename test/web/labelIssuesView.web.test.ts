/** The Label Issues view in headless Chromium: the joint, the noise and the issues from a report; clicks post typed messages; data stays text. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openAnswering } from './testPage';

let browser: Browser;

const HOSTILE = '<img src=x onerror="document.title=1">';
const REPORT = {
  labelColumn: 'label',
  classes: ['cat', HOSTILE],
  thresholds: [0.8, null],
  confidentJoint: [[40, 3], [0, 1]],
  probabilityColumns: ['p_cat', 'p_dog'],
  used: 44,
  leftOut: 2,
  notSummingToOne: 0,
  count: 3,
  share: 3 / 44,
  perClass: [{ class: 'cat', rows: 43, issues: 3, share: 3 / 43 }, { class: HOSTILE, rows: 1, issues: 0, share: 0 }],
  labelNoise: [3 / 43, 0],
  top: [
    { row: 7, line: 8, id: 'a7', label: 'cat', suggested: HOSTILE, selfConfidence: 0.01, normalizedMargin: -0.98 },
    { row: 2, line: 3, id: null, label: 'cat', suggested: HOSTILE, selfConfidence: 0.2, normalizedMargin: -0.6 },
  ],
};

/** Opens the bundle with a fake host that answers `ready` with `message` and records what the view posts. */
const open = (message: unknown): Promise<Page> => openAnswering(browser, { script: 'labelIssues', messages: [message] });

const posted = (page: Page) => page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted.filter((m) => (m as { type: string }).type !== 'ready'));

describe('Label Issues view', () => {
  before(async () => {
    browser = await launchChromium('labelIssues');
  });
  after(async () => browser?.close());

  it('shows the joint, the noise per class and the issues; a cell and an issue post what the host needs', async () => {
    const page = await open({ type: 'issues', fileName: 'labels.csv', report: REPORT, problems: [], warnings: ['line 5: 1 row have probabilities that do not sum to 1 ± 0.01'] });
    await page.locator('.joint').waitFor();
    assert.match(await page.locator('.summary').textContent() ?? '', /^3 likely label errors among 44 rows \(6\.8%\), label "label", 2 probability columns; 2 rows left out/);
    const cells = await page.locator('.joint tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    assert.deepEqual(cells, [['40', '3'], ['0', '1']]);
    assert.deepEqual(await page.locator('.joint tbody th').allTextContents(), ['cat', HOSTILE], 'class names as text');
    assert.equal(await page.locator('img').count(), 0);
    assert.deepEqual(await page.locator('.noise-table tbody tr').first().locator('td').allTextContents(), ['cat', '43', '7.0%', '3', '7.0%', '0.8000']);
    assert.equal(await page.locator('.noise-table tbody tr').nth(1).locator('td').last().textContent(), '—', 'no threshold for a class without rows');
    assert.deepEqual(await page.locator('.probability-warnings li').allTextContents(), ['line 5: 1 row have probabilities that do not sum to 1 ± 0.01']);
    assert.deepEqual(await page.locator('.issues-table tbody tr').first().locator('td').allTextContents(), ['7', 'a7', 'cat', HOSTILE, '0.0100', '-0.9800']);

    await page.locator('.joint tbody tr').first().locator('td').nth(1).click();
    await page.locator('.issues-table tbody tr').nth(1).click();
    await page.locator('.issues-table tbody tr').first().focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await posted(page), [
      { type: 'showCell', given: 'cat', likely: HOSTILE },
      { type: 'showRow', row: 1 },
      { type: 'showRow', row: 6 },
    ]);
    await page.close();
  });

  it('an empty state that says what to do, and no figures', async () => {
    const page = await open({ type: 'unavailable', message: 'This file has no per-class probability columns.' });
    await page.locator('.empty-state', { hasText: 'no per-class probability columns' }).waitFor();
    assert.equal(await page.locator('.label-issues').isVisible(), false);
    await page.close();
  });

  it('no likely errors: says so and lists nothing', async () => {
    const page = await open({ type: 'issues', fileName: 'labels.csv', report: { ...REPORT, count: 0, share: 0, top: [] }, problems: [], warnings: [] });
    await page.locator('.joint').waitFor();
    assert.match(await page.locator('.label-issues p.hint').nth(1).textContent() ?? '', /^No likely label errors/);
    assert.equal(await page.locator('.issues-table').isVisible(), false);
    assert.equal(await page.locator('.probability-warnings').isVisible(), false);
    await page.close();
  });
});
