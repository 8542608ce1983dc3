import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { readGitState } from './gitCli';

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
