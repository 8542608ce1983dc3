import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_KEYS } from '../../webview/table/keyboard';

const ROOT = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { keybindings: { command: string; key: string }[] } };

/** A key as the page sees it (`KeyboardEvent.key`), written as VS Code writes keybindings. */
const asManifestKey = (key: string) => (key === ' ' ? 'space' : key.length === 1 && key !== key.toLowerCase() ? `shift+${key.toLowerCase()}` : key);

test("the page's default table keys (its type-ahead into the tag picker) are the manifest's keybindings", () => {
  const manifestDefaults = Object.fromEntries(
    manifest.contributes.keybindings.filter((k) => k.command.startsWith('loupe.table.')).map((k) => [k.key, k.command.slice('loupe.table.'.length)]),
  );
  assert.equal(Object.keys(manifestDefaults).length, 11);
  assert.deepEqual(Object.fromEntries(Object.entries(DEFAULT_KEYS).map(([k, v]) => [asManifestKey(k), v])), manifestDefaults);
});
