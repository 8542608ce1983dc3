import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { sha256Text } from '../hash';
import { listExperiments } from '../store';
import { detectImportSource, importFolder } from './index';
import { readWandbRuns } from './wandb';

const WANDB = path.resolve(__dirname, '../../../../test/fixtures/experiments/wandb');
const OLD_RUN = path.join(WANDB, 'offline-run-20240612_091502-k3x9p2qa');
// A real offline run of wandb 0.30 (wandb-core): only the binary log and requirements.txt.
const CORE = path.resolve(__dirname, '../../../../test/fixtures/experiments/wandb-core');

describe('W&B offline run import', () => {
  it('finds run folders in a wandb/ folder and reads a single run folder too', async () => {
    assert.deepEqual((await readWandbRuns(WANDB)).drafts.map((d) => d.source.ref), ['k3x9p2qa', '7h2mzt1c']);
    assert.deepEqual((await readWandbRuns(OLD_RUN)).drafts.map((d) => d.source.ref), ['k3x9p2qa']);
    assert.deepEqual((await readWandbRuns(path.dirname(WANDB))).drafts.length, 2, 'a project folder holding wandb/');
  });

  it('maps config values (skipping _wandb), numeric summary (skipping _ keys and media) and git metadata', async () => {
    const { drafts, problems } = await readWandbRuns(WANDB);
    assert.deepEqual(problems, []);
    const [old, recent] = drafts;
    assert.deepEqual(old.params, { batch_size: 32, epochs: 3, learning_rate: 5e-5, model: { dropout: 0.1, name: 'distilbert-base-uncased' }, seed: 13 });
    assert.deepEqual(old.metrics, { epoch: 3, 'train/loss': 0.3314, 'val/accuracy': 0.8731, 'val/loss': 0.3902, 'val/macro_f1': 0.8519 });
    assert.equal(old.createdAt, '2024-06-12T09:15:02.417Z');
    assert.equal(old.code.commit, '9c2d41e7b0a35f86d1e2c4b7a9f03e6d58c1b2a4');
    assert.equal(old.code.remote, 'https://github.com/ana/intent.git');
    assert.equal(old.code.program, '/home/ana/intent/train_wandb.py');
    assert.equal(old.code.dirty, true);
    const patch = await fs.readFile(path.join(OLD_RUN, 'files', 'diff.patch'), 'utf8');
    assert.equal(old.code.diffSha256, sha256Text(patch));

    // A newer client: `desc: null` entries, wandb_version, started_at and git.remote_url.
    assert.deepEqual(recent.params, { batch_size: 32, epochs: 3, learning_rate: 3e-5, model: { dropout: 0.1, name: 'distilbert-base-uncased' }, seed: 13 });
    assert.equal(recent.createdAt, '2024-06-13T17:42:33.861Z');
    assert.equal(recent.code.remote, 'https://github.com/ana/intent.git');
    assert.equal(recent.code.commit, '4e8a1b7c2d9f03a6e5b1c8d7f2a4e6b9c0d3f1a5');
    assert.equal(recent.code.dirty, null, 'no diff.patch: unknown');
    assert.deepEqual(Object.keys(recent.metrics ?? {}).sort(), ['epoch', 'train/loss', 'val/accuracy', 'val/loss', 'val/macro_f1']);
  });

  it('reports a broken file and still imports the rest of the run', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-wandb-'));
    const files = path.join(dir, 'offline-run-20240101_000000-abc123', 'files');
    await fs.mkdir(files, { recursive: true });
    await fs.writeFile(path.join(files, 'wandb-summary.json'), '{"acc": 0.5,');
    await fs.writeFile(path.join(files, 'config.yaml'), 'lr:\n  value: 0.1\n');
    const { drafts, problems } = await readWandbRuns(dir);
    assert.deepEqual(drafts[0].params, { lr: 0.1 });
    assert.equal(drafts[0].createdAt, '2024-01-01T00:00:00.000Z');
    assert.match(problems[0].message, /wandb-summary\.json: not valid JSON/);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads a recent offline run from its binary log (files/ holds only requirements.txt)', async () => {
    const { drafts, problems } = await readWandbRuns(CORE);
    assert.deepEqual(problems, []);
    assert.equal(drafts.length, 1);
    const [run] = drafts;
    assert.equal(run.name, 'lower-lr');
    assert.equal(run.notes, 'lr 0.01 after the tagging pass');
    assert.equal(run.createdAt, '2026-11-23T04:31:05.000Z');
    assert.deepEqual(run.source, { kind: 'wandb', ref: 'kp0ks64b' });
    assert.deepEqual(run.params, { lr: 0.01, model: { depth: 3 }, epochs: 3 });
    assert.deepEqual(run.metrics, { 'val/acc': 0.7, loss: 1 / 3, best_acc: 0.7 });
    assert.deepEqual(run.history?.loss.map((p) => [p.step, p.value]), [[0, 1], [1, 0.5], [2, 1 / 3]]);
    assert.deepEqual(run.history?.['val/acc'].map((p) => p.value), [0.5, 0.6, 0.7]);
    assert.deepEqual([run.code.gitAvailable, run.code.commit, run.code.remote, run.code.dirty], [true, '5b02733ddee67ac8bcba17b285ad09433a11741f', 'https://github.com/example/speech-commands.git', null]);
  });

  it('reads the records before a cut or damaged tail of the binary log, and says so', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-wandb-'));
    const source = path.join(CORE, 'offline-run-20261123_043104-kp0ks64b');
    const run = path.join(dir, 'offline-run-20261123_043104-kp0ks64b');
    await fs.mkdir(path.join(run, 'files'), { recursive: true });
    const bytes = await fs.readFile(path.join(source, 'run-kp0ks64b.wandb'));
    await fs.writeFile(path.join(run, 'run-kp0ks64b.wandb'), bytes.subarray(0, 900));
    const cut = await readWandbRuns(dir);
    assert.equal(cut.drafts.length, 1);
    assert.deepEqual(cut.drafts[0].params, { lr: 0.01, model: { depth: 3 }, epochs: 3 }, 'the config comes early in the log');
    assert.match(cut.problems[0].message, /run-kp0ks64b\.wandb: the log ends inside a record/);
    const damaged = Buffer.from(bytes);
    damaged[300] ^= 0xff;
    await fs.writeFile(path.join(run, 'run-kp0ks64b.wandb'), damaged);
    assert.match((await readWandbRuns(dir)).problems[0].message, /damaged record at byte \d+ \(checksum\)/);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('skips, and says why, a run folder whose binary log is not one', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-wandb-'));
    const run = path.join(dir, 'offline-run-20251101_120000-x56wam3x');
    await fs.mkdir(path.join(run, 'files'), { recursive: true });
    await fs.writeFile(path.join(run, 'files', 'requirements.txt'), 'torch==2.5.0\n');
    await fs.writeFile(path.join(run, 'run-x56wam3x.wandb'), Buffer.from([0x3a, 0xd9, 0x57, 0x00]));
    const { drafts, problems } = await readWandbRuns(dir);
    assert.equal(drafts.length, 0, 'no empty experiment');
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /run-x56wam3x\.wandb.*skipped/);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('is idempotent on re-import', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-wandb-store-'));
    assert.equal(await detectImportSource(WANDB), 'wandb');
    assert.deepEqual(
      (await importFolder(root, WANDB, 'wandb')).results.map((r) => r.outcome),
      ['created', 'created'],
    );
    assert.deepEqual(
      (await importFolder(root, WANDB, 'wandb')).results.map((r) => r.outcome),
      ['unchanged', 'unchanged'],
    );
    const list = await listExperiments(root);
    assert.equal(list.experiments.length, 2);
    assert.deepEqual(list.problems, []);
    await fs.rm(root, { recursive: true, force: true });
  });
});
