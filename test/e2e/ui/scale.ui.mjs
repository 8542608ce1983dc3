// A generated 200k-row file: open it, filter to misclassified rows, sort by score; the count
// shown equals what `loupe info --json` reports.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { CLI, ROOT } from '../setup.mjs';
import { expect, openWorkbench, runCommandAndPick, webview, pressTableKey } from './workbench.mjs';

export async function bigFileFilterAndSort({ page, server, workspace, artifacts }) {
  const big = path.join(workspace, 'big-200k.csv');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tools', 'sample.ts'), '--rows', '200000', '--out', big, '--seed', '7'], { cwd: ROOT });
  const info = JSON.parse(execFileSync(process.execPath, [CLI, 'info', big, '--json'], { encoding: 'utf8' }));
  assert.equal(info.rows, 200000);

  await openWorkbench(page, server, workspace);
  await runCommandAndPick(page, 'Loupe: Open Label File', 'big-200k.csv');
  const view = webview(page);
  const counts = view.locator('.counts');
  await expect(() => counts.textContent(), (t) => assert.match(t ?? '', /^200,000 of 200,000 rows/), 'all rows loaded', 60_000);

  await view.locator('.grid-viewport').focus();
  await pressTableKey(page, 'm');
  const misclassified = info.misclassified.toLocaleString('en-US');
  await expect(() => counts.textContent(), (t) => assert.match(t ?? '', new RegExp(`^${misclassified} of 200,000 rows · ${misclassified} errors`)), 'misclassified count equals loupe info');

  // Sort by the score (confidence): ascending, then descending.
  const header = view.locator('.grid-header-cell', { hasText: 'confidence' });
  // Scroll the grid sideways to the column, as a user would, then click its header.
  await view.locator('.grid-viewport').evaluate((viewport) => {
    const cell = [...document.querySelectorAll('.grid-header-cell')].find((c) => c.textContent === 'confidence');
    viewport.scrollLeft = cell.offsetLeft - 200;
  });
  await header.click();
  // The confidence column's cells only (the file has other numeric columns: probabilities, label quality).
  const column = await header.getAttribute('data-column');
  const scores = async () => (await view.locator(`.grid-row:not(.loading) .grid-cell.cell-${column}`).allTextContents()).map(Number);
  await expect(scores, (s) => {
    assert.ok(s.length > 10);
    assert.deepEqual(s, [...s].sort((a, b) => a - b));
  }, 'ascending scores');
  await header.click();
  await expect(scores, (s) => {
    assert.ok(s.length > 10);
    assert.deepEqual(s, [...s].sort((a, b) => b - a));
    assert.ok(s[0] > 0.8, `highest score first: ${s[0]}`);
  }, 'descending scores');
  await expect(() => counts.textContent(), (t) => assert.match(t ?? '', new RegExp(`^${misclassified} of 200,000`)), 'count unchanged by sorting');
  await page.screenshot({ path: path.join(artifacts, 'big-file-misclassified-by-score.png') });
}
