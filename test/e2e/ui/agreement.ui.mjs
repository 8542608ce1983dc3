// Label consistency as a user works it: filter to disagreements, review one with the keyboard,
// save; the sidecar holds the decision; the Consistency view's numbers equal `loupe agreement`;
// applying the fix writes a CSV where only that label cell changed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI } from '../setup.mjs';
import { expect, openLabelTable, parseCsv, runCommand, runCommandAndPick, webviewFrame, pressTableKey } from './workbench.mjs';

export async function reviewDisagreementAndApplyFix({ page, server, workspace, artifacts }) {
  const csv = path.join(workspace, 'speech-commands.csv');
  const view = await openLabelTable(page, server, workspace, 'speech-commands.csv');
  await view.locator('.grid-viewport').focus();

  // Filter to disagreements (d), enter review (r), decide the first one with a digit.
  await pressTableKey(page, 'd');
  await expect(() => view.locator('.counts').textContent(), (t) => assert.match(t ?? '', /^(\d+) of 2,000 rows/), 'disagreements');
  await pressTableKey(page, 'r');
  const card = view.locator('.review-card');
  await card.waitFor();
  const choices = await card.locator('.review-choices li span:not(.detail-muted)').allTextContents();
  assert.ok(choices.length >= 2, `at least two candidate labels: ${choices}`);
  const id = (await view.locator('.grid-row.selected .grid-cell').nth(1).textContent()).trim();
  // The first candidate that changes the label (the current label is a candidate too: choosing it confirms it).
  const current = parseCsv(readFileSync(csv, 'utf8')).find((r) => r[0] === id)[3];
  const chosen = choices.findIndex((c) => c !== current);
  await page.keyboard.press(String(chosen + 1));
  // The decided row keeps its fix; the cursor moves on to the next disagreement.
  await view.locator('.grid-row', { has: view.locator('.grid-cell:nth-child(2)', { hasText: id }) }).locator('.fix-chip', { hasText: `→ ${choices[chosen]}` }).waitFor();
  await expect(() => view.locator('.grid-row.selected .grid-cell').nth(1).textContent(), (t) => assert.notEqual(t?.trim(), id), 'the next row to decide');
  await page.screenshot({ path: path.join(artifacts, 'review-queue.png') });
  await page.keyboard.press('Control+s');
  const sidecar = path.join(workspace, '.loupe', 'annotations', 'speech-commands.csv.jsonl');
  await expect(() => (existsSync(sidecar) ? readFileSync(sidecar, 'utf8') : ''), (t) => assert.ok(t.includes(JSON.stringify({ id, label: choices[chosen] }))), 'the decision in the sidecar');

  // The Consistency view agrees with the CLI.
  await view.locator('vscode-button', { hasText: 'Consistency' }).click();
  const consistency = await webviewFrame(page, '.data-table');
  const cli = JSON.parse(execFileSync(process.execPath, [CLI, 'agreement', csv, '--json'], { encoding: 'utf8' }));
  const stats = await consistency.locator('.data-table').first().locator('tbody tr td:nth-child(2)').allTextContents();
  assert.equal(stats[0], `${(cli.percentAgreement * 100).toFixed(1)}%`);
  assert.equal(stats[1], cli.fleissKappa.toFixed(3));
  assert.equal(stats[2], `${cli.krippendorffAlpha.toFixed(3)} (95% CI ${cli.alphaCI[0].toFixed(3)}–${cli.alphaCI[1].toFixed(3)})`);
  assert.equal(stats[3], `${(cli.hlp * 100).toFixed(1)}%`);
  const firstPair = (await consistency.locator('a.link').first().textContent()).trim();
  assert.equal(firstPair, `${cli.ambiguousPairs[0].a} / ${cli.ambiguousPairs[0].b}`);
  await page.screenshot({ path: path.join(artifacts, 'label-consistency.png') });

  // Apply the label fix to a new file: only that cell changes.
  await runCommandAndPick(page, 'Loupe: Apply Label Fixes', 'Write a new file');
  const pathInput = page.locator('.quick-input-widget .quick-input-box input');
  await pathInput.waitFor();
  await expect(() => pathInput.inputValue(), (v) => assert.match(v, /speech-commands-fixed\.csv$/), 'the suggested file name');
  await page.keyboard.press('Enter');
  const fixed = path.join(workspace, 'speech-commands-fixed.csv');
  await expect(() => existsSync(fixed), (ok) => assert.ok(ok), 'the fixed file');
  const before = readFileSync(csv, 'utf8').split('\n');
  const after = readFileSync(fixed, 'utf8').split('\n');
  assert.equal(after.length, before.length);
  const changed = after.map((line, i) => (line !== before[i] ? i : -1)).filter((i) => i >= 0);
  assert.equal(changed.length, 1, 'one line changed');
  assert.ok(after[changed[0]].startsWith(`${id},`));
  assert.equal(parseCsv(after[changed[0]])[0][3], choices[chosen]);
  assert.deepEqual(parseCsv(after[changed[0]])[0].filter((_, i) => i !== 3), parseCsv(before[changed[0]])[0].filter((_, i) => i !== 3), 'the other fields are as they were');
}


/** A long-format file (example, annotator, label) opened on its own: the view reads it as judgements. */
export async function longFormatFileOnItsOwn({ page, server, workspace, artifacts }) {
  const rows = parseCsv(readFileSync(path.join(workspace, 'speech-commands.csv'), 'utf8'));
  const header = rows[0];
  const labelers = header.map((name, i) => [name, i]).filter(([name]) => /^labeler/.test(name));
  const lines = ['example,annotator,label'];
  for (const fields of rows.slice(1, 401)) {
    for (const [name, i] of labelers) if (fields[i]) lines.push(`${fields[0]},${name},${fields[i]}`);
  }
  const file = path.join(workspace, 'judgements.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);

  const view = await openLabelTable(page, server, workspace, 'judgements.csv');
  await view.locator('vscode-button', { hasText: 'Consistency' }).click();
  const empty = await webviewFrame(page, 'vscode-button[title*="annotator"]');
  await empty.locator('vscode-button', { hasText: 'Read this file as judgements' }).click();
  const consistency = await webviewFrame(page, '.data-table');
  const cli = JSON.parse(execFileSync(process.execPath, [CLI, 'agreement', file, '--long', '--json'], { encoding: 'utf8' }));
  const stats = await consistency.locator('.data-table').first().locator('tbody tr td:nth-child(2)').allTextContents();
  assert.equal(stats[0], `${(cli.percentAgreement * 100).toFixed(1)}%`);
  assert.equal(stats[1], cli.fleissKappa.toFixed(3));
  assert.equal(stats[2], `${cli.krippendorffAlpha.toFixed(3)} (95% CI ${cli.alphaCI[0].toFixed(3)}–${cli.alphaCI[1].toFixed(3)})`);
  // Its rows are judgements, not examples: no review or label fixes offered here.
  assert.equal(await consistency.locator('vscode-button', { hasText: 'Review disagreements' }).count(), 0);
  await consistency.getByText('read as (example, annotator, label)').waitFor();
  await page.screenshot({ path: path.join(artifacts, 'long-format-consistency.png') });

  // The choice is project data: in .loupe/config.json, and read again when the file is reopened.
  const config = path.join(workspace, '.loupe', 'config.json');
  await expect(() => (existsSync(config) ? JSON.parse(readFileSync(config, 'utf8')) : {}), (c) => assert.equal(c.datasets?.['judgements.csv']?.judgements, 'judgements.csv'), 'the judgements source in config.json');
  await runCommand(page, 'View: Close All Editors');
  await page.locator('.editor-group-container .editor-instance iframe').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  const reopened = await openLabelTable(page, server, workspace, 'judgements.csv', { reload: false });
  await reopened.locator('vscode-button', { hasText: 'Consistency' }).click();
  const again = await webviewFrame(page, '.data-table');
  await expect(() => again.locator('.data-table').first().locator('tbody tr td:nth-child(2)').first().textContent(), (t) => assert.equal(t, stats[0]), 'the statistics, without choosing again');
}
