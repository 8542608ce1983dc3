// Error analysis as a user does it: tag three misclassified rows by keyboard, save, open the
// Error Analysis view; its numbers equal `loupe tags --json` on the saved files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { CLI } from '../setup.mjs';
import { expect, openLabelTable, runCommand, webviewFrame, pressTableKey } from './workbench.mjs';

export async function tagThreeRowsThenAnalyze({ page, server, workspace, artifacts }) {
  const view = await openLabelTable(page, server, workspace, 'speech-commands.csv');
  await view.locator('.grid-viewport').focus();
  await pressTableKey(page, 'm');
  await expect(() => view.locator('.counts').textContent(), (t) => assert.match(t ?? '', /^219 of 2,000/), 'misclassified rows');
  for (const tag of ['mic clipping', 'mic clipping', 'reverb']) {
    await page.keyboard.press('ArrowDown');
    await view.locator('.grid-row.selected.error:not(.loading)').waitFor();
    await pressTableKey(page, 't');
    await view.locator('.tag-picker:not([hidden])').waitFor();
    await page.keyboard.type(tag);
    await page.keyboard.press('Enter');
    await view.locator('.grid-row.selected .tag-chip', { hasText: tag }).waitFor();
  }
  await page.keyboard.press('Control+s');
  await expect(() => page.locator('.tab.dirty').count(), (n) => assert.equal(n, 0), 'saved');

  await runCommand(page, 'Loupe: Show Error Analysis');
  const analysis = await webviewFrame(page, '.data-table tbody tr');
  await expect(() => analysis.locator('.data-table tbody tr').count(), (n) => assert.ok(n >= 3), 'tag rows');
  const cli = JSON.parse(execFileSync(process.execPath, [CLI, 'tags', path.join(workspace, 'speech-commands.csv'), '--json'], { encoding: 'utf8' }));
  const shown = await analysis.locator('.data-table tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.querySelector('vscode-textfield')?.value ?? td.textContent.trim())),
  );
  const pct = (v, d = 1) => (v === null ? '—' : `${(v * 100).toFixed(d)}%`);
  // Gaps, gains and priorities are points of accuracy, as in the CLI's tables.
  const pts = (v) => (v === null ? '—' : `${(v * 100).toFixed(2)} pts`);
  const accuracy = (t) => `${pct(t.accuracy)}${t.smallSample && t.count > 0 ? ' small n' : ''}`;
  assert.equal(shown.length, cli.tags.length, 'one row per tag, untagged included');
  cli.tags.forEach((t, i) => {
    const row = shown[i];
    assert.equal(row[0], t.tag ?? '(untagged)', `order of row ${i}`);
    assert.deepEqual(
      [row[1], row[2], row[3], row[4], row[5], row[6], row[7].replace(' (set)', ''), row[8], row[9], row[12]],
      [t.count.toLocaleString('en-US'), t.errors.toLocaleString('en-US'), pct(t.shareOfErrors), pct(t.errorRateInTag), pct(t.shareOfData), accuracy(t), pct(t.hlp), pts(t.gapToHlp), pts(t.potentialGain), pts(t.priority)],
      `numbers of ${t.tag}`,
    );
  });
  const clip = cli.tags.find((t) => t.tag === 'mic clipping');
  assert.deepEqual([clip.count, clip.errors], [2, 2]);
  assert.match(await analysis.locator('.summary').textContent(), /tagged \d+ of 219 errors/);
  await page.screenshot({ path: path.join(artifacts, 'error-analysis.png') });

  // A click on a tag filters the table to it.
  await analysis.locator('.tag-link', { hasText: 'mic clipping' }).click();
  const table = await webviewFrame(page, '.grid-viewport');
  await expect(() => table.locator('.counts').textContent(), (t) => assert.match(t ?? '', /^2 of 2,000 rows/), 'table filtered to the tag');
}
