// Hostile workspaces: a repository whose config names programs, paths in files that lead out
// of the workspace. Each case asserts the exact outcome, and that no planted program ran.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { containPath } from '../../src/core/paths/containment';
import { readGitState } from '../../src/node/experiments/gitCli';
import { readExternalJudgements, resolveChosenJudgements } from '../../src/node/externalJudgements';
import { resolveWorkspaceFile } from '../../src/node/safePath';

const posix = process.platform !== 'win32';
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1' };
/** Runs `action` with process.env replaced by `env` (readGitState's default), then puts it back. */
async function withEnvironment<T>(env: NodeJS.ProcessEnv, action: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, env);
  try {
    return await action();
  } finally {
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' }).trim();

describe('loupe record never runs a program the repository configures', { skip: !posix }, () => {
  let base: string;
  let marker: string;
  let program: string;

  /** A fresh repository with one commit and an uncommitted change to train.py. */
  async function repository(configure: (repo: string) => Promise<void> | void): Promise<string> {
    const repo = await fs.mkdtemp(path.join(base, 'repo-'));
    git(repo, 'init', '-q', '-b', 'main');
    await fs.writeFile(path.join(repo, 'train.py'), 'print(1)\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'first');
    await configure(repo);
    await fs.writeFile(path.join(repo, 'train.py'), 'print(2)\n# longer\n');
    return repo;
  }
  const safeDiffHash = (repo: string) => createHash('sha256').update(execFileSync('git', ['diff', '--no-ext-diff', '--no-textconv', 'HEAD', '--', '.'], { cwd: repo, env: gitEnv })).digest('hex');
  /** What the user's own git does with the same repository: it runs the planted program (the case is real). */
  const plainGitRuns = (repo: string, ...args: string[]) => {
    try {
      execFileSync('git', args, { cwd: repo, env: gitEnv, stdio: 'ignore' });
    } catch {
      // a failing external diff still ran
    }
    return existsSync(marker);
  };

  before(async () => {
    base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-hostile-git-')));
    marker = path.join(base, `${path.basename(base)}-pwned`);
    program = path.join(base, 'planted.sh');
    await fs.writeFile(program, `#!/bin/sh\ntouch '${marker}'\ncat\n`, { mode: 0o755 });
  });
  beforeEach(async () => fs.rm(marker, { force: true }));
  after(async () => fs.rm(base, { recursive: true, force: true }));

  const refused = (keys: string) => `dirty state and diff not recorded: the repository configures filter programs (${keys}); Loupe does not run them`;

  it('filter.x.clean with `* filter=x`: commit, branch and remote recorded, the working tree not read', async () => {
    const repo = await repository(async (r) => {
      git(r, 'config', 'filter.x.clean', `sh -c 'touch ${marker}; cat'`);
      git(r, 'remote', 'add', 'origin', 'https://u:p@example.com/o/r.git');
      await fs.writeFile(path.join(r, '.gitattributes'), '* filter=x\n');
    });
    const state = await readGitState(repo);
    assert.equal(existsSync(marker), false);
    assert.deepEqual(state, { gitAvailable: true, reason: refused('filter.x.clean'), commit: git(repo, 'rev-parse', 'HEAD'), branch: 'main', dirty: null, diffSha256: null, remote: 'https://example.com/o/r.git' });
    assert.equal(plainGitRuns(repo, 'diff', 'HEAD'), true);
  });

  it('smudge and process filters, one of them from a file the repository config includes', async () => {
    const repo = await repository(async (r) => {
      git(r, 'config', 'filter.a.smudge', program);
      await fs.writeFile(path.join(r, 'extra.cfg'), `[filter "b"]\n\tprocess = ${program}\n`);
      git(r, 'config', 'include.path', '../extra.cfg');
    });
    const state = await readGitState(repo);
    assert.equal(existsSync(marker), false);
    assert.equal(state.reason, refused('filter.a.smudge, filter.b.process'));
    assert.equal(state.dirty, null);
  });

  it('diff.x.textconv, diff.x.command, diff.external: never run; the hash is of the plain diff', async () => {
    const cases: [string, (r: string) => Promise<void> | void, string[]][] = [
      ['textconv', async (r) => { git(r, 'config', 'diff.x.textconv', program); await fs.writeFile(path.join(r, '.git', 'info', 'attributes'), '* diff=x\n'); }, ['diff', 'HEAD']],
      ['command', async (r) => { git(r, 'config', 'diff.x.command', program); await fs.writeFile(path.join(r, '.git', 'info', 'attributes'), '* diff=x\n'); }, ['diff', 'HEAD']],
      ['external', (r) => { git(r, 'config', 'diff.external', program); }, ['diff', 'HEAD']],
    ];
    for (const [name, configure, plain] of cases) {
      const repo = await repository(configure);
      const state = await readGitState(repo);
      assert.equal(existsSync(marker), false, name);
      assert.deepEqual(state, { gitAvailable: true, commit: git(repo, 'rev-parse', 'HEAD'), branch: 'main', dirty: true, diffSha256: safeDiffHash(repo), remote: null }, name);
      assert.equal(plainGitRuns(repo, ...plain), true, name);
      await fs.rm(marker, { force: true });
    }
  });

  it('core.fsmonitor, core.hooksPath with a post-index-change hook, core.pager: never run', async () => {
    const hooks = path.join(base, 'hooks');
    await fs.mkdir(hooks, { recursive: true });
    await fs.copyFile(program, path.join(hooks, 'post-index-change'));
    await fs.chmod(path.join(hooks, 'post-index-change'), 0o755);
    const repo = await repository((r) => {
      git(r, 'config', 'core.fsmonitor', program);
      git(r, 'config', 'core.hooksPath', hooks);
      git(r, 'config', 'core.pager', program);
    });
    const state = await readGitState(repo);
    assert.equal(existsSync(marker), false);
    assert.deepEqual(state, { gitAvailable: true, commit: git(repo, 'rev-parse', 'HEAD'), branch: 'main', dirty: true, diffSha256: safeDiffHash(repo), remote: null });
    assert.equal(plainGitRuns(repo, 'status'), true);
  });

  it('inherited GIT_CONFIG_COUNT/KEY/VALUE, GIT_EXTERNAL_DIFF and GIT_DIR are not passed on', async () => {
    const repo = await repository(() => undefined);
    const other = await repository((r) => void git(r, 'commit', '-q', '--allow-empty', '-m', 'another history'));
    const env = { ...process.env, GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_0: 'core.fsmonitor', GIT_CONFIG_VALUE_0: program, GIT_CONFIG_KEY_1: 'diff.external', GIT_CONFIG_VALUE_1: program, GIT_EXTERNAL_DIFF: program, GIT_DIR: path.join(other, '.git'), GIT_CONFIG_PARAMETERS: `'core.fsmonitor'='${program}'` };
    const state = await withEnvironment(env, () => readGitState(repo));
    assert.equal(existsSync(marker), false);
    assert.deepEqual(state, { gitAvailable: true, commit: git(repo, 'rev-parse', 'HEAD'), branch: 'main', dirty: true, diffSha256: safeDiffHash(repo), remote: null });
    execFileSync('git', ['status'], { cwd: repo, env: { ...gitEnv, ...env, GIT_DIR: path.join(repo, '.git') }, stdio: 'ignore' });
    assert.equal(existsSync(marker), true, 'the same variables make plain git run the program');
  });

  it('a `git` planted in the workspace and reached through a relative PATH entry is not run', async () => {
    const repo = await repository(() => undefined);
    await fs.writeFile(path.join(repo, 'git'), `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
    const realGit = path.dirname(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim());
    const env = { ...process.env, PATH: ['.', path.relative(process.cwd(), repo), realGit].join(path.delimiter) };
    const state = await withEnvironment(env, () => readGitState(repo));
    assert.equal(existsSync(marker), false);
    assert.equal(state.commit, git(repo, 'rev-parse', 'HEAD'));
  });
});

describe('the judgements path in .loupe/config.json stays in the workspace', () => {
  let outside: string;
  let root: string;
  let dataset: string;
  const secret = 'root:x:0:0:root:/root:/bin/bash';
  const chosen = (written: string) => resolveChosenJudgements(dataset, root, written);

  before(async () => {
    outside = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-hostile-judgements-')));
    root = path.join(outside, 'ws');
    await fs.mkdir(path.join(root, '.loupe'), { recursive: true });
    await fs.mkdir(path.join(root, 'data'), { recursive: true });
    dataset = path.join(root, 'data', 'labels.csv');
    await fs.writeFile(dataset, 'id,label\n1,cat\n2,dog\n');
    await fs.writeFile(path.join(root, 'data', 'long.csv'), 'example,annotator,label\n1,ann,cat\n1,bob,dog\n2,ann,dog\n2,bob,dog\n');
    await fs.writeFile(path.join(outside, 'passwd'), `${secret}\n`);
    await fs.symlink(path.join(outside, 'passwd'), path.join(root, 'data', 'escape.csv'));
    if (posix) {
      await fs.symlink('/dev/zero', path.join(root, 'data', 'zero.csv'));
      execFileSync('mkfifo', [path.join(root, 'data', 'pipe.csv')]);
      execFileSync('mkfifo', [path.join(root, 'data', 'pipe.json')]);
    }
  });
  after(async () => fs.rm(outside, { recursive: true, force: true }));

  it('a long-format file next to the label file is read', async () => {
    const file = await chosen('long.csv');
    assert.equal(file, path.join(root, 'data', 'long.csv'));
    const external = await readExternalJudgements(file, 'id');
    assert.deepEqual([external.format, external.judgements.itemCount, external.judgements.raterNames], ['long', 2, ['ann', 'bob']]);
  });

  const outsideMessage = (written: string) => `${written} is outside the workspace folder ${root}; Loupe only opens files inside it`;
  for (const written of ['/etc/passwd', '/dev/zero', '../../passwd', '../..', 'escape.csv']) {
    it(`refuses ${written} and never echoes what it holds`, async () => {
      await assert.rejects(chosen(written), (error: Error) => {
        assert.equal(error.message, outsideMessage(written));
        assert.ok(!error.message.includes('root:x'));
        return true;
      });
    });
  }

  it('refuses a link to /dev/zero, a FIFO and a folder; reading a device or FIFO directly is refused too', { skip: !posix }, async () => {
    await assert.rejects(chosen('zero.csv'), { message: outsideMessage('zero.csv') });
    await assert.rejects(chosen('pipe.csv'), { message: 'pipe.csv is not a regular file' });
    await assert.rejects(chosen('.'), { message: '. is not a regular file' });
    await assert.rejects(readExternalJudgements('/dev/zero', null), { message: 'zero is not a regular file' });
    await assert.rejects(readExternalJudgements(path.join(root, 'data', 'pipe.json'), null), { message: 'pipe.json is not a regular file' });
  });

  it('refuses a file over 512 MB, saying the limit (a sparse file: nothing is written)', async () => {
    const big = path.join(root, 'data', 'big.json');
    await fs.writeFile(big, '');
    await fs.truncate(big, 512 * 2 ** 20 + 1);
    await assert.rejects(chosen('big.json'), { message: 'big.json is larger than 512 MB, the limit for a judgements file' });
    await assert.rejects(readExternalJudgements(big, null), { message: 'big.json is larger than 512 MB (the limit for this file)' });
    await fs.rm(big);
  });

  it('a missing file is reported as missing', async () => {
    await assert.rejects(chosen('none.csv'), { message: 'none.csv was not found' });
  });
});

describe('media paths in cells on Windows: the old check let these through', () => {
  const w = path.win32;
  const root = 'C:\\ws';
  const oldCheck = (written: string) => !w.relative(root, w.isAbsolute(written) ? written : w.resolve(root, written)).startsWith('..');
  const cases: [string, string][] = [
    ['\\\\attacker\\share\\x.wav', 'network-or-device'],
    ['//attacker/share/x.png', 'network-or-device'],
    ['\\\\?\\UNC\\attacker\\share\\x', 'network-or-device'],
    ['\\\\.\\pipe\\x', 'network-or-device'],
    ['D:\\x.png', 'outside'],
    ['clips\\nul.wav', 'network-or-device'],
  ];
  for (const [written, problem] of cases) {
    it(`${written} is refused (${problem})`, () => {
      assert.deepEqual(containPath(root, written, w), { inside: false, problem });
      if (!written.includes('nul')) assert.equal(oldCheck(written), true);
    });
  }

  it('a real file through a link out of the workspace is refused, a file inside is found', async () => {
    const outside = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-hostile-media-')));
    const ws = path.join(outside, 'ws');
    await fs.mkdir(ws);
    await fs.writeFile(path.join(outside, 'x.png'), 'png');
    await fs.writeFile(path.join(ws, 'in.png'), 'png');
    await fs.symlink(outside, path.join(ws, 'clips'));
    assert.deepEqual(await resolveWorkspaceFile(ws, 'clips/x.png', Number.MAX_SAFE_INTEGER), { ok: false, problem: 'outside', message: `clips/x.png is outside the workspace folder ${ws}; Loupe only opens files inside it` });
    assert.deepEqual(await resolveWorkspaceFile(ws, 'in.png', Number.MAX_SAFE_INTEGER), { ok: true, path: path.join(ws, 'in.png') });
    await fs.rm(outside, { recursive: true, force: true });
  });
});
