import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { findOnPath, gitEnvironment, readGitState, repositoryKeys } from './gitCli';

const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', GIT_CONFIG_GLOBAL: '/dev/null' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();

describe('git state for a command-line record', () => {
  let repo: string;
  before(async () => {
    repo = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-git-'));
    git(repo, 'init', '-q', '-b', 'main');
    await fs.writeFile(path.join(repo, 'train.py'), 'print(1)\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'first');
    git(repo, 'remote', 'add', 'origin', 'https://bob:secret@example.com/org/repo.git');
  });

  it('reads commit, branch, a clean tree and the remote without credentials', async () => {
    const state = await readGitState(repo);
    assert.deepEqual(state, {
      gitAvailable: true,
      commit: git(repo, 'rev-parse', 'HEAD'),
      branch: 'main',
      dirty: false,
      diffSha256: null,
      remote: 'https://example.com/org/repo.git',
    });
  });

  it('is dirty with a hash of `git diff HEAD`; untracked files and .loupe/ are not code', async () => {
    await fs.mkdir(path.join(repo, '.loupe', 'experiments'), { recursive: true });
    await fs.writeFile(path.join(repo, '.loupe', 'experiments', 'x.json'), '{}\n');
    await fs.writeFile(path.join(repo, 'notes.txt'), 'untracked\n');
    assert.equal((await readGitState(repo)).dirty, false);
    await fs.writeFile(path.join(repo, 'train.py'), 'print(2)\n');
    const state = await readGitState(path.join(repo));
    assert.equal(state.dirty, true);
    const expected = createHash('sha256').update(execFileSync('git', ['diff', 'HEAD'], { cwd: repo, env })).digest('hex');
    assert.equal(state.diffSha256, expected);
    await fs.writeFile(path.join(repo, 'train.py'), 'print(1)\n');
  });

  it('reads the whole repository from a workspace in a sub-folder: code changed elsewhere is dirty, a tracked .loupe/ in the sub-folder is not', async () => {
    const top = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-git-sub-'));
    const workspace = path.join(top, 'packages', 'data');
    await fs.mkdir(path.join(workspace, '.loupe'), { recursive: true });
    await fs.mkdir(path.join(top, 'src'));
    await fs.writeFile(path.join(top, 'src', 'train.py'), 'print(1)\n');
    await fs.writeFile(path.join(workspace, 'labels.csv'), 'id,label\na,yes\n');
    await fs.writeFile(path.join(workspace, '.loupe', 'config.json'), '{}\n');
    git(top, 'init', '-q', '-b', 'main');
    git(top, 'add', '.');
    git(top, 'commit', '-q', '-m', 'monorepo');
    await fs.writeFile(path.join(workspace, '.loupe', 'config.json'), '{"version": 1}\n');
    const clean = await readGitState(workspace);
    assert.deepEqual([clean.commit, clean.dirty], [git(top, 'rev-parse', 'HEAD'), false], 'a .loupe/ change is data, not code');
    await fs.writeFile(path.join(top, 'src', 'train.py'), 'print(2)\n');
    const dirty = await readGitState(workspace);
    assert.equal(dirty.dirty, true, 'the training code outside the workspace changed');
    const expected = createHash('sha256').update(execFileSync('git', ['diff', 'HEAD', '--', 'src'], { cwd: top, env })).digest('hex');
    assert.equal(dirty.diffSha256, expected, 'the diff is the code change alone');
  });

  it('has no branch on a detached HEAD', async () => {
    git(repo, 'checkout', '-q', '--detach');
    const state = await readGitState(repo);
    assert.equal(state.branch, null);
    assert.equal(state.commit, git(repo, 'rev-parse', 'HEAD'));
    git(repo, 'checkout', '-q', 'main');
  });

  it('records why when the folder is in no repository or git is missing', async () => {
    const plain = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-nogit-'));
    const outside = await readGitState(plain, {});
    if (outside.gitAvailable) return; // the temp folder sits inside a repository on this machine
    assert.match(outside.reason ?? '', /not in a git repository/);
    const missing = await readGitState(plain, { git: path.join(plain, 'no-such-git') });
    assert.equal(missing.gitAvailable, false);
    assert.match(missing.reason ?? '', /git could not be run .*install git/);
  });
});

describe('how git is run', () => {
  it('passes on no GIT_* variable, whatever its case, and turns prompts and optional locks off', () => {
    const env = gitEnvironment({ PATH: '/usr/bin', HOME: '/h', GIT_DIR: '/x', git_external_diff: 'sh', GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.fsmonitor' });
    assert.deepEqual(env, { PATH: '/usr/bin', HOME: '/h', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' });
  });

  it('finds git in an absolute PATH folder only', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-path-'));
    const name = process.platform === 'win32' ? 'tool.exe' : 'tool';
    await fs.writeFile(path.join(folder, name), '', { mode: 0o755 });
    assert.equal(await findOnPath('tool', { PATH: [path.relative(process.cwd(), folder), folder].join(path.delimiter) }), path.join(folder, name));
    await assert.rejects(findOnPath('tool', { PATH: path.relative(process.cwd(), folder) }), { message: 'tool was not found on PATH' });
  });

  it('reads the keys of the repository scopes from `git config --list --show-scope -z`', () => {
    const listing = 'system\0filter.lfs.clean\ngit-lfs clean\0global\0user.name\nA\0local\0filter.x.clean\nsh -c x\0worktree\0core.bare\0command\0core.fsmonitor\nfalse\0';
    assert.deepEqual(repositoryKeys(listing), ['filter.x.clean', 'core.bare']);
    assert.deepEqual(repositoryKeys(''), []);
  });

  it('keeps any key as data, prototype names included, and leaves Object.prototype alone', () => {
    const names = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('local', 'global', 'worktree'), fc.oneof(names, fc.string({ unit: 'grapheme-ascii' }).filter((k) => !/[\0\n]/.test(k))), fc.string())), (entries) => {
        const listing = entries.map(([scope, key, value]) => `${scope}\0${key}\n${value.replace(/\0/g, '')}\0`).join('');
        const expected = entries.filter(([scope]) => scope !== 'global').map(([, key]) => key.slice(0, 200));
        assert.deepEqual(repositoryKeys(listing), expected);
        assert.deepEqual(Object.keys(Object.prototype), []);
      }),
    );
  });
});
