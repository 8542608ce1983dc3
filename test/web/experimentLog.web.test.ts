/** The Experiment Log webview in headless Chromium, against the built bundle and a fake host. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openWithFakeHost, writeTestPage } from './testPage';

let pageUrl: string;
let browser: Browser;


async function openLog(params: Record<string, unknown> = {}): Promise<Page> {
  const page = await openWithFakeHost(browser, pageUrl, 'experimentLogFakeHost.js', params, { width: 1300, height: 900 });
  await page.locator('.summary', { hasText: 'experiment' }).waitFor();
  return page;
}

const names = (page: Page) => page.locator('.experiments-table tbody tr .name').allTextContents();
const headers = async (page: Page) => (await page.locator('.experiments-table thead tr:last-child th').allTextContents()).map((h) => h.trim());

function experiment(i: number): Record<string, unknown> {
  const id = `20240101-${String(i).padStart(6, '0')}-run-${i}`;
  return {
    version: 1,
    id,
    name: `run ${i}`,
    createdAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    code: { gitAvailable: false, reason: 'test', commit: null, branch: null, dirty: null, diffSha256: null, remote: null },
    data: { path: null, sha256: null, rows: null, annotationsSha256: null, labelFixes: null },
    params: { lr: i / 1000 },
    metrics: { accuracy: 0.5 + i / 1000 },
    notes: '',
    starred: false,
    baseline: 'none',
    source: { kind: 'cli' },
  };
}

describe('experiment log webview', () => {
  before(async () => {
    browser = await launchChromium('experimentLog');
    pageUrl = writeTestPage('experimentLog', 'experimentLog', ['codicon.css', 'analysis.css', 'experiments.css']);
  });
  after(async () => browser?.close());

  it('lists experiments newest first, with metric and param columns', async () => {
    const page = await openLog();
    assert.deepEqual(await names(page), ['fixed labels', 'baseline', 'human level']);
    assert.deepEqual(await headers(page), ['Selected', 'Name', 'Recorded', 'Dataset', 'Code', 'Source', 'accuracy', 'macro_f1', 'val_loss', 'lr', 'model.depth', 'model.name', 'seed']);
    assert.equal(await page.locator('.experiments-table tbody tr').first().locator('td.num').first().textContent(), '0.91');
    assert.deepEqual(await page.locator('.experiments-table tbody tr').nth(2).locator('.badge').allTextContents(), ['HLP baseline']);
    await page.close();
  });

  it('sorts by a header, from the keyboard too, and flips on a second press', async () => {
    const page = await openLog();
    const accuracy = page.locator('.experiments-table th[data-column="metric:accuracy"] button');
    await accuracy.focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await names(page), ['human level', 'fixed labels', 'baseline']);
    assert.equal(await page.locator('th[data-column="metric:accuracy"]').getAttribute('aria-sort'), 'descending');
    await page.locator('th[data-column="metric:accuracy"] button').click();
    assert.deepEqual(await names(page), ['baseline', 'fixed labels', 'human level']);
    // Without the metric, an experiment sorts last in both directions.
    await page.locator('th[data-column="metric:val_loss"] button').click();
    assert.deepEqual(await names(page), ['baseline', 'fixed labels', 'human level']);
    await page.close();
  });

  it('filters by words, and shows only the params that differ', async () => {
    const page = await openLog();
    await page.locator('vscode-textfield.filter').click();
    await page.keyboard.type('lr=0.1');
    await page.waitForFunction(() => document.querySelectorAll('.experiments-table tbody tr').length === 1);
    assert.deepEqual(await names(page), ['baseline']);
    await page.locator('vscode-textfield.filter').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('cnn');
    await page.waitForFunction(() => document.querySelectorAll('.experiments-table tbody tr').length === 2);
    assert.deepEqual((await headers(page)).slice(-4), ['lr', 'model.depth', 'model.name', 'seed']);
    await page.locator('vscode-checkbox', { hasText: 'Show only differing params' }).click();
    assert.deepEqual((await headers(page)).slice(-2), ['val_loss', 'lr'], 'only lr differs between the two shown');
    await page.close();
  });

  it('compares the selected experiments: params diff, data diff and coloured metric deltas', async () => {
    const page = await openLog();
    await page.locator('tr[data-id="20240613-090000-baseline-aa"] vscode-checkbox').click();
    await page.locator('tr[data-id="20240614-120000-fixed-labels-cc"] td.name-cell').click();
    const compare = page.locator('.comparison');
    await compare.locator('.compare-main').waitFor();
    assert.deepEqual(await compare.locator('.compare-main thead th').allTextContents(), ['', 'baseline', 'fixed labels']);
    const row = (label: string) => compare.locator('.compare-table tr', { has: page.locator('th.row-label', { hasText: new RegExp(`^${label}$`) }) });
    assert.deepEqual(await row('lr').locator('td').allTextContents(), ['0.1', '0.01']);
    assert.equal(await row('lr').getAttribute('class'), 'differs');
    assert.equal((await row('seed').getAttribute('class')) ?? '', '');
    assert.deepEqual(await row('Rows').locator('td').allTextContents(), ['2,000', '1,990 (−10)']);
    assert.deepEqual(await row('Label fixes').locator('td').allTextContents(), ['0', '12 (+12)']);
    assert.match((await page.locator('.data-summary').textContent()) ?? '', /The dataset content differs\. The annotations \(tags, label fixes\) differ\./);
    const accuracy = row('accuracy').locator('td').nth(1);
    assert.equal(await accuracy.textContent(), '0.91 +0.05 ▲');
    assert.equal(await accuracy.getAttribute('class'), 'num outcome-better');
    assert.equal(await row('val_loss').locator('td').nth(1).textContent(), '0.31 −0.11 ▲', 'a lower loss is better');
    // The fixed-labels record was computed on another file: the tag's delta is no gain, and says so.
    assert.deepEqual(await row('car noise · n').locator('td').allTextContents(), ['22', '20']);
    assert.equal(await row('car noise · n').getAttribute('class'), 'population-row differs');
    assert.equal(await row('car noise · errors').locator('td').nth(1).getAttribute('class'), 'num outcome-different-population');
    assert.equal(await row('car noise · accuracy').locator('td').nth(1).textContent(), '0.8 +0.2 ≠ examples');
    assert.match((await page.locator('.population-note').textContent()) ?? '', /1 of 1 tags and slices were computed on different populations/);
    // Worse: accuracy against the human-level baseline, which becomes the reference.
    await page.locator('tr[data-id="20240612-080000-human-level-bb"] vscode-checkbox').click();
    assert.deepEqual(await compare.locator('.compare-main thead th').allTextContents(), ['', 'human level', 'baseline', 'fixed labels']);
    assert.equal(await row('accuracy').locator('td').nth(2).getAttribute('class'), 'num outcome-worse');
    await page.close();
  });

  it('selects what the host asks for (Open / Compare with… in the sidebar)', async () => {
    const page = await openLog();
    await page.evaluate(() => (window as unknown as { __send(m: unknown): void }).__send({ type: 'select', ids: ['20240612-080000-human-level-bb', '20240614-120000-fixed-labels-cc', 'gone'] }));
    await page.locator('.compare-main').waitFor();
    assert.equal(await page.locator('.experiments-table tbody tr.selected').count(), 2);
    assert.match((await page.locator('.summary').textContent()) ?? '', /3 experiments · 2 selected/);
    await page.close();
  });

  it('plots a metric across any number of experiments, in time order', async () => {
    const many = Array.from({ length: 300 }, (_, i) => experiment(i));
    const page = await openLog({ experiments: many, state: { sort: { column: 'createdAt', descending: true }, filter: '', onlyDiffering: false, selected: many.map((e) => e.id), metric: 'accuracy' } });
    await page.locator('.chart-section canvas').waitFor();
    assert.match((await page.locator('.chart-section .hint').textContent()) ?? '', /^300 of 300 selected experiments have accuracy/);
    assert.equal(await page.locator('.compare-main thead th').count(), 301);
    await page.close();
  });

  it('inserts names and values as text, never as HTML', async () => {
    const evil = { ...experiment(1), name: '<img src=x onerror="window.__pwned=1">', params: { note: '<b>bold</b>' } };
    const page = await openLog({ experiments: [evil] });
    assert.deepEqual(await names(page), ['<img src=x onerror="window.__pwned=1">']);
    assert.equal(await page.locator('#app img, #app b').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await page.close();
  });

  it('offers Record and Import when there is no experiment yet', async () => {
    const page = await openLog({ experiments: [] });
    await page.locator('.empty-state vscode-button', { hasText: 'Record Experiment' }).click();
    await page.locator('.empty-state vscode-button', { hasText: 'Import Experiments' }).click();
    const runs = await page.evaluate(() => (window as unknown as { __posted: { type: string; command?: string }[] }).__posted.filter((m) => m.type === 'run'));
    assert.deepEqual(runs, [
      { type: 'run', command: 'record' },
      { type: 'run', command: 'import' },
    ]);
    assert.equal(await page.locator('.experiments-table').isHidden(), true);
    await page.close();
  });

  it('asks the host to open a record file', async () => {
    const page = await openLog();
    await page.locator('tr[data-id="20240613-090000-baseline-aa"] .icon-button').click();
    const opened = await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'openRecord'));
    assert.deepEqual(opened, [{ type: 'openRecord', id: '20240613-090000-baseline-aa' }]);
    assert.equal(await page.locator('.experiments-table tbody tr.selected').count(), 0, 'the button does not select the row');
    await page.close();
  });
});
