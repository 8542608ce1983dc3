import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { perExampleComparability } from '../../core/experiments/perExample';
import { parseExperiment, type Experiment } from '../../core/experiments/schema';
import { recordedFileState } from '../../node/experiments/recordedFile';
import { runExperiments } from './experiments';
import { runRecord } from './record';

const run = promisify(execFile);
const CLI = path.join(__dirname, '..', 'loupe.ts');
// By path: the scripts run in temporary folders, where `--import tsx` would not resolve.
const TSX = pathToFileURL(path.join(__dirname, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** The CLI as a training script calls it, in its own process. */
function loupe(cwd: string, ...args: string[]) {
  return run(process.execPath, ['--import', TSX, CLI, ...args], { cwd, env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(cwd) } });
}

describe('loupe record and loupe experiments', () => {
  let root: string;
  before(async () => {
    root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-cli-')));
    await fs.mkdir(path.join(root, '.loupe'));
    await fs.mkdir(path.join(root, 'train'));
    await fs.writeFile(path.join(root, 'train', 'params.yaml'), 'model:\n  lr: 0.1\n  depth: 3\nseed: 7\n');
    await fs.writeFile(path.join(root, 'train', 'metrics.json'), '{"val": {"acc": 0.8}, "loss": 0.4}\n');
    await fs.writeFile(path.join(root, 'labels.csv'), 'id,label,prediction\na,x,x\nb,y,x\n');
  });

  it('records params, metrics and the dataset from a sub-folder into the workspace root', async () => {
    const out = JSON.parse(
      await runRecord({ name: ' first run ', params: 'params.yaml', param: ['model.lr=0.05', 'note="a b"'], metrics: 'metrics.json', dataset: '../labels.csv', json: true, cwd: path.join(root, 'train') }),
    ) as { id: string; file: string; root: string; experiment: Record<string, unknown> };
    assert.equal(out.root, root);
    assert.equal(out.file, `.loupe/experiments/${out.id}.json`);
    const saved = parseExperiment(await fs.readFile(path.join(root, out.file), 'utf8'), out.file);
    assert.ok(saved.ok);
    const e = saved.experiment;
    assert.equal(e.name, 'first run');
    assert.deepEqual(e.params, { model: { lr: 0.05, depth: 3 }, seed: 7, note: 'a b' });
    assert.deepEqual(e.metrics, { 'val/acc': 0.8, loss: 0.4 });
    assert.equal(e.data.path, 'labels.csv');
    assert.equal(e.data.rows, 2);
    assert.equal(e.source.kind, 'cli');
    assert.deepEqual(out.experiment, e);
    const pairs = createHash('sha256').update('["a","x"]\n["b","x"]\n').digest('hex');
    assert.deepEqual([e.data.predictions?.column, e.data.predictions?.idColumn, e.data.predictions?.rows, e.data.predictions?.sha256], ['prediction', 'id', 2, pairs]);
  });

  it('computes metrics from the dataset with --score', async () => {
    const out = JSON.parse(await runRecord({ name: 'scored', dataset: 'labels.csv', score: true, baseline: 'quick-and-dirty', json: true, cwd: root })) as { experiment: { metrics: Record<string, number>; baseline: string } };
    assert.equal(out.experiment.metrics.accuracy, 0.5);
    assert.equal(out.experiment.baseline, 'quick-and-dirty');
  });

  it('lists experiments newest first, as JSON and as text', async () => {
    const listed = JSON.parse(await runExperiments({ json: true, cwd: path.join(root, 'train') })) as { root: string; experiments: { name: string }[]; problems: unknown[] };
    assert.equal(listed.root, root);
    assert.deepEqual(
      listed.experiments.map((e) => e.name),
      ['scored', 'first run'],
    );
    assert.deepEqual(listed.problems, []);
    const text = await runExperiments({ json: false, cwd: root });
    const lines = text.split('\n');
    assert.match(lines[0], /^created +name +main metric +dataset +code +source$/);
    assert.match(lines[1], /scored \[quick-and-dirty baseline\] +macro_f1 0\.3333 +labels\.csv @[0-9a-f]{8}/);
    assert.match(lines[2], /first run +val\/acc 0\.8/);
  });

  it('rejects bad input with one line that says what to do', async () => {
    await assert.rejects(runRecord({ json: false, cwd: root }), /missing --name <name>/);
    await assert.rejects(runRecord({ name: 'x', params: 'nope.yaml', json: false, cwd: root }), /nope\.yaml: no such file/);
    await assert.rejects(runRecord({ name: 'x', param: ['lr'], json: false, cwd: root }), /--param lr: expected key=value/);
    await assert.rejects(runRecord({ name: 'x', baseline: 'best', json: false, cwd: root }), /--baseline best: expected one of none, human-level/);
    await assert.rejects(runRecord({ name: 'x', score: true, json: false, cwd: root }), /--score computes metrics from the dataset/);
  });

  it('says there are none yet in an empty workspace', async () => {
    const empty = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-cli-empty-')));
    await fs.mkdir(path.join(empty, '.loupe'));
    assert.match(await runExperiments({ json: false, cwd: empty }), /^no experiments in .*; record one with: loupe record --name <name>$/);
    assert.deepEqual(JSON.parse(await runExperiments({ json: true, cwd: empty })), { root: empty, experiments: [], problems: [] });
  });

  it('two training scripts recording at the same moment both succeed, in their own processes', async () => {
    const shared = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-cli-race-')));
    const results = await Promise.all([loupe(shared, 'record', '--name', 'same name', '--json'), loupe(shared, 'record', '--name', 'same name', '--json')]);
    const ids = results.map((r) => (JSON.parse(r.stdout) as { id: string }).id);
    assert.notEqual(ids[0], ids[1]);
    const files = (await fs.readdir(path.join(shared, '.loupe', 'experiments'))).sort();
    assert.deepEqual(files, ids.map((id) => `${id}.json`).sort());
    const listed = await loupe(shared, 'experiments', '--json');
    assert.equal((JSON.parse(listed.stdout) as { experiments: unknown[] }).experiments.length, 2);
    const noGit = (JSON.parse(results[0].stdout) as { experiment: { code: { gitAvailable: boolean; reason?: string } } }).experiment.code;
    if (!noGit.gitAvailable) assert.match(noGit.reason ?? '', /not in a git repository/);
  });

  it('exits with 2 and a message on a usage error', async () => {
    await assert.rejects(loupe(root, 'record', 'stray'), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr, /^loupe: record takes no positional arguments/);
      return true;
    });
  });
});

describe('records of two model versions', () => {
  it('keeps a fingerprint of the predictions, so two records say whether they compare example by example', async () => {
    const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-cli-fingerprint-')));
    await fs.mkdir(path.join(root, '.loupe'));
    await fs.writeFile(path.join(root, 'labels.csv'), 'id,label,prediction\na,x,x\nb,y,x\n');
    await fs.writeFile(path.join(root, 'v2.csv'), 'id,label,prediction\na,x,x\nb,y,y\n');
    await fs.writeFile(path.join(root, 'other.csv'), 'id,label,prediction\na,x,x\nc,y,y\n');
    const record = async (name: string, dataset: string) => (JSON.parse(await runRecord({ name, dataset, json: true, cwd: root })) as { experiment: Experiment }).experiment;
    const [v1, v2, other] = [await record('v1', 'labels.csv'), await record('v2', 'v2.csv'), await record('other', 'other.csv')];
    const files = async (a: Experiment, b: Experiment) => ({ a: await recordedFileState(root, a), b: await recordedFileState(root, b) });
    const same = perExampleComparability(v1, v2, await files(v1, v2));
    assert.deepEqual([same.possible, same.samePredictions], [true, false]);
    assert.deepEqual(perExampleComparability(v1, other).gaps.map((g) => g.code), ['different-ids']);
    await fs.writeFile(path.join(root, 'v2.csv'), 'id,label,prediction\na,x,x\nb,y,x\n');
    assert.deepEqual(perExampleComparability(v1, v2, await files(v1, v2)).gaps.map((g) => `${g.record}:${g.code}`), ['b:file-changed']);
  });
});
