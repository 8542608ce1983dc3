// Likely label errors as a user works them: open a file with p_<class> columns, filter the likely
// errors, sort by label quality, relabel the top row with the review key, undo, redo, confirm the
// next one's label, save; the sidecar holds both decisions, `loupe issues` names the same rows,
// and Apply Label Fixes changes exactly the relabeled cell.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI } from '../setup.mjs';
import { contrast, THEMES } from './contrast.mjs';
import { chooseColorTheme, expect, openLabelTable, parseCsv, runCommandAndPick, tableSettled, webviewThemed, pressTableKey } from './workbench.mjs';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src/worker/fixtures/wine-probabilities.csv');

export async function relabelLikelyLabelErrors({ page, server, workspace, artifacts }) {
  const csv = path.join(workspace, 'wine.csv');
  copyFileSync(FIXTURE, csv);
  const cli = JSON.parse(execFileSync(process.execPath, [CLI, 'issues', csv, '--json'], { encoding: 'utf8' }));
  assert.ok(cli.issues.length >= 3, 'the fixture has likely label errors');
  const [first, second] = cli.issues;

  const view = await openLabelTable(page, server, workspace, 'wine.csv');
  const counts = view.locator('.counts');
  const line = view.locator('.label-issues-line');
  await expect(() => line.textContent(), (t) => assert.match(t, new RegExp(`^${cli.issueCount} likely label errors \\(${((cli.issueCount / cli.used) * 100).toFixed(1)}%\\) · by label: `)), 'the summary line');

  // Filter (l), then sort by label quality from the header: the lowest first, as the CLI ranks them.
  await view.locator('.grid-viewport').focus();
  await pressTableKey(page, 'l');
  await tableSettled(view, 'likelyError');
  await expect(() => counts.textContent(), (t) => assert.match(t, new RegExp(`^${cli.issueCount} of 178 rows`)), 'the likely errors');
  await view.locator('.grid-header-cell[data-column="labelQuality"]').click();
  await view.locator('.grid-header-cell[data-column="labelQuality"][aria-sort="ascending"]').waitFor();
  const topId = () => view.locator('.grid-row[data-position="0"]:not(.loading) .grid-cell').nth(1).textContent();
  await expect(topId, (id) => assert.equal(id, first.id), 'the lowest label quality first');
  await expect(
    () => view.locator('.grid-row:not(.loading) .cell-labelQuality').allTextContents(),
    (shown) => assert.deepEqual(shown.slice(0, 3), cli.issues.slice(0, 3).map((e) => e.selfConfidence.toFixed(4))),
    'label quality as the CLI computes it',
  );

  // Review mode walks the queue; the detail pane says what the probabilities say.
  await view.locator('.grid-viewport').focus();
  await pressTableKey(page, 'r');
  const card = view.locator('.detail .label-card');
  await expect(() => card.locator('.label-facts').textContent(), (t) => assert.equal(t, `given: ${first.label} · label quality ${first.selfConfidence.toFixed(4)} · suggested: ${first.suggested}`), 'the label card');
  await expect(() => view.locator('.status-line').textContent(), (t) => assert.match(t, /s suggested label · c label is right/), 'the review keys');
  await page.screenshot({ path: path.join(artifacts, 'label-issues-review.png') });

  // s: relabel to the suggestion; the row leaves the queue and the next one comes up.
  await page.keyboard.press('s');
  await expect(topId, (id) => assert.equal(id, second.id), 'the next likely error on top');
  await expect(() => counts.textContent(), (t) => assert.match(t, new RegExp(`^${cli.issueCount - 1} of 178 rows`)), 'one fewer to review');
  await expect(() => page.locator('.tab.active.dirty').count(), (n) => assert.equal(n, 1), 'dirty tab');
  await page.keyboard.press('Control+z');
  await expect(topId, (id) => assert.equal(id, first.id), 'undo brings the row back');
  await page.keyboard.press('Control+Shift+z');
  await expect(topId, (id) => assert.equal(id, second.id), 'redo relabels it again');

  // c: the next one's label is right: it leaves the queue too, and no cell will change for it.
  await view.locator('.grid-viewport').focus();
  await expect(() => card.locator('.label-facts').textContent(), (t) => assert.match(t, new RegExp(`^given: ${second.label} ·`)), 'the second row in the card');
  await page.keyboard.press('c');
  await expect(() => counts.textContent(), (t) => assert.match(t, new RegExp(`^${cli.issueCount - 2} of 178 rows`)), 'two decided');
  await expect(() => line.textContent(), (t) => assert.match(t, new RegExp(` · ${cli.issueCount - 2} to review · `)), 'the summary counts what is left');

  await page.keyboard.press('Control+s');
  const sidecar = path.join(workspace, '.loupe', 'annotations', 'wine.csv.jsonl');
  await expect(
    () => (existsSync(sidecar) ? readFileSync(sidecar, 'utf8').trim().split('\n').slice(1) : []),
    (l) => assert.deepEqual(l, [JSON.stringify({ id: first.id, label: first.suggested }), JSON.stringify({ id: second.id, label: second.label })].sort()),
    'both decisions in the sidecar',
  );
  // The CLI reads the unchanged CSV: the relabeled rows are its likely errors, with the suggestion the table took.
  const again = JSON.parse(execFileSync(process.execPath, [CLI, 'issues', csv, '--json'], { encoding: 'utf8' }));
  assert.deepEqual(again.issues.slice(0, 2).map((e) => [e.id, e.suggested]), [[first.id, first.suggested], [second.id, second.suggested]]);

  // Apply Label Fixes: only the relabeled cell changes (confirming a label changes nothing).
  const pathInput = page.locator('.quick-input-widget .quick-input-box input');
  for (let attempt = 1; ; attempt++) {
    await runCommandAndPick(page, 'Loupe: Apply Label Fixes', 'Write a new file');
    try {
      await expect(() => pathInput.inputValue(), (v) => assert.match(v, /wine-fixed\.csv$/), 'the suggested file name', 10_000);
      break;
    } catch (error) {
      // The choice closed without being taken (a view took the keyboard focus as Enter went): no
      // save dialog came, nothing was written. The person runs the command again.
      if (attempt >= 3 || (await page.locator('.quick-input-widget').isVisible()) || existsSync(path.join(workspace, 'wine-fixed.csv'))) throw error;
    }
  }
  await page.keyboard.press('Enter');
  const fixed = path.join(workspace, 'wine-fixed.csv');
  await expect(() => existsSync(fixed), (ok) => assert.ok(ok), 'the fixed file');
  const before = parseCsv(readFileSync(csv, 'utf8'));
  const after = parseCsv(readFileSync(fixed, 'utf8'));
  const label = before[0].indexOf('label');
  const changed = after.map((fields, i) => (fields.join(',') !== before[i].join(',') ? i : -1)).filter((i) => i >= 0);
  assert.deepEqual(changed, [first.row], 'one line changed: the relabeled row');
  assert.equal(after[first.row][label], first.suggested);
  assert.deepEqual(after[first.row].filter((_, i) => i !== label), before[first.row].filter((_, i) => i !== label));
  await page.screenshot({ path: path.join(artifacts, 'label-issues-applied.png') });
}

/** The likely-error cells and the label card in every theme: readable (WCAG AA for text), as screenshots to look at. */
export async function labelIssuesInEveryTheme({ page, server, workspace, artifacts }) {
  copyFileSync(FIXTURE, path.join(workspace, 'wine.csv'));
  const view = await openLabelTable(page, server, workspace, 'wine.csv');
  await view.locator('.grid-viewport').focus();
  await pressTableKey(page, 'l');
  await tableSettled(view, 'likelyError');
  await page.keyboard.press('ArrowDown');
  await pressTableKey(page, ' ');
  await view.locator('.detail .label-card .label-prob').first().waitFor();
  for (const [name, theme] of THEMES) {
    await chooseColorTheme(page, theme);
    await webviewThemed(view, theme);
    const pairs = await view.locator('#app').evaluate(() => {
      const background = (element) => {
        for (let e = element; e; e = e.parentElement) {
          const c = getComputedStyle(e).backgroundColor;
          if (c && c !== 'transparent' && !/rgba\(.*, 0\)$/.test(c)) return c;
        }
        return getComputedStyle(document.body).backgroundColor;
      };
      const pair = (selector) => {
        const e = document.querySelector(selector);
        return e ? [getComputedStyle(e).color, background(e)] : null;
      };
      return {
        cell: pair('.grid-row:not(.selected) .cell-labelQuality.likely-error'),
        chip: pair('.label-card .label-prob'),
        facts: pair('.label-card .label-facts'),
        summary: pair('.label-issues-line'),
      };
    });
    for (const [what, colors] of Object.entries(pairs)) {
      assert.ok(colors, `${name}: ${what} shown`);
      const ratio = contrast(colors[0], colors[1]);
      assert.ok(ratio >= 4.5, `${name}: ${what} contrast ${ratio.toFixed(2)} (${colors.join(' on ')})`);
    }
    await page.screenshot({ path: path.join(artifacts, `label-issues-${name}.png`) });
  }
}
