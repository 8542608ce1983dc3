// The CLI on its own: `npm run pack:cli` makes a tarball that runs `loupe` with nothing else
// installed. The test packs it, unpacks it outside the repository (as npx would, without a
// registry) and runs the bin on a small CSV, checking the exit codes CI relies on.
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '../..');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('the CLI package', () => {
  let dir = '';
  let bin = '';
  const loupe = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });

  before(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'pack-cli.mjs')], { cwd: ROOT, stdio: 'pipe' });
    dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-cli-package-'));
    execFileSync('tar', ['-xzf', path.join(ROOT, 'dist-cli', `loupe-${version}.tgz`), '-C', dir]);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package', 'package.json'), 'utf8')) as { bin: Record<string, string> };
    bin = path.join(dir, 'package', manifest.bin.loupe);
    const rows = ['id,text,label,prediction,p_cat,p_dog'];
    for (let i = 0; i < 40; i++) {
      const label = i % 2 === 0 ? 'cat' : 'dog';
      const prediction = i % 5 === 0 ? (label === 'cat' ? 'dog' : 'cat') : label;
      const pCat = (label === 'cat') !== (i % 7 === 0) ? 0.9 : 0.1;
      rows.push(`e${i},text ${i},${label},${prediction},${pCat},${(1 - pCat).toFixed(1)}`);
    }
    writeFileSync(path.join(dir, 'small.csv'), `${rows.join('\n')}\n`);
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('holds the bundle, its worker, a README and the LICENSE, and depends on nothing', () => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package', 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.name, 'loupe');
    assert.equal(manifest.version, version);
    assert.deepEqual(manifest.bin, { loupe: 'cli/loupe.js' });
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies', 'scripts']) assert.equal(manifest[field], undefined, field);
    assert.deepEqual(readdirSync(path.join(dir, 'package')).sort(), ['LICENSE', 'README.md', 'cli', 'package.json', 'worker']);
    assert.match(readFileSync(bin, 'utf8').slice(0, 30), /^#!\/usr\/bin\/env node\n/);
  });

  it('prints its version (exit 0)', () => {
    const run = loupe('--version');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `loupe ${version}\n`);
  });

  it('computes metrics on a CSV (exit 0)', () => {
    const run = loupe('metrics', 'small.csv', '--json');
    assert.equal(run.status, 0, run.stderr);
    const metrics = JSON.parse(run.stdout) as { accuracy: number };
    assert.equal(metrics.accuracy, 0.8);
  });

  it('exits 1 when a --fail-… condition is met, and 2 on bad input', () => {
    assert.equal(loupe('issues', 'small.csv', '--fail-above', '0').status, 1, 'likely label errors above 0%');
    const missing = loupe('metrics', 'missing.csv');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /missing\.csv/);
    assert.equal(loupe('metrics', 'small.csv', '--no-such-option').status, 2);
  });
});
