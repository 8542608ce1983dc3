import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TABLE_COMMANDS } from '../../protocol/labelTable';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string; title: string }[]; keybindings: { command: string; key: string; when?: string }[]; menus: { commandPalette: { command: string; when?: string }[] } };
};
const WHEN = "activeCustomEditorId == 'loupe.labelTable'";
/** The defaults the webview tests' fake workbench uses (test/web/fakeHost.js), as VS Code writes keys. */
const FAKE_HOST_DEFAULTS: Record<string, string> = { t: 'tag', 'shift+t': 'tagView', e: 'nextError', m: 'misclassified', d: 'disagree', l: 'likelyError', space: 'detail', p: 'play', '/': 'search', r: 'review', i: 'thumbnails' };

test('every table command is contributed with a title, a key for the focused table and a palette entry for the active one', () => {
  for (const name of TABLE_COMMANDS) {
    const id = `loupe.table.${name}`;
    assert.ok(manifest.contributes.commands.find((c) => c.command === id)?.title, `${id} has a title`);
    const bindings = manifest.contributes.keybindings.filter((k) => k.command === id);
    assert.equal(bindings.length, 1, `${id} has one default key`);
    assert.equal(bindings[0]!.when, `${WHEN} && loupe.tableFocus`, `${id} only where the table's grid has the focus`);
    assert.equal(manifest.contributes.menus.commandPalette.find((m) => m.command === id)?.when, WHEN, `${id} in the palette with a table open`);
  }
});

test("the webview tests' fake workbench binds the manifest's default keys", () => {
  const defaults = Object.fromEntries(manifest.contributes.keybindings.filter((k) => k.command.startsWith('loupe.table.')).map((k) => [k.key, k.command.slice('loupe.table.'.length)]));
  assert.deepEqual(defaults, FAKE_HOST_DEFAULTS);
  const fake = readFileSync(path.join(ROOT, 'test', 'web', 'fakeHost.js'), 'utf8');
  const fakeKeys = JSON.parse(fake.match(/TABLE_KEYBINDINGS = (\{[^}]*\})/)![1]!.replace(/(\w+|' '|'\/'): '(\w+)'/g, (_, k: string, v: string) => `${JSON.stringify(k.replace(/^'|'$/g, ''))}: "${v}"`)) as Record<string, string>;
  const asManifestKey = (key: string) => (key === ' ' ? 'space' : key.length === 1 && key !== key.toLowerCase() ? `shift+${key.toLowerCase()}` : key);
  assert.deepEqual(Object.fromEntries(Object.entries(fakeKeys).map(([k, v]) => [asManifestKey(k), v])), FAKE_HOST_DEFAULTS);
});
