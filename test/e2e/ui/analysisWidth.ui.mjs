// The analysis tables fit a 1600×900 window without horizontal scrolling: Error Analysis, the
// Metrics view's per-class, confusion and slice tables. Measured as the user sees them.
import assert from 'node:assert/strict';
import path from 'node:path';
import { openLabelTable, runCommand, webviewFrame } from './workbench.mjs';

/** Each table's width against the page's, and whether the page scrolls sideways. */
async function widths(view) {
  return view.locator('body').evaluate(() => ({
    page: document.documentElement.clientWidth,
    scrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
    tables: [...document.querySelectorAll('table')].map((t) => ({ name: t.className || t.getAttribute('aria-label') || 'table', width: Math.round(t.getBoundingClientRect().right), wrapper: t.parentElement.scrollWidth > t.parentElement.clientWidth + 1 })),
  }));
}

export async function analysisTablesFitAt1600({ page, server, workspace, artifacts }) {
  await page.setViewportSize({ width: 1600, height: 900 });
  const table = await openLabelTable(page, server, workspace, 'speech-commands.csv');
  await runCommand(page, 'Loupe: Show Error Analysis');
  const analysis = await webviewFrame(page, '.data-table tbody tr');
  const a = await widths(analysis);
  console.log(`    error analysis: page ${a.page}px, tables ${a.tables.map((t) => `${t.name} ${t.width}px`).join(', ')}`);
  await page.screenshot({ path: path.join(artifacts, 'error-analysis-1600.png') });
  assert.ok(!a.scrolls && a.tables.every((t) => t.width <= a.page && !t.wrapper), `Error Analysis scrolls sideways at 1600 px: ${JSON.stringify(a)}`);

  await table.locator('vscode-button', { hasText: 'Metrics' }).click();
  const metrics = await webviewFrame(page, '.confusion');
  await metrics.locator('.slices tr').first().waitFor();
  const m = await widths(metrics);
  console.log(`    metrics: page ${m.page}px, tables ${m.tables.map((t) => `${t.name} ${t.width}px`).join(', ')}`);
  await page.screenshot({ path: path.join(artifacts, 'metrics-1600.png') });
  await metrics.locator('.slices').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(artifacts, 'metrics-slices-1600.png') });
  assert.ok(!m.scrolls && m.tables.every((t) => t.width <= m.page && !t.wrapper), `Metrics scrolls sideways at 1600 px: ${JSON.stringify(m)}`);
}
