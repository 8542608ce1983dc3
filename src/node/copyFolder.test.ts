import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { copyFolder, isFreeFolder } from './copyFolder';

function source(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loupe-copy-'));
  const from = path.join(root, 'sample');
  mkdirSync(path.join(from, '.loupe', 'experiments'), { recursive: true });
  mkdirSync(path.join(from, 'runs', 'a', 'version_0'), { recursive: true });
  writeFileSync(path.join(from, 'data.csv'), 'id,label\n1,yes\n');
  writeFileSync(path.join(from, '.loupe', 'experiments', 'one.json'), '{}\n');
  writeFileSync(path.join(from, 'runs', 'a', 'version_0', 'metrics.csv'), 'epoch,loss\n0,1\n');
  return from;
}

describe('copyFolder', () => {
  it('copies nested files and dot-folders into a new folder, keeping the layout', async () => {
    const from = source();
    const to = path.join(path.dirname(from), 'out', 'loupe-sample');
    assert.deepEqual(await copyFolder(from, to), { ok: true, files: 3 });
    assert.equal(readFileSync(path.join(to, 'runs', 'a', 'version_0', 'metrics.csv'), 'utf8'), 'epoch,loss\n0,1\n');
    assert.equal(readFileSync(path.join(to, '.loupe', 'experiments', 'one.json'), 'utf8'), '{}\n');
    assert.deepEqual(readdirSync(to).sort(), ['.loupe', 'data.csv', 'runs']);
  });

  it('copies into an existing empty folder', async () => {
    const from = source();
    const to = path.join(path.dirname(from), 'empty');
    mkdirSync(to);
    assert.equal((await copyFolder(from, to)).ok, true);
    assert.ok(readFileSync(path.join(to, 'data.csv')));
  });

  it('refuses a folder that is not empty and leaves its files as they were', async () => {
    const from = source();
    const to = path.join(path.dirname(from), 'taken');
    mkdirSync(to);
    writeFileSync(path.join(to, 'data.csv'), 'mine\n');
    const result = await copyFolder(from, to);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.reason, 'not-empty');
    assert.match(!result.ok ? result.message : '', /taken already exists and is not empty; Loupe does not overwrite it/);
    assert.deepEqual(readdirSync(to), ['data.csv']);
    assert.equal(readFileSync(path.join(to, 'data.csv'), 'utf8'), 'mine\n');
  });

  it('refuses a destination inside the source (and the source itself) before writing anything', async () => {
    const from = source();
    for (const to of [path.join(from, 'loupe-sample'), path.join(from, 'runs', 'copy'), from]) {
      const result = await copyFolder(from, to);
      assert.equal(!result.ok && result.reason, 'inside-source', to);
      assert.match(!result.ok ? result.message : '', /is inside the folder being copied/);
    }
    assert.deepEqual(readdirSync(from).sort(), ['.loupe', 'data.csv', 'runs']);
  });

  it('does not follow a link out of the source', async () => {
    const from = source();
    const secret = path.join(path.dirname(from), 'secret.txt');
    writeFileSync(secret, 'secret\n');
    symlinkSync(secret, path.join(from, 'link.txt'));
    const to = path.join(path.dirname(from), 'copy');
    assert.deepEqual(await copyFolder(from, to), { ok: true, files: 3 });
    assert.equal(readdirSync(to).includes('link.txt'), false);
  });

  it('tells a free folder (missing or empty) from a taken one (a file, or a folder with files)', async () => {
    const from = source();
    const parent = path.dirname(from);
    mkdirSync(path.join(parent, 'empty'));
    writeFileSync(path.join(parent, 'file'), 'x');
    assert.equal(await isFreeFolder(path.join(parent, 'missing')), true);
    assert.equal(await isFreeFolder(path.join(parent, 'empty')), true);
    assert.equal(await isFreeFolder(path.join(parent, 'file')), false);
    assert.equal(await isFreeFolder(from), false);
  });
});
