/** The drift view and the split report in headless Chromium: drifted columns first, data as text, empty states, actions posted. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openAnswering } from './testPage';

const HOSTILE = '<img src=x onerror="document.title=1">';
let browser: Browser;

/** Opens a bundle with a fake host that answers `ready` with `message` and records what the page posts. */
const open = (bundle: string, message: unknown): Promise<Page> => openAnswering(browser, { script: bundle, messages: [message] });

const column = (name: string, patch: Record<string, unknown>) => ({ name, kind: 'categorical', psi: 0.01, psiLevel: 'stable', chi2: 1.5, chi2Dof: 2, chi2P: 0.47, missing: { reference: 0, current: 0.1 }, newCategories: [], drifted: false, ...patch });
const drift = (columns: unknown[], distributions: unknown[]) => ({
  type: 'drift',
  referenceFile: 'ref.csv',
  currentFile: 'cur.csv',
  result: { json: { rows: { reference: 100, current: 120 }, columns, driftedColumns: columns.filter((c) => (c as { drifted: boolean }).drifted).length, onlyInReference: ['old'], onlyInCurrent: [], notCompared: [] }, distributions },
});
const bars = (labels: string[]) => ({ kind: 'bars', labels, reference: labels.map(() => 5), current: labels.map(() => 6), folded: 0 });

describe('Drift view and split report', () => {
  before(async () => {
    browser = await launchChromium('drift');
  });
  after(async () => browser?.close());

  it('drift: drifted columns first, figures formatted, hostile names and categories as text, a chart each', async () => {
    const columns = [
      column('device', {}),
      column(HOSTILE, { psi: 0.81234, psiLevel: 'drifted', chi2P: 1.2e-9, newCategories: [HOSTILE], drifted: true }),
      { name: 'confidence', kind: 'numeric', ks: { d: 0.25, p: 0.0001234 }, missing: { reference: 0, current: 0 }, newCategories: [], drifted: true },
    ];
    const page = await open('drift', drift(columns, [bars(['a', 'b']), bars([HOSTILE]), { kind: 'histogram', labels: ['0 – 0.5', '0.5 – 1'], reference: [3, 4], current: [5, 1], folded: 0 }]));
    await page.locator('.drift-overview tbody tr').first().waitFor();
    const rows = await page.locator('.drift-overview tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.deepEqual(rows.map((r) => r[0]), [HOSTILE, 'confidence', 'device']);
    assert.deepEqual(rows[0].slice(1, 10), ['categorical', '0.8123', '1.5000', '1.20e-9', '—', '—', '0.0% → 10.0%', JSON.stringify(HOSTILE), '⚠ drifted']);
    assert.deepEqual(rows[1].slice(2, 7), ['—', '—', '—', '0.2500', '0.0001']);
    assert.equal(await page.locator('img').count(), 0, 'no element from data');
    assert.match((await page.locator('.summary').textContent()) ?? '', /ref\.csv: 100 rows .* cur\.csv: 120 rows · 2 of 3 compared columns drifted/);
    await page.locator('.drift-column canvas').nth(2).waitFor();
    assert.equal(await page.locator('.drift-column canvas').count(), 3);
    assert.match((await page.locator('.drift-columns ul').textContent()) ?? '', /old: only in the reference file/);
    await page.locator('vscode-button', { hasText: 'Open Reference' }).click();
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted.at(-1)), { type: 'open', which: 'reference' });
    await page.close();
  });

  it('drift: no shared column is an empty state, not an empty table', async () => {
    const page = await open('drift', drift([], []));
    await page.locator('.empty-state:not([hidden])').waitFor();
    assert.match((await page.locator('.empty-state').textContent()) ?? '', /No column is in both files/);
    assert.equal(await page.locator('.drift-overview').isHidden(), true);
    await page.close();
  });

  const report = (patch: Record<string, unknown>) => ({
    type: 'report',
    report: {
      inputFile: 'labels.csv',
      outputFile: 'labels.split.csv',
      column: 'split',
      rows: 40,
      summary: { seed: 42, names: ['train', 'test'], counts: { train: 30, test: 10 }, ratios: { train: 0.75, test: 0.25 }, byStratum: [], groups: null, groupsSpanning: 0, warnings: [] },
      balance: { classes: [HOSTILE, 'no'], counts: [[20, 4], [10, 6]], warnings: [{ code: 'fewExamples', split: 'test', label: HOSTILE, count: 4, message: `test has 4 examples of ${HOSTILE}` }] },
      classColumn: 'label',
      stratify: { label: 'label', slice: null },
      group: null,
      ...patch,
    },
  });

  it('split report: sizes, class balance with the few-examples cell marked, warnings, Save as Markdown', async () => {
    const page = await open('splitReport', report({}));
    await page.locator('.class-balance-table tbody tr').first().waitFor();
    assert.deepEqual(await page.locator('.split-sizes tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent)), ['train3075.0%', 'test1025.0%']);
    const first = await page.locator('.class-balance-table tbody tr').first().evaluate((tr) => [...tr.children].map((c) => [c.textContent, c.className]));
    assert.deepEqual(first, [[HOSTILE, ''], ['20 (66.7%)', 'num'], ['4 (40.0%)', 'num warn']]);
    assert.equal(await page.locator('.split-warnings li').textContent(), `⚠ test has 4 examples of ${HOSTILE}`);
    assert.equal(await page.locator('img').count(), 0);
    assert.match((await page.locator('.summary').textContent()) ?? '', /^40 rows, seed 42, stratified by label\. Written to labels\.split\.csv as column "split"\.$/);
    await page.locator('.class-balance canvas').waitFor();
    await page.locator('vscode-button', { hasText: 'Save Report as Markdown' }).click();
    assert.deepEqual(await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted.at(-1)), { type: 'saveMarkdown' });
    await page.close();
  });

  it('split report: no label column is an empty state; no warnings, no warning section', async () => {
    const page = await open('splitReport', report({ balance: { classes: [], counts: [], warnings: [] }, classColumn: null, stratify: { label: null, slice: null } }));
    await page.locator('.class-balance .empty-state').waitFor();
    assert.match((await page.locator('.class-balance .empty-state').textContent()) ?? '', /no label column/);
    assert.equal(await page.locator('.split-warnings').isHidden(), true);
    await page.close();
  });
});
