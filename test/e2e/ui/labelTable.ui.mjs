// The walking skeleton, as a user: open the sample from the palette, move to a misclassified
// row with the keyboard, tag it "car noise", save, find the tag under .loupe/; undo; hot exit.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, openLabelTable, waitForFile, webview } from './workbench.mjs';

export async function tagRowAndSave({ page, server, workspace, artifacts }) {
  const view = await openLabelTable(page, server, workspace, 'speech-commands.csv');
  const counts = view.locator('.counts');
  await expect(() => counts.textContent(), (t) => assert.match(t, /^2,000 of 2,000 rows · \d+ errors/), 'row count');

  // Keyboard only: focus the grid, show misclassified rows, move down one, tag it.
  await view.locator('.grid-viewport').focus();
  await page.keyboard.press('m');
  await expect(() => counts.textContent(), (t) => assert.match(t, /^(\d+) of 2,000 rows · \1 errors/), 'misclassified filter');
  await page.keyboard.press('ArrowDown');
  const selected = view.locator('.grid-row.selected');
  await expect(() => selected.getAttribute('aria-rowindex'), (v) => assert.equal(v, '3'), 'second row selected');
  assert.ok(await selected.evaluate((row) => row.classList.contains('error')), 'the selected row is misclassified');
  const id = (await selected.locator('.grid-cell').nth(1).textContent()).trim();
  const taggedBefore = Number((await counts.textContent()).match(/tagged (\d+) of/)[1]);
  await page.keyboard.press('t');
  await view.locator('.tag-picker:not([hidden])').waitFor();
  await page.keyboard.type('car noise');
  await page.keyboard.press('Enter');
  await expect(() => selected.locator('.tag-chip').allTextContents(), (t) => assert.deepEqual(t, ['car noise']), 'tag chip on the row');
  await expect(() => page.locator('.tab.active.dirty').count(), (n) => assert.equal(n, 1), 'dirty tab');
  await expect(() => counts.textContent(), (t) => assert.match(t, new RegExp(`tagged ${taggedBefore + 1} of`)), 'tagged count');

  await page.keyboard.press('Control+s');
  const sidecar = path.join(workspace, '.loupe', 'annotations', 'speech-commands.csv.jsonl');
  const read = () => (existsSync(sidecar) ? readFileSync(sidecar, 'utf8') : '');
  const saved = await waitForFile(read, (t) => t.includes('car noise'), 'the sidecar with the tag');
  assert.equal(saved.split('\n')[1], JSON.stringify({ id, tags: ['car noise'] }));
  await expect(() => page.locator('.tab.active.dirty').count(), (n) => assert.equal(n, 0), 'clean tab after save');
  await page.screenshot({ path: path.join(artifacts, 'label-table-tagged.png') });

  // Undo removes the tag; redo brings it back.
  await page.keyboard.press('Control+z');
  await expect(() => selected.locator('.tag-chip').count(), (n) => assert.equal(n, 0), 'tag removed by undo');
  await expect(() => page.locator('.tab.active.dirty').count(), (n) => assert.equal(n, 1), 'dirty after undo');
  await page.keyboard.press('Control+Shift+z');
  await expect(() => selected.locator('.tag-chip').count(), (n) => assert.equal(n, 1), 'tag back after redo');
}

export async function hotExitKeepsUnsavedTags({ page, server, workspace }) {
  const view = await openLabelTable(page, server, workspace, 'speech-commands.csv');
  await view.locator('.grid-viewport').focus();
  await page.keyboard.press('t');
  await page.keyboard.type('reverb');
  await page.keyboard.press('Enter');
  await expect(() => view.locator('.grid-row.selected .tag-chip').allTextContents(), (t) => assert.deepEqual(t, ['reverb']), 'tag chip');
  await expect(() => page.locator('.tab.active.dirty').count(), (n) => assert.equal(n, 1), 'dirty tab');
  // An unsaved review decision on another (untagged) row: a label fix with no tags must survive too.
  await page.keyboard.press('d');
  await expect(() => view.locator('.counts').textContent(), (t) => assert.doesNotMatch(t ?? '', /^2,000 of/), 'disagreements');
  await page.keyboard.press('r');
  const card = view.locator('.review-card');
  await card.waitFor();
  const choices = await card.locator('.review-choices li span:not(.detail-muted)').allTextContents();
  const reviewedId = (await view.locator('.grid-row.selected .grid-cell').nth(1).textContent()).trim();
  await page.keyboard.press('2');
  await view.locator('.grid-row.selected .fix-chip', { hasText: `→ ${choices[1]}` }).waitFor();
  await page.keyboard.press('r');
  await page.keyboard.press('d');
  await expect(() => view.locator('.counts').textContent(), (t) => assert.match(t ?? '', /^2,000 of 2,000/), 'all rows again');
  // Let the backup tracker write the backup, then reload the window.
  await page.waitForTimeout(3000);
  await page.reload();
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  const restored = webview(page);
  await restored.locator('.grid-row:not(.loading)').first().waitFor({ timeout: 30_000 });
  await expect(() => restored.locator('.grid-row').first().locator('.tag-chip').allTextContents(), (t) => assert.deepEqual(t, ['reverb']), 'unsaved tag restored');
  await expect(() => page.locator('.tab.dirty').count(), (n) => assert.equal(n, 1), 'still dirty after reload');
  assert.equal(existsSync(path.join(workspace, '.loupe', 'annotations', 'speech-commands.csv.jsonl')), false, 'nothing was saved');

  // Closing with unsaved tags asks to save.
  await page.locator('.tab.dirty').first().click();
  await page.keyboard.press('Control+w');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 10_000 });
  assert.match(await dialog.textContent(), /save the changes/i);
  await dialog.locator('.monaco-button', { hasText: /^Save$/ }).click();
  const sidecar = path.join(workspace, '.loupe', 'annotations', 'speech-commands.csv.jsonl');
  const saved = await waitForFile(() => (existsSync(sidecar) ? readFileSync(sidecar, 'utf8') : ''), (t) => t.includes('reverb'), 'saved on close');
  assert.ok(saved.includes(JSON.stringify({ id: reviewedId, label: choices[1] })), `the restored review decision was saved:\n${saved}`);
}
