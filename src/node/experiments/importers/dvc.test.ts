import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { listExperiments } from '../store';
import { readDvcProject } from './dvc';
import { detectImportSource, importFolder } from './index';

const DVC = path.resolve(__dirname, '../../../../test/fixtures/experiments/dvc');

describe('DVC import', () => {
  it('reads params.yaml (nested) and metrics.json (nested names joined with /)', async () => {
    const { drafts, problems } = await readDvcProject(path.join(DVC, 'classic'), { root: DVC });
    assert.deepEqual(problems, []);
    const [run] = drafts;
    assert.deepEqual(run.params, {
      prepare: { split: 0.2, seed: 20170428 },
      featurize: { max_features: 200, ngrams: 2 },
      train: { seed: 20170428, n_est: 50, min_split: 0.01 },
    });
    assert.deepEqual(run.metrics, { 'avg_prec/train': 0.9743681430252835, 'avg_prec/test': 0.9249974999612706, 'roc_auc/train': 0.9866678562450621, 'roc_auc/test': 0.9460213440787918 });
    assert.equal(run.history, undefined);
    assert.equal(run.source.kind, 'dvc');
    assert.match(run.source.ref, /^classic@[0-9a-f]{12}$/);
    assert.equal(run.name, 'dvc classic');
    assert.equal(run.code.gitAvailable, false);
  });

  it('follows dvc.yaml: metrics and params files declared at the top or in a stage, and a dvclive folder elsewhere', async () => {
    // Shaped like DVC's example-get-started project: dvclive writes to eval/live.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-dvc-'));
    await fs.mkdir(path.join(dir, 'eval', 'live', 'plots', 'metrics', 'train'), { recursive: true });
    await fs.mkdir(path.join(dir, 'configs'));
    await fs.writeFile(
      path.join(dir, 'dvc.yaml'),
      'stages:\n  train:\n    cmd: python train.py\n    params:\n    - train.lr\n    - configs/model.yaml:\n      - depth\n    metrics:\n    - scores.json:\n        cache: false\nmetrics:\n- eval/live/metrics.json\nplots:\n- eval/live/plots/metrics:\n    x: step\n',
    );
    await fs.writeFile(path.join(dir, 'params.yaml'), 'train:\n  lr: 0.01\n');
    await fs.writeFile(path.join(dir, 'configs', 'model.yaml'), 'depth: 6\n');
    await fs.writeFile(path.join(dir, 'scores.json'), '{"auc": 0.93}\n');
    await fs.writeFile(path.join(dir, 'eval', 'live', 'metrics.json'), '{"step": 2, "test": {"acc": 0.88}}\n');
    await fs.writeFile(path.join(dir, 'eval', 'live', 'plots', 'metrics', 'train', 'loss.tsv'), 'step\tloss\n0\t0.9\n1\t0.5\n2\t0.4\n');
    const { drafts, problems } = await readDvcProject(dir);
    assert.deepEqual(problems, []);
    const [run] = drafts;
    assert.deepEqual(run.params, { train: { lr: 0.01 }, depth: 6 });
    assert.deepEqual(run.metrics, { auc: 0.93, 'test/acc': 0.88 });
    assert.deepEqual(run.history?.['train/loss'].map((p) => p.value), [0.9, 0.5, 0.4]);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("reads a metrics.json with Python's NaN (a diverged run), as loupe record does", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-dvc-'));
    await fs.writeFile(path.join(dir, 'metrics.json'), '{"loss": NaN, "acc": 0.5}\n');
    const { drafts, problems } = await readDvcProject(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(drafts[0].metrics, { acc: 0.5 });
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads dvclive: params, the summary without its step counter, and the .tsv history', async () => {
    const { drafts, problems } = await readDvcProject(path.join(DVC, 'dvclive'));
    assert.deepEqual(problems, []);
    const [run] = drafts;
    assert.deepEqual(run.params, { train: { epochs: 5, lr: 0.001, batch_size: 64 }, model: { hidden: 256, dropout: 0.2 }, optimizer: 'adam', num_classes: 7 });
    assert.deepEqual(run.metrics, { 'train/loss': 0.2113, 'val/loss': 0.3378, 'val/acc': 0.8912 });
    assert.deepEqual(Object.keys(run.history ?? {}).sort(), ['train/loss', 'val/acc', 'val/loss']);
    assert.deepEqual(run.history?.['val/acc'].map((p) => [p.step, p.value]).at(-1), [4, 0.8912]);
    assert.equal(run.history?.['train/loss'].length, 5);
    assert.match(run.source.ref, /^\.@/);
  });

  it('says so when a folder has no DVC results', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-dvc-empty-'));
    const { drafts, problems } = await readDvcProject(dir);
    assert.deepEqual(drafts, []);
    assert.match(problems[0].message, /no params\.yaml/);
    assert.equal(await detectImportSource(dir), undefined);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('is idempotent on re-import; new results make a new experiment', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-dvc-'));
    const project = path.join(root, 'project');
    await fs.cp(path.join(DVC, 'dvclive'), project, { recursive: true });
    assert.equal(await detectImportSource(project), 'dvc');
    assert.deepEqual(
      (await importFolder(root, project, 'dvc')).results.map((r) => r.outcome),
      ['created'],
    );
    // Touching the files changes nothing that is imported.
    const now = new Date();
    await fs.utimes(path.join(project, 'dvclive', 'metrics.json'), now, now);
    assert.deepEqual(
      (await importFolder(root, project, 'dvc')).results.map((r) => r.outcome),
      ['unchanged'],
    );
    const summary = path.join(project, 'dvclive', 'metrics.json');
    await fs.writeFile(summary, (await fs.readFile(summary, 'utf8')).replace('0.8912', '0.9001'));
    assert.deepEqual(
      (await importFolder(root, project, 'dvc')).results.map((r) => r.outcome),
      ['created'],
    );
    const list = await listExperiments(root);
    assert.equal(list.experiments.length, 2);
    assert.ok(list.experiments.every((s) => s.experiment.source.ref?.startsWith('project@')));
    await fs.rm(root, { recursive: true, force: true });
  });
});
