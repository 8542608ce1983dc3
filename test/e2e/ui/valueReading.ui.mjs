// Values are read one way everywhere: classes that differ only in whitespace or letter case are
// warnings in the Label Consistency, Metrics and Error Analysis views' banners and in the Problems panel, with
// the same figures as `loupe agreement`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI } from '../setup.mjs';
import { chooseColorTheme, expect, openLabelTable, runCommand, webviewFrame, webviewThemed } from './workbench.mjs';

export async function lookAlikeClassWarnings({ page, server, workspace, artifacts }) {
  const rows = ['id,text,label,prediction,labeler_1,labeler_2'];
  for (let i = 1; i <= 40; i++) {
    const label = i % 3 === 0 ? 'dog' : 'cat';
    const prediction = i % 7 === 0 ? 'Dog' : i % 5 === 0 ? 'dog' : label;
    rows.push(`${i},example ${i},${label},${prediction},${label},${i % 4 === 0 ? ` ${label}` : label}`);
  }
  const file = path.join(workspace, 'look-alike-classes.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  const cli = JSON.parse(execFileSync(process.execPath, [CLI, 'agreement', file, '--json'], { encoding: 'utf8' }));
  assert.equal(cli.warnings.length, 2);

  const table = await openLabelTable(page, server, workspace, 'look-alike-classes.csv');
  await table.locator('vscode-button', { hasText: 'Consistency' }).click();
  const consistency = await webviewFrame(page, '.data-table');
  const banner = consistency.locator('.problem-banner.warnings-only');
  await expect(() => banner.textContent(), (t) => assert.ok((t ?? '').includes(cli.warnings[0]) && (t ?? '').includes(cli.warnings[1]), t), 'the look-alike warnings in the Consistency banner');
  const stats = await consistency.locator('.data-table').first().locator('tbody tr td:nth-child(2)').allTextContents();
  assert.equal(stats[2].split(' ')[0], cli.krippendorffAlpha.toFixed(3), 'alpha as the CLI computes it');
  await page.screenshot({ path: path.join(artifacts, 'look-alike-consistency.png') });

  await runCommand(page, 'Loupe: Show Metrics');
  const metrics = await webviewFrame(page, '.confusion');
  await expect(() => metrics.locator('.problem-banner.warnings-only').textContent(), (t) => assert.match(t ?? '', /classes " cat" \(labeler_2\) and "cat" .* differ only in surrounding whitespace/), 'the warnings in the Metrics banner');
  await page.screenshot({ path: path.join(artifacts, 'look-alike-metrics.png') });
  // Three views side by side: the Consistency statistics wrap in their third of the window, the
  // alpha interval whole and in sight, no table wider than the view.
  await expect(
    () => consistency.evaluate(`[document.documentElement, ...document.querySelectorAll('.table-fit')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.className || e.tagName)`),
    (boxes) => assert.deepEqual(boxes, []),
    'nothing in Label Consistency is wider than its third of the window',
  );
  const interval = await consistency.locator('.data-table').first().locator('tbody tr').nth(2).locator('td:nth-child(2) .nowrap').nth(1).evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { text: e.textContent, left: r.left, right: r.right, width: document.documentElement.clientWidth };
  });
  assert.match(interval.text, /^\(95% CI /);
  assert.ok(interval.left >= 0 && interval.right <= interval.width, `the alpha interval is in sight: ${JSON.stringify(interval)}`);
  for (const [name, theme] of [
    ['dark', 'Dark Modern'],
    ['high-contrast', 'Dark High Contrast'],
    ['light', 'Light Modern'],
  ]) {
    await chooseColorTheme(page, theme);
    await webviewThemed(metrics, theme);
    const colors = await metrics.locator('.problem-banner').evaluate((banner) => {
      const s = getComputedStyle(banner);
      return [s.color, s.backgroundColor];
    });
    assert.notEqual(colors[0], colors[1], `${name}: the warning text differs from its background`);
    await page.screenshot({ path: path.join(artifacts, `look-alike-metrics-${name}.png`) });
  }

  await runCommand(page, 'Loupe: Show Error Analysis');
  const analysis = await webviewFrame(page, '.chart-box');
  await expect(() => analysis.locator('.problem-banner.warnings-only').textContent(), (t) => assert.ok((t ?? '').includes(cli.warnings[1]), t), 'the warnings in the Error Analysis banner');

  await page.keyboard.press('Control+Shift+M');
  const problems = page.locator('.markers-panel');
  await expect(() => problems.textContent(), (t) => assert.ok((t ?? '').includes('differ only in surrounding whitespace and letter case'), t), 'the warnings in the Problems panel');
  await page.screenshot({ path: path.join(artifacts, 'look-alike-problems.png') });
}
