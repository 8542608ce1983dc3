// Did the change help? The Comparison view as a user reaches it: from the palette on the sample's
// two prediction columns, and from the Experiments tree's "Compare with…" on two records made
// with `loupe record --dataset`. Every figure in the view is checked against `loupe compare --json`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI } from '../setup.mjs';
import { chooseColorTheme, contextMenu, expect, openLabelTable, openWorkbench, parseCsv, pickQuickItem, runCommand, tableSettled, tickQuickItem, webviewFrame, webviewThemed, pressTableKey } from './workbench.mjs';
import { contrast, THEMES } from './contrast.mjs';

const loupe = (cwd, ...args) => execFileSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });


const num = (v) => (v === '' ? null : Number(v));

/** The exact values the view shows (its `data-value`s), in the shape of `loupe compare --json`. */
async function figuresInView(view) {
  const figure = async (name) => num(await view.locator(`[data-figure="${name}"]`).first().getAttribute('data-value'));
  const rows = async (table) =>
    view.locator(`table[data-table="${table}"] tbody tr`).evaluateAll((trs) =>
      trs.map((tr) => ({
        names: [...tr.querySelectorAll('th')].map((th) => th.textContent),
        values: [...tr.querySelectorAll('td[data-value]')].map((td) => (td.dataset.value === '' ? null : Number(td.dataset.value))),
        small: tr.classList.contains('small'),
      })),
    );
  const groups = (list) => list.map((r) => ({ names: r.names, n: r.values[0], accuracyA: r.values[1], accuracyB: r.values[2], delta: r.values[3], fixed: r.values[4], broken: r.values[5], small: r.small }));
  return {
    n: num(await view.locator('.verdict').getAttribute('data-n')),
    bothRight: await figure('bothRight'),
    fixed: await figure('fixed'),
    broken: await figure('broken'),
    bothWrong: await figure('bothWrong'),
    mcnemar: { exactP: await figure('exactP'), chi2: await figure('chi2'), chi2P: await figure('chi2P') },
    accuracyA: await figure('accuracyA'),
    accuracyB: await figure('accuracyB'),
    macroF1A: await figure('macroF1A'),
    macroF1B: await figure('macroF1B'),
    perClass: (await rows('per-class')).map((r) => ({ class: r.names[0], support: r.values[0], recallA: r.values[1], recallB: r.values[2] })),
    perTag: groups(await rows('per-tag')),
    perSlice: groups(await rows('per-slice')),
  };
}

/** The same figures from the CLI's report. */
function figuresOfReport(r) {
  const group = (g, names) => ({ names, n: g.n, accuracyA: g.accuracyA, accuracyB: g.accuracyB, delta: g.delta, fixed: g.fixed, broken: g.broken, small: g.small });
  return {
    n: r.n,
    bothRight: r.bothRight,
    fixed: r.fixed,
    broken: r.broken,
    bothWrong: r.bothWrong,
    mcnemar: r.mcnemar,
    accuracyA: r.accuracyA,
    accuracyB: r.accuracyB,
    macroF1A: r.macroF1A,
    macroF1B: r.macroF1B,
    perClass: r.perClass,
    perTag: r.perTag.map((g) => group(g, [g.tag])),
    perSlice: r.perSlice.map((g) => group(g, [g.column, g.value])),
  };
}

export async function comparePredictionColumnsFromThePalette({ page, server, workspace, artifacts }) {
  await openLabelTable(page, server, workspace, 'speech-commands.csv');
  await runCommand(page, 'Loupe: Compare Predictions…');
  await pickQuickItem(page, 'Two prediction columns of this file');
  // The candidates: the prediction column first, then the second model's column (never a slice such as device first).
  await expect(() => page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name').allTextContents(), (names) => assert.deepEqual(names.slice(0, 2), ['prediction', 'prediction_v2']), 'the candidate columns for A');
  await pickQuickItem(page, 'prediction');
  await expect(() => page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name').first().textContent(), (name) => assert.equal(name, 'prediction_v2'), 'the candidates for B, without A');
  await pickQuickItem(page, 'prediction_v2');

  const view = await webviewFrame(page, '.verdict', 60_000);
  const report = JSON.parse(loupe(workspace, 'compare', 'speech-commands.csv', '--a', 'prediction', '--b', 'prediction_v2', '--json'));
  assert.deepEqual(await figuresInView(view), figuresOfReport(report), 'the view shows the figures of loupe compare --json');
  assert.ok(report.fixed > report.broken && report.broken > 0, 'the sample\'s second model fixes some examples and breaks a few');
  assert.equal(await view.locator('.verdict').getAttribute('data-verdict'), 'better');
  assert.match(await view.locator('.verdict').textContent(), /^B is significantly better than A — 90 fixed vs 25 broken; McNemar exact p = 8\.37e-10 < 0\.05$/);
  assert.match(await view.locator('h2.title').textContent(), /speech-commands\.csv: "prediction" \(A\) vs "prediction_v2" \(B\)/);
  assert.equal(await view.locator('[data-figure="fixed"]').textContent(), '90 fixed by B (4.5%)');
  const firstSlice = view.locator('table[data-table="per-slice"] tbody tr').first();
  assert.deepEqual(await firstSlice.locator('th').allTextContents(), ['noise', 'low_bandwidth'], 'the slice that changed most comes first');
  assert.equal(await firstSlice.locator('td.delta').textContent(), '+17.2 pts');
  assert.match(await view.locator('table[data-table="per-tag"] tr.small').first().textContent(), /small: n < 30, read with care/);
  await page.screenshot({ path: path.join(artifacts, 'comparison-columns.png') });

  for (const [name, theme] of THEMES) {
    await chooseColorTheme(page, theme);
    await webviewThemed(view, theme);
    for (const selector of ['td.delta.up', 'td.outcome-fixed strong', 'td.outcome-broken strong']) {
      const [color, background] = await view.locator(selector).first().evaluate((d) => [getComputedStyle(d).color, getComputedStyle(document.body).backgroundColor]);
      const ratio = contrast(color, background);
      assert.ok(ratio >= 4.5, `${name}: ${selector} (${color} on ${background}) has contrast ${ratio.toFixed(2)}`);
    }
    await page.screenshot({ path: path.join(artifacts, `comparison-${name}.png`) });
  }
}

/** A copy of the sample as a second model's output: its predictions are prediction_v2, a few rows are missing and two are new. */
function writeSecondModelFile(workspace) {
  const rows = parseCsv(readFileSync(path.join(workspace, 'speech-commands.csv'), 'utf8'));
  const header = rows[0];
  const [id, prediction, v2] = ['id', 'prediction', 'prediction_v2'].map((name) => header.indexOf(name));
  const quote = (field) => (/[",\n\r]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);
  const body = rows.slice(1).filter((r) => r.length === header.length && !['utt-0000003', 'utt-0000004', 'utt-0000005'].includes(r[id]));
  const out = [header.filter((_, k) => k !== v2), ...body.map((r) => r.map((f, k) => (k === prediction ? r[v2] : f)).filter((_, k) => k !== v2))];
  const extra = out[1].map((f, k) => (k === id ? 'utt-9000001' : f));
  const extra2 = out[1].map((f, k) => (k === id ? 'utt-9000002' : f));
  writeFileSync(path.join(workspace, 'speech-commands-v2.csv'), [...out, extra, extra2].map((r) => r.map(quote).join(',')).join('\n') + '\n');
}

const treeRow = (page, name) => page.locator('.pane-body .monaco-list-row', { hasText: name }).first();
/** A message in the notification center (toasts are not shown in this test setup). */
async function notification(page, text) {
  const center = page.locator('.notifications-center');
  if (!(await center.isVisible())) await page.locator('[id="status.notifications"]').click();
  await center.waitFor({ state: 'visible', timeout: 10_000 });
  const item = page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
  await item.waitFor({ timeout: 30_000 });
  return item;
}

const treeMenu = (page, name, item) => contextMenu(page, treeRow(page, name), item);

export async function compareTwoRecordsFromTheExperimentsTree({ page, server, workspace, artifacts }) {
  mkdirSync(path.join(workspace, '.loupe'));
  writeSecondModelFile(workspace);
  loupe(workspace, 'record', '--name', 'model v1', '--dataset', 'speech-commands.csv');
  loupe(workspace, 'record', '--name', 'model v2', '--dataset', 'speech-commands-v2.csv');
  writeFileSync(path.join(workspace, 'gone.csv'), readFileSync(path.join(workspace, 'speech-commands-v2.csv')));
  loupe(workspace, 'record', '--name', 'model v3', '--dataset', 'gone.csv');
  rmSync(path.join(workspace, 'gone.csv'));

  await openWorkbench(page, server, workspace);
  await runCommand(page, 'Loupe: Focus on Experiments View');
  await treeRow(page, 'model v2').waitFor({ timeout: 30_000 });

  // A record whose file is gone: the per-example comparison says exactly what is missing.
  await treeMenu(page, 'model v3', 'Compare with…');
  await tickQuickItem(page, 'model v1');
  await page.keyboard.press('Enter');
  const missing = await notification(page, 'no per-example comparison');
  assert.match(await missing.textContent(), /gone\.csv, the dataset of "model v3", is no longer in the workspace/);
  await page.screenshot({ path: path.join(artifacts, 'comparison-records-missing.png') });
  await missing.hover();
  await missing.locator('.codicon-notifications-clear').click();

  // Two records made with --dataset, both files present: offered, then opened.
  await treeMenu(page, 'model v2', 'Compare with…');
  await tickQuickItem(page, 'model v1');
  await page.keyboard.press('Enter');
  const offer = await notification(page, 'can be compared example by example');
  await offer.locator('.monaco-button', { hasText: 'Compare Examples' }).click();
  await page.locator('[id="status.notifications"]').click();
  await page.locator('.notifications-center').waitFor({ state: 'hidden' });

  const view = await webviewFrame(page, '.verdict', 60_000);
  const report = JSON.parse(loupe(workspace, 'compare', 'speech-commands.csv', 'speech-commands-v2.csv', '--json'));
  assert.deepEqual(await figuresInView(view), figuresOfReport(report), 'the view shows the figures of loupe compare --json');
  assert.match(await view.locator('h2.title').textContent(), /model v1 \(A\) vs model v2 \(B\)/);
  assert.deepEqual([report.unmatched.onlyA, report.unmatched.onlyB], [3, 2]);
  assert.deepEqual([await view.locator('[data-figure="onlyA"]').getAttribute('data-value'), await view.locator('[data-figure="onlyB"]').getAttribute('data-value')], ['3', '2']);
  assert.match(await view.locator('[data-figure="onlyA"]').textContent(), /utt-0000003, utt-0000004, utt-0000005/);
  assert.match(await view.locator('[data-figure="onlyB"]').textContent(), /utt-9000001, utt-9000002/);
  assert.match(await view.locator('.note').first().textContent(), /^The records differ: the two files do not hold the same ids/);
  await view.locator('[data-figure="onlyA"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(artifacts, 'comparison-records.png') });
}

/**
 * The loop as a user runs it on one file: a record of the first model, another after the second
 * model's column became the prediction column, then "Compare with…" → "Compare Examples" → a click
 * on "fixed" → the table shows exactly those rows, with both predictions side by side.
 */
export async function showTheRowsFixedByBFromTheExperimentsTree({ page, server, workspace, artifacts }) {
  mkdirSync(path.join(workspace, '.loupe'));
  loupe(workspace, 'record', '--name', 'model v1', '--dataset', 'speech-commands.csv');
  const config = path.join(workspace, '.loupe', 'config.json');
  writeFileSync(config, JSON.stringify({ version: 1, datasets: { 'speech-commands.csv': { roles: { prediction: 'other', prediction_v2: 'prediction' } } } }));
  loupe(workspace, 'record', '--name', 'model v2', '--dataset', 'speech-commands.csv');
  rmSync(config);

  await openWorkbench(page, server, workspace);
  await runCommand(page, 'Loupe: Focus on Experiments View');
  await treeRow(page, 'model v2').waitFor({ timeout: 30_000 });
  await treeMenu(page, 'model v2', 'Compare with…');
  await tickQuickItem(page, 'model v1');
  await page.keyboard.press('Enter');
  const offer = await notification(page, 'can be compared example by example');
  await offer.locator('.monaco-button', { hasText: 'Compare Examples' }).click();
  await page.locator('[id="status.notifications"]').click();
  await page.locator('.notifications-center').waitFor({ state: 'hidden' });

  const view = await webviewFrame(page, '.verdict', 60_000);
  assert.match(await view.locator('h2.title').textContent(), /model v1 \(A\) vs model v2 \(B\)/);
  const report = JSON.parse(loupe(workspace, 'compare', 'speech-commands.csv', '--a', 'prediction', '--b', 'prediction_v2', '--json'));
  const fixed = Number(await view.locator('[data-figure="fixed"]').getAttribute('data-value'));
  assert.equal(fixed, report.fixed, 'the view counts what loupe compare counts');
  await view.locator('[data-figure="fixed"] button.rows-link').click();

  const table = await webviewFrame(page, '#app[data-filters="comparison"]', 60_000);
  await tableSettled(table, 'comparison', 60_000);
  await expect(() => table.locator('.counts').textContent(), (text) => assert.match(text, new RegExp(`^${fixed} of 2,000 rows`)), 'the table shows the rows fixed by B');
  const headers = await table.locator('.grid-header-cell').allTextContents();
  const [label, a, b] = ['label', 'prediction (A)', 'prediction_v2 (B)'].map((h) => headers.indexOf(h));
  assert.ok(label > 0 && a > 0 && b === a + 1, `A and B side by side: ${headers.join(' | ')}`);
  const rows = await table.locator('.grid-row:not(.loading)').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('.grid-cell')].map((c) => c.textContent)));
  assert.ok(rows.length > 5, `rows painted: ${rows.length}`);
  for (const cells of rows) assert.ok(cells[a] !== cells[label] && cells[b] === cells[label], `fixed by B: ${cells.join(' | ')}`);
  assert.match(await table.locator('.filter-chip').first().textContent(), /fixed by B: A "prediction" vs B "prediction_v2"/);
  await page.screenshot({ path: path.join(artifacts, 'comparison-fixed-rows.png') });

  // Tag the first fixed row and save: the view recomputes from the saved sidecar, and the tag's row leads back to it.
  await table.locator('.grid-viewport').focus();
  await table.locator('.grid-row.selected:not(.loading)').waitFor();
  await pressTableKey(page, 't');
  await table.locator('.tag-picker:not([hidden])').waitFor();
  await page.keyboard.type('checked fix');
  await page.keyboard.press('Enter');
  await table.locator('.grid-row.selected .tag-chip', { hasText: 'checked fix' }).waitFor();
  await page.keyboard.press('Control+s');
  await expect(() => page.locator('.tab.dirty').count(), (n) => assert.equal(n, 0), 'saved');
  const recomputed = await webviewFrame(page, 'table[data-table="per-tag"] tbody tr[data-group="checked fix"]', 60_000);
  const tagRow = recomputed.locator('table[data-table="per-tag"] tbody tr[data-group="checked fix"]');
  assert.deepEqual(await tagRow.locator('td[data-value]').evaluateAll((tds) => tds.map((td) => td.dataset.value)).then((v) => [v[0], v[4], v[5]]), ['1', '1', '0'], 'n, fixed, broken of the new tag');
  await tagRow.locator('button.rows-link[data-rows="fixed"]').click();
  await tableSettled(table, 'comparison tag', 60_000);
  await expect(() => table.locator('.counts').textContent(), (text) => assert.match(text, /^1 of 2,000 rows/), 'the one row of the tag fixed by B');
  await page.screenshot({ path: path.join(artifacts, 'comparison-fixed-rows-tag.png') });
}
