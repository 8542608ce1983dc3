// The table's keys are VS Code keybindings: Keyboard Shortcuts lists them (search "Loupe Table"),
// and a key a user rebinds there is the one the table answers to, in the light, dark and
// high-contrast themes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { chooseColorTheme, clearFilters, expect, openWorkbench, pressTableKey, runCommand, runCommandAndPick, tableSettled, until, webview, webviewThemed } from './workbench.mjs';
import { THEMES } from './contrast.mjs';
import { localizedManifest } from './manifest.mjs';

const manifest = localizedManifest().contributes;
const TABLE_COMMANDS = manifest.commands.filter((c) => c.command.startsWith('loupe.table.'));
const MISCLASSIFIED = TABLE_COMMANDS.find((c) => c.command === 'loupe.table.misclassified').title;

/** Keyboard Shortcuts, searched for `query`, with one row per match. */
async function openKeyboardShortcuts(page, query) {
  await runCommand(page, 'Preferences: Open Keyboard Shortcuts');
  const editor = page.locator('.keybindings-editor');
  await editor.waitFor({ timeout: 15_000 });
  const search = editor.locator('.keybindings-header input').first();
  await search.waitFor({ timeout: 15_000 });
  await search.fill(query);
  return editor;
}

const shortcutRow = (editor, title) => editor.locator('.monaco-list-row', { hasText: title }).first();

/**
 * Closes Keyboard Shortcuts (it opens as a modal editor over the workbench) with its close button,
 * as a person does: Escape closes it only while the focus is inside it, and after a rebinding the
 * focus can be outside.
 */
async function closeKeyboardShortcuts(page, editor) {
  const close = page.locator('.modal-editor-part', { has: page.locator('.keybindings-editor') }).locator('.action-label.codicon-close').first();
  await until(
    async () => {
      if (await editor.isVisible()) await close.click({ timeout: 5_000 }).catch(() => undefined);
      return editor.isVisible();
    },
    (visible) => !visible,
    'Keyboard Shortcuts closed',
  );
}

export async function reboundKeyWorks({ page, server, workspace, artifacts }) {
  await openWorkbench(page, server, workspace);
  let editor;
  for (const [name, theme] of THEMES.slice(0, 3)) {
    await chooseColorTheme(page, theme);
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    editor = await openKeyboardShortcuts(page, 'Loupe Table');
    // Every table command is listed with its default key and the condition it applies in.
    for (const { title } of TABLE_COMMANDS) await shortcutRow(editor, title).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(artifacts, `keybindings-listed-${name}.png`) });
    if (name !== 'high-contrast') await closeKeyboardShortcuts(page, editor);
  }
  const misclassified = shortcutRow(editor, MISCLASSIFIED);
  await expect(() => misclassified.textContent(), (t) => assert.match(t ?? '', /loupe\.tableFocus/), 'the when clause shown');
  await expect(() => misclassified.locator('.monaco-keybinding-key').allTextContents(), (keys) => assert.deepEqual(keys, ['M']), 'm by default');

  // Rebind "Toggle the Misclassified Filter" from m to f, as a user does: double-click, press the key, Enter.
  await misclassified.dblclick();
  const widget = page.locator('.defineKeybindingWidget');
  await widget.waitFor({ timeout: 15_000 });
  await page.keyboard.press('f');
  await expect(() => widget.textContent(), (t) => assert.match(t ?? '', /\bF\b/), 'the widget shows the key pressed');
  await page.keyboard.press('Enter');
  await expect(() => misclassified.locator('.monaco-keybinding-key').allTextContents(), (keys) => assert.deepEqual(keys, ['F']), 'f now');
  await page.screenshot({ path: path.join(artifacts, 'keybindings-rebound.png') });
  await closeKeyboardShortcuts(page, editor);

  // The table answers to f, and no longer to m: m then f from the filter on leaves it off (m alone would toggle it).
  await runCommandAndPick(page, 'Loupe: Open Label File', 'speech-commands.csv');
  const view = webview(page);
  await clearFilters(page, view);
  await view.locator('.grid-viewport').focus();
  await pressTableKey(page, 'f');
  await tableSettled(view, 'misclassified');
  await expect(() => view.locator('.counts').textContent(), (t) => assert.match(t ?? '', /^(\d+) of 2,000 rows · \1 errors/), 'the misclassified rows');
  await pressTableKey(page, 'm');
  await pressTableKey(page, 'f');
  await tableSettled(view, '');
  for (const [name, theme] of THEMES.slice(0, 3)) {
    await pressTableKey(page, 'f');
    await tableSettled(view, 'misclassified');
    await chooseColorTheme(page, theme);
    await webviewThemed(view, theme);
    await page.screenshot({ path: path.join(artifacts, `keybindings-rebound-table-${name}.png`) });
    await view.locator('.grid-viewport').focus();
    await pressTableKey(page, 'f');
    await tableSettled(view, '');
  }
}
