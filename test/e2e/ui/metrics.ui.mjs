// Model metrics and audits as a user reaches them: the Metrics view from the table, a click in
// the confusion matrix filters the table; "Loupe: Audit Dataset" writes the report with the
// slice the sample was built to fail (device = feature_phone).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, openLabelTable, runCommand, webviewFrame } from './workbench.mjs';

export async function metricsViewAndAudit({ page, server, workspace, artifacts }) {
  const table = await openLabelTable(page, server, workspace, 'speech-commands.csv');
  await table.locator('vscode-button', { hasText: 'Metrics' }).click();

  const metrics = await webviewFrame(page, '.confusion');
  await expect(() => metrics.locator('.summary').first().textContent(), (t) => assert.match(t ?? '', /2,000 examples .* accuracy 89\.0%/), 'metrics summary');
  const classes = await metrics.locator('table.data-table').nth(1).locator('tbody tr td:first-child').allTextContents();
  assert.deepEqual(classes.slice(0, 10), ['down', 'go', 'left', 'no', 'off', 'on', 'right', 'stop', 'up', 'yes'], 'classes in scikit-learn order');
  await expect(() => metrics.locator('.slices tr.flagged').count(), (n) => assert.ok(n > 0), 'flagged slices');
  await page.screenshot({ path: path.join(artifacts, 'metrics.png') });

  // The cell label = go, prediction = no filters the table to those rows.
  const cell = metrics.locator('.confusion tbody tr', { has: metrics.locator('th', { hasText: /^go$/ }) }).locator('td').nth(3);
  const expected = (await cell.textContent()).trim();
  await cell.click();
  const filtered = await webviewFrame(page, '.grid-viewport');
  await expect(() => filtered.locator('.counts').textContent(), (t) => assert.match(t ?? '', new RegExp(`^${expected} of 2,000 rows`)), 'table filtered to the cell');

  await runCommand(page, 'Loupe: Audit Dataset');
  const reports = path.join(workspace, 'reports');
  const md = await expect(
    () => (existsSync(reports) ? readdirSync(reports).find((f) => /^loupe-audit-speech-commands-\d{4}-\d{2}-\d{2}\.md$/.test(f)) : undefined),
    (f) => assert.ok(f),
    'the audit report',
    60_000,
  );
  const text = readFileSync(path.join(reports, md), 'utf8');
  const flaggedSection = text.split('## Flagged slices')[1].split('## ')[0];
  assert.match(flaggedSection, /\| device = feature_phone \| \d+ \| \d+\.\d% .*⚠ yes/, 'the feature_phone slice is flagged');
  assert.match(text, /Reproduce: `loupe audit speech-commands\.csv --margin 0\.02 --md`/);
  const json = JSON.parse(readFileSync(path.join(reports, md.replace(/\.md$/, '.json')), 'utf8'));
  assert.ok(json.slices.results.some((s) => s.flagged && s.key.length === 1 && s.key[0].value === 'feature_phone'));
  // The markdown preview opens.
  await page.locator('.tab', { hasText: /Preview loupe-audit/ }).first().waitFor({ timeout: 20_000 });
  const preview = await webviewFrame(page, 'h1');
  await expect(() => preview.locator('h1').first().textContent(), (t) => assert.match(t ?? '', /Loupe audit: speech-commands\.csv/), 'the preview shows the report');
  await page.screenshot({ path: path.join(artifacts, 'audit-report.png') });
}
