import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findWorkspaceRoot, workspaceRelative } from './workspaceRoot';

async function tree(...dirs: string[]): Promise<string> {
  const base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-root-')));
  for (const d of dirs) await fs.mkdir(path.join(base, d), { recursive: true });
  return base;
}

describe('workspace root of a CLI call', () => {
  it('is the nearest ancestor with .loupe/', async () => {
    const base = await tree('project/.loupe', 'project/src/train');
    assert.equal(findWorkspaceRoot(path.join(base, 'project', 'src', 'train')), path.join(base, 'project'));
  });

  it('is the nearest ancestor with .git, a folder or a worktree file', async () => {
    const base = await tree('repo/.git', 'repo/scripts', 'wt/src');
    await fs.writeFile(path.join(base, 'wt', '.git'), 'gitdir: ../repo/.git/worktrees/wt\n');
    assert.equal(findWorkspaceRoot(path.join(base, 'repo', 'scripts')), path.join(base, 'repo'));
    assert.equal(findWorkspaceRoot(path.join(base, 'wt', 'src')), path.join(base, 'wt'));
  });

  it('prefers the nearer of .loupe/ and .git', async () => {
    const base = await tree('repo/.git', 'repo/sub/.loupe', 'repo/sub/deep');
    assert.equal(findWorkspaceRoot(path.join(base, 'repo', 'sub', 'deep')), path.join(base, 'repo', 'sub'));
  });

  it('is the starting folder when no ancestor has either', async () => {
    const base = await tree('plain/inner');
    const start = path.join(base, 'plain', 'inner');
    const tmpHasMarker = findWorkspaceRoot(base) !== base;
    if (tmpHasMarker) return; // a .git or .loupe above the temp folder: nothing to check here
    assert.equal(findWorkspaceRoot(start), start);
  });

  it('writes paths relative to the root with forward slashes', () => {
    assert.equal(workspaceRelative('/w', '/w/data/train.csv'), 'data/train.csv');
    assert.equal(workspaceRelative('/w', 'data/x.csv'), 'data/x.csv');
    assert.equal(workspaceRelative('/w', '/elsewhere/x.csv'), '/elsewhere/x.csv');
    assert.equal(workspaceRelative('/w', '..data/x.csv'), '..data/x.csv');
    assert.equal(workspaceRelative('/w', '../wx/x.csv'), '/wx/x.csv');
  });
});
