// The table in the light, dark and high-contrast themes, as screenshots to look at, with a
// check that text and background of the selected row and the tag chips actually differ.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chooseColorTheme, expect, openLabelTable, openRestricted, runCommandAndPick, webview, webviewThemed, pressTableKey } from './workbench.mjs';

const THEMES = [
  ['light', 'Light Modern'],
  ['dark', 'Dark Modern'],
  ['high-contrast', 'Dark High Contrast'],
];

export async function readableInEveryTheme({ page, server, workspace, artifacts }) {
  const view = await openLabelTable(page, server, workspace, 'speech-commands.csv');
  await view.locator('.grid-viewport').focus();
  await page.keyboard.press('ArrowDown');
  await pressTableKey(page, 't');
  await view.locator('.tag-picker:not([hidden])').waitFor();
  await page.keyboard.type('far field');
  await page.keyboard.press('Enter');
  await view.locator('.grid-row.selected .tag-chip').waitFor();
  for (const [name, theme] of THEMES) {
    await chooseColorTheme(page, theme);
    await expect(
      () => page.evaluate(() => document.querySelector('.monaco-workbench')?.className ?? ''),
      (c) => assert.match(c, name === 'light' ? /\bvs\b(?!-)/ : name === 'dark' ? /\bvs-dark\b/ : /\bhc-black\b/),
      `theme ${name} applied`,
    );
    await webviewThemed(view, theme);
    const colors = await view.locator('.grid-row.selected .tag-chip').evaluate((chip) => {
      const s = getComputedStyle(chip);
      const row = getComputedStyle(chip.closest('.grid-row'));
      const cell = getComputedStyle(chip.closest('.grid-row').querySelector('.grid-cell:nth-child(2)'));
      return { chip: [s.color, s.backgroundColor], row: [cell.color, row.backgroundColor] };
    });
    assert.notEqual(colors.chip[0], colors.chip[1], `${name}: tag chip text differs from its background`);
    assert.notEqual(colors.row[0], colors.row[1], `${name}: selected row text differs from its background`);
    await page.screenshot({ path: path.join(artifacts, `label-table-${name}.png`) });
  }
}

export async function restrictedModeViewAndTag({ page, server, workspace }) {
  // The trust prompt: keep the folder untrusted (Restricted Mode).
  await openRestricted(page, server, workspace);
  await runCommandAndPick(page, 'Loupe: Open Label File', 'speech-commands.csv');
  const view = webview(page);
  await view.locator('.grid-row:not(.loading)').first().waitFor({ timeout: 30_000 });
  await view.locator('.grid-viewport').focus();
  await pressTableKey(page, 't');
  await view.locator('.tag-picker:not([hidden])').waitFor();
  await page.keyboard.type('untrusted tag');
  await page.keyboard.press('Enter');
  await view.locator('.grid-row.selected .tag-chip', { hasText: 'untrusted tag' }).waitFor();
  await page.keyboard.press('Control+s');
  const sidecar = path.join(workspace, '.loupe', 'annotations', 'speech-commands.csv.jsonl');
  await expect(() => { try { return readFileSync(sidecar, 'utf8'); } catch { return ''; } }, (t) => assert.match(t, /untrusted tag/), 'saved in Restricted Mode');
}
restrictedModeViewAndTag.server = { workspaceTrust: true };
