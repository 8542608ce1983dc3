/** The label table's likely label errors in headless Chromium, against the built bundle and a fake host. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openWithFakeHost, posted as postedOfType, writeTestPage } from './testPage';

let browser: Browser;


async function openTable(params: Record<string, unknown>): Promise<Page> {
  const page = await openWithFakeHost(browser, writeTestPage('table-label-issues', 'table', ['codicon.css', 'table.css']), 'fakeHost.js', params, { width: 1400, height: 700 });
  await page.locator('.grid-row:not(.loading)').first().waitFor();
  return page;
}

interface Posted {
  type: string;
  filter?: { likelyError?: boolean };
  sort?: { column: number | string; descending: boolean } | null;
  keys?: string[];
  label?: string | null;
}
const posted = (page: Page, type: string) => postedOfType(page, type) as Promise<Posted[]>;
const lastView = async (page: Page) => (await posted(page, 'setView')).at(-1);

describe('label table: likely label errors', () => {
  before(async () => {
    browser = await launchChromium('table');
  });
  after(async () => browser?.close());

  it('offers the filter, the derived columns and the summary line only when the file has probabilities', async () => {
    const plain = await openTable({ rows: 50 });
    assert.equal(await plain.locator('vscode-checkbox.likely-error-filter').isVisible(), false);
    assert.equal(await plain.locator('.grid-header-cell[data-column="labelQuality"]').count(), 0);
    assert.equal(await plain.locator('.label-issues-line').isVisible(), false);
    await plain.close();

    const page = await openTable({ rows: 50, labelIssues: true });
    assert.equal(await page.locator('vscode-checkbox.likely-error-filter').isVisible(), true);
    assert.equal(await page.locator('.label-issues-line').textContent(), '10 likely label errors (20.0%) · by label: no 10 (100.0%)');
    const quality = page.locator('.grid-row[data-position="0"] .cell-labelQuality');
    assert.equal(await quality.textContent(), '0.1000');
    assert.equal(await quality.evaluate((e) => e.classList.contains('likely-error')), true);
    assert.equal(await page.locator('.grid-row[data-position="0"] .cell-suggestedLabel').textContent(), 'yes');
    assert.equal(await page.locator('.grid-row[data-position="1"] .cell-suggestedLabel').textContent(), '');
    await page.close();
  });

  it('shows no likely-error figure for a file with error-level problems, and says why', async () => {
    const page = await openTable({ rows: 50, labelIssues: true, problems: [{ line: 12, severity: 'error', message: 'a quoted field opened here is never closed' }] });
    assert.equal(await page.locator('.label-issues-line').textContent(), 'Likely label errors: not computed, the file has error-level problems');
    assert.equal(await page.locator('vscode-checkbox.likely-error-filter').isVisible(), false);
    assert.equal(await page.locator('.grid-header-cell[data-column="labelQuality"]').count(), 0);
    await page.locator('.grid-viewport').focus();
    await page.keyboard.press(' ');
    await page.locator('.detail .label-card').waitFor();
    assert.equal(await page.locator('.detail .label-card .label-prob').count(), 0, 'no probabilities in the detail pane either');
    await page.close();
  });

  it('filters with l, sorts by label quality from the header (ascending, then descending, then off)', async () => {
    const page = await openTable({ rows: 50, labelIssues: true });
    await page.locator('.grid-viewport').focus();
    await page.keyboard.press('l');
    await page.waitForFunction(() => document.querySelector('#app')?.getAttribute('data-filters') === 'likelyError');
    assert.equal((await lastView(page))?.filter?.likelyError, true);
    assert.match((await page.locator('.counts').textContent()) ?? '', /^10 of 50 rows/);
    const header = page.locator('.grid-header-cell[data-column="labelQuality"]');
    await header.click();
    assert.deepEqual((await lastView(page))?.sort, { column: 'labelQuality', descending: false });
    assert.equal(await page.locator('.grid-header-cell[data-column="labelQuality"]').getAttribute('aria-sort'), 'ascending');
    await page.locator('.grid-header-cell[data-column="labelQuality"]').click();
    assert.deepEqual((await lastView(page))?.sort, { column: 'labelQuality', descending: true });
    await page.locator('.grid-header-cell[data-column="labelQuality"]').click();
    assert.equal((await lastView(page))?.sort, null);
    await page.locator('.grid-header-cell[data-column="suggestedLabel"]').click();
    assert.deepEqual((await lastView(page))?.sort, { column: 'suggestedLabel', descending: false });
    await page.close();
  });

  it('shows the given and suggested labels and the top classes in the detail pane, and relabels from there', async () => {
    const page = await openTable({ rows: 50, labelIssues: true });
    await page.locator('.grid-viewport').focus();
    await page.keyboard.press(' ');
    const card = page.locator('.detail .label-card');
    await card.waitFor();
    assert.equal(await card.locator('.detail-name').textContent(), 'Likely label error');
    assert.equal(await card.locator('.label-facts').textContent(), 'given: no · label quality 0.1000 · suggested: yes');
    assert.deepEqual(await card.locator('.label-prob').allTextContents(), ['yes 0.9000', 'no 0.1000']);
    await card.locator('vscode-button.relabel-suggested').click();
    await page.waitForFunction(() => document.querySelector('.detail .label-decision')?.textContent === 'relabeled: yes');
    assert.deepEqual((await posted(page, 'review')).map((m) => [m.keys, m.label]), [[['ex-1'], 'yes']]);
    await page.locator('.detail vscode-button.relabel-clear').click();
    await page.waitForFunction(() => document.querySelector('.detail .label-decision')?.textContent === 'not decided yet');
    await page.locator('.detail vscode-button.label-right').click();
    await page.waitForFunction(() => document.querySelector('.detail .label-decision')?.textContent === 'label confirmed as right');
    assert.deepEqual((await posted(page, 'review')).map((m) => m.label), ['yes', null, 'no'], 'confirming is a label fix to the label the file has');
    await page.close();
  });

  it('review mode walks the likely errors by label quality: s takes the suggestion, c keeps the label; the keys are in the status line', async () => {
    const page = await openTable({ rows: 50, labelIssues: true });
    await page.locator('.grid-viewport').focus();
    assert.match((await page.locator('.status-line').textContent()) ?? '', /l likely label errors · r review/);
    await page.keyboard.press('l');
    await page.keyboard.press('r');
    await page.waitForFunction(() => (document.querySelector('.status-line')?.textContent ?? '').includes('Review likely label errors'));
    assert.deepEqual((await lastView(page))?.sort, { column: 'labelQuality', descending: false });
    assert.equal((await lastView(page))?.filter?.likelyError, true);
    assert.match((await page.locator('.status-line').textContent()) ?? '', /s suggested label · c label is right/);
    // The fake file has labelers but these rows carry no review: the label card numbers the choices.
    await page.locator('.detail .label-card .review-choices li').first().waitFor();
    assert.deepEqual(await page.locator('.detail .label-card .review-choices li').allTextContents(), ['1yes', '2no']);
    await page.locator('.grid-row.selected:not(.loading)').waitFor();
    await page.keyboard.press('s');
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.some((m) => m.type === 'review'));
    // The decision refreshes the rows: once they show it, c is for the next row, when that row is there.
    await page.locator('.grid-row .fix-chip').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.locator('.grid-row.selected:not(.loading)').waitFor();
    await page.keyboard.press('c');
    await page.waitForFunction(() => (window as unknown as { __posted: Posted[] }).__posted.filter((m) => m.type === 'review').length === 2);
    assert.deepEqual((await posted(page, 'review')).map((m) => [m.keys, m.label]), [[['ex-1'], 'yes'], [['ex-2'], 'yes']]);
    await page.close();
  });
});
