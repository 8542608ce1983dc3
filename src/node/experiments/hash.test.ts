import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fingerprintFile, sha256File, sha256Text } from './hash';

describe('streaming hash', () => {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-hash-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('matches a one-shot SHA-256 across many chunks, reporting progress', async () => {
    const file = path.join(dir, 'big.bin');
    const bytes = Buffer.alloc(3 * (1 << 20) + 12345);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
    await fs.writeFile(file, bytes);
    const progress: number[] = [];
    const hash = await sha256File(file, { onProgress: (n) => progress.push(n) });
    assert.equal(hash, createHash('sha256').update(bytes).digest('hex'));
    assert.ok(progress.length >= 4);
    assert.equal(progress.at(-1), bytes.length);
  });

  it('counts CSV data rows (a quoted newline is one row) in the same pass', async () => {
    const file = path.join(dir, 'labels.csv');
    const text = 'id,text,label\n1,"two\nlines",a\n2,plain,b\n\n3,x,c';
    await fs.writeFile(file, text);
    assert.deepEqual(await fingerprintFile(file), { sha256: sha256Text(text), bytes: Buffer.byteLength(text), rows: 3 });
  });

  it('hashes but does not count a UTF-16 file', async () => {
    const file = path.join(dir, 'utf16.csv');
    await fs.writeFile(file, Buffer.from('\ufeffa,b\n1,2\n', 'utf16le'));
    assert.equal((await fingerprintFile(file)).rows, null);
  });

  it('hashes an empty file', async () => {
    const file = path.join(dir, 'empty.csv');
    await fs.writeFile(file, '');
    assert.deepEqual(await fingerprintFile(file), { sha256: sha256Text(''), bytes: 0, rows: 0 });
  });
});
