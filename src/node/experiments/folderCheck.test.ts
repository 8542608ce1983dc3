import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { FolderCheck, folderSignature } from './folderCheck';

function folder(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'loupe-check-'));
  return path.join(root, 'experiments');
}

test('the signature changes with a new, renamed or deleted file, and is empty for a missing folder', async () => {
  const dir = folder();
  assert.equal(await folderSignature(dir), '');
  mkdirSync(dir);
  const empty = await folderSignature(dir);
  writeFileSync(path.join(dir, 'a.json'), '{}');
  const one = await folderSignature(dir);
  assert.notEqual(one, empty);
  renameSync(path.join(dir, 'a.json'), path.join(dir, 'b.json'));
  const renamed = await folderSignature(dir);
  assert.notEqual(renamed, one);
  rmSync(path.join(dir, 'b.json'));
  assert.notEqual(await folderSignature(dir), renamed);
});

test('a check reports a change only against a signature seen before, and only while a viewer is visible', async () => {
  const dir = folder();
  let changes = 0;
  const check = new FolderCheck({ folder: () => dir, onChange: () => changes++, intervalMs: 60_000 });
  assert.equal(await check.check(), false, 'the first check only records the listing');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'a.json'), '{}');
  assert.equal(await check.check(), true);
  assert.equal(await check.check(), false, 'nothing changed since');
  assert.equal(changes, 1);

  const viewer = {};
  assert.equal(check.active, false);
  check.setVisible(viewer, true);
  check.setVisible({}, false);
  assert.equal(check.active, true, 'another viewer hiding does not stop the checks');
  check.setVisible(viewer, false);
  assert.equal(check.active, false);
  check.dispose();
});

test('a visible viewer sees a file written by another process without any file event', { timeout: 20_000 }, async () => {
  const dir = folder();
  mkdirSync(dir);
  let resolve: () => void = () => {};
  const changed = new Promise<void>((r) => (resolve = r));
  const check = new FolderCheck({ folder: () => dir, onChange: () => resolve(), intervalMs: 20 });
  check.setVisible(check, true);
  // The first check (started by becoming visible) has read the listing before the file is written.
  await check.check();
  writeFileSync(path.join(dir, 'new.json'), '{}');
  await changed;
  check.dispose();
  assert.equal(check.active, false);
});

test('no folder (no workspace) is never checked', async () => {
  let asked = 0;
  const check = new FolderCheck({
    folder: () => undefined,
    onChange: () => assert.fail('no change without a folder'),
    intervalMs: 60_000,
    signature: async () => String(asked++),
  });
  assert.equal(await check.check(), false);
  assert.equal(asked, 0);
});
