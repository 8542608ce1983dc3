// The analysis views fit their panel in a 1600 × 900 window: opened beside the table (half the
// editor area) and alone, no table needs sideways scrolling; folded columns are named.
import assert from 'node:assert/strict';
import path from 'node:path';
import { chooseColorTheme, expect, openLabelTable, runCommand, webviewFrame, webviewThemed } from './workbench.mjs';

/** Boxes wider than their room in the view: the page itself and every table's wrapper. */
const overflowing = (frame) =>
  frame.evaluate(`[document.documentElement, ...document.querySelectorAll('.table-fit, .confusion-box')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.className || e.tagName)`);
const viewWidth = (frame) => frame.evaluate('document.documentElement.clientWidth');

/** Checks the view (the webview showing `selector`) beside the table, then alone; returns its frame, which moving recreates. */
async function fitsBesideAndAlone(page, selector, tab, name, artifacts) {
  let frame = await webviewFrame(page, selector);
  const beside = await viewWidth(frame);
  assert.ok(beside >= 500 && beside <= 900, `beside the table the view is about half the window (${beside} px)`);
  await expect(() => overflowing(frame), (boxes) => assert.deepEqual(boxes, []), `nothing overflows at ${beside} px`);
  await page.screenshot({ path: path.join(artifacts, `${name}-beside.png`) });
  // Alone: one editor group, the view as its active tab.
  await runCommand(page, 'View: Single Column Editor Layout');
  await page.locator('.tab', { hasText: tab }).first().click();
  // Moving the view recreates its frame: look it up again until it has its new width.
  const alone = async () => {
    const found = await webviewFrame(page, selector);
    return { found, width: await viewWidth(found).catch(() => 0) };
  };
  frame = (await expect(alone, ({ width }) => assert.ok(width > 1100, `${width} px`), 'the view alone in the editor area')).found;
  await expect(() => overflowing(frame), (boxes) => assert.deepEqual(boxes, []), 'nothing overflows alone');
  await page.screenshot({ path: path.join(artifacts, `${name}-alone.png`) });
  return frame;
}

export async function errorAnalysisFitsAt1600({ page, server, workspace, artifacts }) {
  await page.setViewportSize({ width: 1600, height: 900 });
  await openLabelTable(page, server, workspace, 'speech-commands.csv');
  await runCommand(page, 'Loupe: Show Error Analysis');
  const analysis = await webviewFrame(page, '.tag-table[data-folded] tbody tr');
  const folded = Number(await analysis.locator('.tag-table').getAttribute('data-folded'));
  if (folded > 0) assert.match(await analysis.locator('.fold-note').textContent(), new RegExp(`^${folded} columns? folded \\(`));
  const alone = await fitsBesideAndAlone(page, '.tag-table[data-folded] tbody tr', 'Error Analysis', 'fit-error-analysis', artifacts);
  await expect(() => alone.locator('.tag-table').getAttribute('data-folded'), (n) => assert.equal(n, '0'), 'every column shown alone');
  for (const [themeName, theme] of [['light', 'Light Modern'], ['dark', 'Dark Modern'], ['high-contrast', 'Dark High Contrast'], ['light-high-contrast', 'Light High Contrast']]) {
    await chooseColorTheme(page, theme);
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await webviewThemed(alone, theme);
    await page.screenshot({ path: path.join(artifacts, `fit-error-analysis-${themeName}.png`) });
  }
}

export async function metricsFitsAt1600({ page, server, workspace, artifacts }) {
  await page.setViewportSize({ width: 1600, height: 900 });
  const table = await openLabelTable(page, server, workspace, 'speech-commands.csv');
  await table.locator('vscode-button', { hasText: 'Metrics' }).click();
  await webviewFrame(page, '.slices tr.flagged');
  const metrics = await fitsBesideAndAlone(page, '.slices tr.flagged', 'Metrics:', 'fit-metrics', artifacts);
  await chooseColorTheme(page, 'Dark High Contrast');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await webviewThemed(metrics, 'Dark High Contrast');
  await page.screenshot({ path: path.join(artifacts, 'fit-metrics-high-contrast.png') });
}
