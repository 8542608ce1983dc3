import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { readRegularFile, resolveInsideWorkspace, resolveWorkspaceFile } from './safePath';

const posix = process.platform !== 'win32';

describe('opening a written path only inside the workspace', () => {
  let base: string;
  let root: string;
  before(async () => {
    base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-safe-')));
    root = path.join(base, 'ws');
    await fs.mkdir(path.join(root, 'clips'), { recursive: true });
    await fs.writeFile(path.join(root, 'clips', 'a.wav'), 'RIFF');
    await fs.writeFile(path.join(base, 'secret.txt'), 'root:x:0:0\n');
    await fs.symlink(path.join(base, 'secret.txt'), path.join(root, 'escape.txt'));
    await fs.symlink(base, path.join(root, 'up'));
    await fs.symlink('clips', path.join(root, 'alias'));
    await fs.symlink(path.join(root, 'loop2'), path.join(root, 'loop1'));
    await fs.symlink(path.join(root, 'loop1'), path.join(root, 'loop2'));
  });

  it('resolves a file below the root, through links that stay inside', async () => {
    assert.deepEqual(await resolveInsideWorkspace(root, 'clips/a.wav'), { ok: true, path: path.join(root, 'clips', 'a.wav') });
    assert.deepEqual(await resolveInsideWorkspace(root, 'alias/a.wav'), { ok: true, path: path.join(root, 'clips', 'a.wav') });
    assert.deepEqual(await resolveInsideWorkspace(root, 'a.wav', path.join(root, 'clips')), { ok: true, path: path.join(root, 'clips', 'a.wav') });
  });

  it('refuses a link whose target is outside the workspace, without reading it', async () => {
    const escape = await resolveInsideWorkspace(root, 'escape.txt');
    assert.deepEqual(escape, { ok: false, problem: 'outside', message: `escape.txt is outside the workspace folder ${root}; Loupe only opens files inside it` });
    assert.equal((await resolveInsideWorkspace(root, 'up/secret.txt')).ok, false);
    assert.equal((await resolveInsideWorkspace(root, '../secret.txt')).ok, false);
    assert.equal((await resolveInsideWorkspace(root, path.join(base, 'secret.txt'))).ok, false);
  });

  it('a root reached through a link still contains its files', async () => {
    const linkedRoot = path.join(base, 'ws-link');
    await fs.symlink(root, linkedRoot);
    assert.deepEqual(await resolveInsideWorkspace(linkedRoot, 'clips/a.wav'), { ok: true, path: path.join(root, 'clips', 'a.wav') });
    assert.equal((await resolveInsideWorkspace(linkedRoot, 'escape.txt')).ok, false);
  });

  it('says a path is missing, or loops', async () => {
    assert.deepEqual(await resolveInsideWorkspace(root, 'clips/none.wav'), { ok: false, problem: 'missing', message: 'clips/none.wav was not found' });
    assert.deepEqual(await resolveInsideWorkspace(root, 'loop1'), { ok: false, problem: 'outside', message: 'loop1 goes through too many links' });
  });

  it('a file must be regular and within the size limit', async () => {
    assert.deepEqual(await resolveWorkspaceFile(root, 'clips', 1000), { ok: false, problem: 'not-a-file', message: 'clips is not a regular file' });
    assert.deepEqual(await resolveWorkspaceFile(root, 'clips/a.wav', 3), { ok: false, problem: 'too-large', message: 'clips/a.wav is larger than 3 bytes (the limit for this file)' });
    assert.deepEqual(await resolveWorkspaceFile(root, 'clips/a.wav', 4), { ok: true, path: path.join(root, 'clips', 'a.wav') });
  });

  it('reads a regular file or its head, and refuses devices and FIFOs without blocking or reading them', { skip: !posix }, async () => {
    assert.equal((await readRegularFile(path.join(root, 'clips', 'a.wav'), 100)).toString(), 'RIFF');
    assert.equal((await readRegularFile(path.join(root, 'clips', 'a.wav'), 100, 2)).toString(), 'RI');
    await assert.rejects(readRegularFile(path.join(root, 'clips', 'a.wav'), 3), { message: 'a.wav is larger than 3 bytes (the limit for this file)' });
    await assert.rejects(readRegularFile('/dev/zero', 2 ** 29), { message: 'zero is not a regular file' });
    const fifo = path.join(root, 'pipe');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(readRegularFile(fifo, 2 ** 29), { message: 'pipe is not a regular file' });
    assert.deepEqual(await resolveWorkspaceFile(root, 'pipe', 2 ** 29), { ok: false, problem: 'not-a-file', message: 'pipe is not a regular file' });
  });
});
