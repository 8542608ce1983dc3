// Likely label errors as a user reaches them: "Loupe: Show Label Issues" on the sample shows the
// confident joint that `loupe issues --json` prints, cell by cell; an off-diagonal cell filters
// the table to the likely errors with its given label; an issue goes to its row in the table, clearing a filter that hides it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI } from '../setup.mjs';
import { contrast, THEMES } from './contrast.mjs';
import { chooseColorTheme, expect, openLabelTable, runCommand, tableSettled, webviewFrame, webviewThemed } from './workbench.mjs';

const loupe = (cwd, ...args) => execFileSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
const count = (text) => Number(text.trim().replaceAll(',', ''));

export async function labelIssuesView({ page, server, workspace, artifacts }) {
  await openLabelTable(page, server, workspace, 'speech-commands.csv');
  const cli = JSON.parse(loupe(workspace, 'issues', 'speech-commands.csv', '--json'));
  assert.ok(cli.issueCount > 50, `the sample has deliberately flipped labels: ${cli.issueCount}`);

  await runCommand(page, 'Loupe: Show Label Issues');
  const view = await webviewFrame(page, '.joint');
  await expect(() => view.locator('.summary').textContent(), (t) => assert.match(t ?? '', new RegExp(`^${cli.issueCount} likely label errors among 2,000 rows`)), 'the summary');
  const header = await view.locator('.joint thead th').allTextContents();
  assert.deepEqual(header.slice(1), cli.classes, 'columns: the likely true labels in the CLI order');
  const given = await view.locator('.joint tbody th').allTextContents();
  assert.deepEqual(given, cli.classes, 'rows: the given labels in the CLI order');
  const cells = await view.locator('.joint tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
  assert.deepEqual(cells.map((row) => row.map(count)), cli.confidentJoint, 'the confident joint, cell by cell');
  const shown = await view.locator('.issues-table tr.issue-row').evaluateAll((rows) => rows.slice(0, 10).map((r) => [...r.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent)));
  assert.deepEqual(shown, cli.issues.slice(0, 10).map((e) => [String(e.row), e.id, e.label, e.suggested]), 'the issues, lowest self-confidence first');
  assert.match(await view.locator('p.hint').first().textContent(), /out-of-sample/);
  await page.screenshot({ path: path.join(artifacts, 'label-issues.png') });

  // An off-diagonal cell: the table shows the likely label errors with that given label.
  const first = cli.issues[0];
  await view.locator(`.joint td[data-given="${first.label}"][data-likely="${first.suggested}"]`).click();
  const labelled = cli.issues.filter((e) => e.label === first.label).length;
  // Two webviews are open now: the table's frame is the one with the grid.
  const grid = await webviewFrame(page, '.grid-viewport');
  await expect(() => grid.locator('.counts').textContent(), (t) => assert.match(t ?? '', new RegExp(`^${labelled.toLocaleString('en-US')} of 2,000 rows`)), 'table filtered to the likely errors with the given label');
  await tableSettled(grid, 'columns likelyError');

  // The first issue is among those rows: the table goes to it.
  await view.locator(`.issues-table tr.issue-row[data-row="${first.row}"]`).click();
  const selected = grid.locator('.grid-row.selected');
  await expect(() => selected.locator('.grid-cell').nth(1).textContent(), (t) => assert.equal(t?.trim(), first.id), 'the first issue selected in the filtered table');

  // An issue with another label is hidden by the filter: the filter goes, the row is selected.
  const other = cli.issues.find((e) => e.label !== first.label);
  await view.locator(`.issues-table tr.issue-row[data-row="${other.row}"]`).click();
  await expect(() => selected.locator('.grid-cell').nth(1).textContent(), (t) => assert.equal(t?.trim(), other.id), 'the other issue selected after clearing the filter');
  await expect(() => grid.locator('.counts').textContent(), (t) => assert.match(t ?? '', /^2,000 of 2,000 rows/), 'the whole file shown');
  await page.screenshot({ path: path.join(artifacts, 'label-issues-row.png') });

  // The shaded cells stay readable in every theme: text against the shade blended over the page.
  const darkest = view.locator(`.joint td[data-given="yes"][data-likely="left"]`);
  for (const [name, theme] of THEMES) {
    await chooseColorTheme(page, theme);
    await webviewThemed(view, theme);
    await view.locator('.joint').scrollIntoViewIfNeeded();
    const [color, shade, page_] = await darkest.evaluate((td) => [getComputedStyle(td).color, getComputedStyle(td).backgroundColor, getComputedStyle(document.body).backgroundColor]);
    const ratio = contrast(color, blend(shade, page_));
    assert.ok(ratio >= 4.5, `${name}: a shaded cell (${color} on ${shade} over ${page_}) has contrast ${ratio.toFixed(2)}`);
    await page.screenshot({ path: path.join(artifacts, `label-issues-${name}.png`) });
  }
}

/** A computed colour with alpha (rgba(…) or color(srgb … / a)) over an opaque one, as rgb(…). */
function blend(top, under) {
  const channels = (css) => {
    const n = css.match(/[\d.]+/g).map(Number);
    return css.startsWith('color(') ? [n[0] * 255, n[1] * 255, n[2] * 255, n[3] ?? 1] : [n[0], n[1], n[2], n[3] ?? 1];
  };
  const [r, g, b, a] = channels(top);
  const [r0, g0, b0] = channels(under);
  return `rgb(${r * a + r0 * (1 - a)}, ${g * a + g0 * (1 - a)}, ${b * a + b0 * (1 - a)})`;
}

// Probabilities that cannot be used as they are: warnings in the Problems panel with their count
// and first lines, the same rows loupe issues reports; the view says what to do without columns.
export async function probabilityWarningsInProblemsPanel({ page, server, workspace, artifacts }) {
  const lines = ['id,label,p_cat,p_dog', 'a,cat,0.9,0.1', 'b,dog,0.2,0.8', 'c,cat,0.7,0.2', 'd,dog,0.1,1.4', 'e,cat,0.5,0.4'];
  writeFileSync(path.join(workspace, 'probs.csv'), lines.join('\n') + '\n');
  writeFileSync(path.join(workspace, 'plain.csv'), 'id,label,prediction\na,cat,cat\nb,dog,cat\n');
  await openLabelTable(page, server, workspace, 'probs.csv');
  await runCommand(page, 'View: Toggle Problems');
  const sum = page.locator('.markers-panel .monaco-list-row', { hasText: 'do not sum to 1' }).first();
  await sum.waitFor({ timeout: 30_000 });
  assert.match(await sum.textContent(), /2 rows have probabilities that do not sum to 1 ± 0\.01: used as they are, not renormalized.*first at lines 4, 6\)/);
  const range = page.locator('.markers-panel .monaco-list-row', { hasText: 'outside [0, 1]' }).first();
  assert.match(await range.textContent(), /1 row has a probability outside \[0, 1\]: left out of likely label errors.*first at line 5\)/);
  const cli = JSON.parse(loupe(workspace, 'issues', 'probs.csv', '--json'));
  assert.deepEqual(cli.probabilityProblems.map((p) => [p.kind, p.count, p.lines]), [['outOfRange', 1, [5]], ['notSummingToOne', 2, [4, 6]]]);
  await page.screenshot({ path: path.join(artifacts, 'probability-problems.png') });

  await runCommand(page, 'View: Toggle Problems');
  await openLabelTable(page, server, workspace, 'plain.csv', { reload: false });
  await runCommand(page, 'Loupe: Show Label Issues');
  // The Label Issues view's own frame (the table's page has an empty state too).
  const view = await webviewFrame(page, '.noise-table');
  await expect(() => view.locator('.empty-state').textContent(), (t) => assert.match(t ?? '', /no per-class probability columns\. Add one column per class named p_<class>/), 'the empty state');
}
