// Splits, drift and data checks as a user reaches them: "Loupe: Split Dataset…" writes a new
// file, opens it and shows the split report (figures as `loupe split --json` prints them);
// "Loupe: Compare Dataset with Reference…" shows the drift view with the figures of
// `loupe drift --json`; a leaked example shows in the Problems panel.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI } from '../setup.mjs';
import { chooseColorTheme, expect, openLabelTable, openWorkbench, parseCsv, pickQuickItem, runCommand, runCommandAndPick, tableSettled, until, webview, webviewFrame, webviewThemed } from './workbench.mjs';

const THEMES = [
  ['dark', 'Dark Modern'],
  ['high-contrast', 'Dark High Contrast'],
  ['light', 'Light Modern'],
];

/** Waits for the quick input whose title contains `step`, types `value` when given, and accepts it. */
async function answer(page, step, value) {
  const title = page.locator('.quick-input-widget .quick-input-title');
  await until(() => title.textContent().catch(() => ''), (t) => (t ?? '').includes(step), `the prompt ${step}`);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  if (value !== undefined) await input.fill(value);
  await input.press('Enter');
}

async function choose(page, step, label) {
  const title = page.locator('.quick-input-widget .quick-input-title');
  await until(() => title.textContent().catch(() => ''), (t) => (t ?? '').includes(step), `the prompt ${step}`);
  await pickQuickItem(page, label);
}

async function applyTheme(page, theme) {
  await chooseColorTheme(page, theme);
}

export async function splitDatasetWrittenAndReported({ page, server, workspace, artifacts }) {
  await openLabelTable(page, server, workspace, 'speech-commands.csv');
  await runCommand(page, 'Loupe: Split Dataset…');
  await answer(page, '(1/6)');
  await answer(page, '(2/6)');
  await choose(page, '(3/6)', 'By label × device');
  await choose(page, '(4/6)', 'No group column');
  await answer(page, '(5/6)', '7');
  // The sample already has a "split" column: the suggested name is a new one.
  await until(() => page.locator('.quick-input-widget .quick-input-box input').inputValue().catch(() => ''), (v) => v === 'split_2', 'the suggested column name');
  await answer(page, '(6/6)');
  // The save dialog (VS Code's simple dialog in the browser) proposes a file beside the input.
  const out = path.join(workspace, 'speech-commands.split.csv');
  await until(() => page.locator('.quick-input-widget .quick-input-box input').inputValue().catch(() => ''), (v) => v.endsWith('speech-commands.split.csv'), 'the proposed output file');
  await page.locator('.quick-input-widget .quick-input-box input').press('Enter');

  const report = await webviewFrame(page, '.split-sizes tbody tr', 60_000);
  await expect(() => existsSync(out), (e) => assert.ok(e), 'the split file');
  const expected = JSON.parse(execFileSync(process.execPath, [CLI, 'split', path.join(workspace, 'speech-commands.csv'), '--ratios', '0.6,0.2,0.2', '--stratify', 'label,device', '--seed', '7', '--column', 'split_2', '--out', path.join(workspace, 'cli-split.csv'), '--json'], { encoding: 'utf8' }));
  const sizes = await report.locator('.split-sizes tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  assert.deepEqual(sizes.map((r) => [r[0], Number(r[1].replace(/,/g, ''))]), Object.entries(expected.counts), 'split sizes as loupe split --json');
  assert.equal(readFileSync(out, 'utf8'), readFileSync(path.join(workspace, 'cli-split.csv'), 'utf8'), 'the same file as loupe split writes');
  const written = parseCsv(readFileSync(out, 'utf8'));
  assert.equal(written[0].at(-1), 'split_2');
  // Class balance: the "yes" row counts what the file says.
  const yes = await report.locator('.class-balance-table tr[data-class="yes"] td').allTextContents();
  const counted = ['train', 'dev', 'test'].map((s) => written.slice(1).filter((r) => r[3] === 'yes' && r.at(-1) === s).length);
  assert.deepEqual(yes.slice(1).map((t) => Number(t.split(' ')[0].replace(/,/g, ''))), counted);
  assert.equal(await report.locator('.split-warnings li').count(), expected.warnings.length, 'one warning per split with fewer than 10 of a class');
  await report.locator('.class-balance canvas').waitFor();
  // The new file is open in a Loupe table.
  await page.locator('.tab', { hasText: 'speech-commands.split.csv' }).first().waitFor();
  await page.screenshot({ path: path.join(artifacts, 'split-report.png') });

  // Save report as Markdown: the save dialog proposes a file beside the split file.
  await report.locator('vscode-button', { hasText: 'Save Report as Markdown' }).click();
  await until(() => page.locator('.quick-input-widget .quick-input-box input').inputValue().catch(() => ''), (v) => v.endsWith('speech-commands.split.report.md'), 'the proposed report file');
  await page.locator('.quick-input-widget .quick-input-box input').press('Enter');
  const md = path.join(workspace, 'speech-commands.split.report.md');
  const text = await expect(() => (existsSync(md) ? readFileSync(md, 'utf8') : ''), (t) => assert.match(t, /^# Split of speech-commands\.csv/), 'the markdown report');
  for (const [name, n] of Object.entries(expected.counts)) assert.match(text, new RegExp(`\\| ${name} \\| ${n} \\|`));
  assert.match(text, /stratified by label × device/);

  // The report stays in view; readable in every theme (the title differs from the background).
  const shown = await webviewFrame(page, '.class-balance-table tbody tr');
  for (const [name, theme] of THEMES) {
    await applyTheme(page, theme);
    await webviewThemed(shown, theme);
    const colors = await shown.locator('h2.title').evaluate((h) => [getComputedStyle(h).color, getComputedStyle(h.ownerDocument.body).backgroundColor]);
    assert.notEqual(colors[0], colors[1], `${name}: text differs from the background`);
    await page.screenshot({ path: path.join(artifacts, `split-report-${name}.png`) });
  }
}

export async function driftViewMatchesCli({ page, server, workspace, artifacts }) {
  // A shifted copy: every other confidence lowered, a third of the rows from a new device.
  const rows = parseCsv(readFileSync(path.join(workspace, 'speech-commands.csv'), 'utf8'));
  const header = rows[0];
  const [ci, di] = [header.indexOf('confidence'), header.indexOf('device')];
  const shifted = rows.slice(1).map((r, i) => r.map((cell, j) => (j === ci && i % 2 === 0 ? (Number(cell) * 0.8).toFixed(4) : j === di && i % 3 === 0 ? 'car_kit' : cell)));
  const quote = (c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  writeFileSync(path.join(workspace, 'shifted.csv'), [header, ...shifted].map((r) => r.map(quote).join(',')).join('\n') + '\n');
  const expected = JSON.parse(execFileSync(process.execPath, [CLI, 'drift', path.join(workspace, 'speech-commands.csv'), path.join(workspace, 'shifted.csv'), '--json'], { encoding: 'utf8' }));
  assert.ok(expected.driftedColumns >= 2, 'the copy drifted');

  await openWorkbench(page, server, workspace);
  await runCommandAndPick(page, 'Loupe: Compare Dataset with Reference…', 'shifted.csv');
  await choose(page, '(2/2)', 'speech-commands.csv');
  const view = await webviewFrame(page, '.drift-overview tbody tr', 60_000);
  await expect(() => view.locator('.summary').textContent(), (t) => assert.match(t ?? '', new RegExp(`${expected.driftedColumns} of ${expected.columns.length} compared columns? drifted`)), 'the summary');
  const shown = await view.locator('.drift-overview tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  const fixed4 = (v) => (v === null || v === undefined ? '—' : v.toFixed(4));
  const p = (v) => (v === null || v === undefined ? '—' : v < 1e-4 ? v.toExponential(2) : v.toFixed(4));
  const order = [...expected.columns].sort((a, b) => Number(b.drifted) - Number(a.drifted));
  assert.deepEqual(shown.map((r) => r[0]), order.map((c) => c.name), 'drifted columns first, then in file order');
  for (const [i, c] of order.entries()) {
    const cat = c.kind === 'categorical';
    assert.deepEqual(shown[i].slice(2, 7), [cat ? fixed4(c.psi) : '—', cat ? fixed4(c.chi2) : '—', cat ? p(c.chi2P) : '—', c.ks ? fixed4(c.ks.d) : '—', c.ks ? p(c.ks.p) : '—'], `${c.name}: figures as loupe drift --json`);
    assert.equal(shown[i][9], c.drifted ? '⚠ drifted' : 'no');
  }
  const device = shown.find((r) => r[0] === 'device');
  assert.match(device[8], /"car_kit"/, 'the new category');
  await expect(() => view.locator('.drift-column canvas').count(), (n) => assert.equal(n, expected.columns.length), 'a chart per column');
  await page.screenshot({ path: path.join(artifacts, 'drift-view.png') });
  for (const [name, theme] of THEMES) {
    await applyTheme(page, theme);
    await webviewThemed(view, theme);
    const colors = await view.locator('.drift-column.drifted .badge').first().evaluate((b) => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]);
    assert.notEqual(colors[0], colors[1], `${name}: the drifted badge is readable`);
    await page.screenshot({ path: path.join(artifacts, `drift-view-${name}.png`) });
  }
}

export async function leakageInProblemsPanel({ page, server, workspace, artifacts }) {
  const lines = ['id,text,label,split', 'a1,turn the lights on,on,train', 'a2,stop the music,stop,train', 'a3,Turn the  lights ON ,on,test', 'a4,play jazz,play,dev'];
  writeFileSync(path.join(workspace, 'leaky.csv'), lines.join('\n') + '\n');
  await openLabelTable(page, server, workspace, 'leaky.csv');
  await runCommand(page, 'View: Toggle Problems');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'Leakage' }).first();
  await row.waitFor({ timeout: 30_000 });
  const text = await row.textContent();
  assert.match(text, /Leakage: the same text is in "train", "test" of "split": rows 1, 3 \(lines 2, 4\)/);
  await expect(() => page.locator('.markers-panel .monaco-list-row', { hasText: 'Data checks on "text"' }).count(), (n) => assert.equal(n, 1), 'the summary problem');
  await page.screenshot({ path: path.join(artifacts, 'data-checks-problems.png') });

  // The table shows the rows the problem names with its "Leaked across splits" filter.
  const leakedRows = text.match(/rows ([\d, ]+) \(/)[1].split(', ').map(Number);
  assert.deepEqual(leakedRows, [1, 3]);
  const view = webview(page);
  const choose = (value) =>
    view.locator('vscode-single-select.data-check-filter').evaluate((select, v) => {
      select.value = v;
      select.dispatchEvent(new select.ownerDocument.defaultView.Event('change'));
    }, value);
  await choose('leaked');
  await tableSettled(view, 'dataCheck');
  assert.match(await view.locator('.counts').textContent(), new RegExp(`^${leakedRows.length} of 4 rows`));
  assert.deepEqual(await view.locator('.grid-row:not([hidden]) .grid-cell:nth-child(2)').allTextContents().then((ids) => ids.map((t) => t.trim())), leakedRows.map((r) => lines[r].split(',')[0]));
  await choose('duplicate');
  await expect(() => view.locator('.counts').textContent(), (t) => assert.match(t, /^2 of 4 rows/), 'the duplicate rows');
  await page.screenshot({ path: path.join(artifacts, 'data-checks-table-filter.png') });
}
