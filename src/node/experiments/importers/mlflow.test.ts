import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { listExperiments } from '../store';
import { detectImportSource, importFolder } from './index';
import { parseMetricFile, readMlflowRuns } from './mlflow';
import type { ImportProblem } from './common';

const MLRUNS = path.resolve(__dirname, '../../../../test/fixtures/experiments/mlruns');

describe('MLflow file store import', () => {
  it('reads live runs only: skips .trash, deleted runs and experiment meta files', async () => {
    const { drafts, problems } = await readMlflowRuns(MLRUNS);
    assert.deepEqual(problems, []);
    assert.deepEqual(drafts.map((d) => d.source.ref).sort(), ['5f0c9b3a2e8d4f6c9a1b7e2d4c6f8a0b', 'a3e1c7d95b2f4e8a8c6d0f1b3e5a7c9d', 'c81f4d2b6a0e4b3c9f7e5d1a2b8c4e6f']);
    assert.ok(drafts.every((d) => d.source.kind === 'mlflow'));
  });

  it('maps params, metrics at the last step, history, git commit, name and note', async () => {
    const { drafts } = await readMlflowRuns(MLRUNS);
    const run = drafts.find((d) => d.source.ref === 'a3e1c7d95b2f4e8a8c6d0f1b3e5a7c9d');
    assert.ok(run);
    assert.equal(run.name, 'bert-base-lr3e-5');
    assert.equal(run.createdAt, new Date(1718355722104).toISOString());
    assert.deepEqual(run.params, { batch_size: 32, epochs: 4, learning_rate: 3e-5, model_name: 'bert-base-uncased', use_class_weights: true, warmup_steps: null });
    assert.deepEqual(run.metrics, { loss: 0.2405, 'val/f1': 0.8652, val_accuracy: 0.8795, val_loss: 0.4235 });
    assert.deepEqual(
      run.history?.val_loss.map((p) => [p.step, p.value]),
      [
        [0, 0.6021],
        [1, 0.4388],
        [2, 0.4102],
        [3, 0.4235],
      ],
    );
    assert.equal(run.history?.['val/f1'], undefined, 'a single point is no history');
    assert.equal(run.code.commit, '9c2d41e7b0a35f86d1e2c4b7a9f03e6d58c1b2a4');
    assert.equal(run.code.gitAvailable, true);
    assert.equal(run.code.program, '/home/ana/intent/train.py');
    assert.equal(run.notes, "Relabelled the 'refund' vs 'cancel' confusions before this run.");
  });

  it('leaves out nan values and says why there is no commit', async () => {
    const { drafts } = await readMlflowRuns(MLRUNS);
    const failed = drafts.find((d) => d.source.ref === 'c81f4d2b6a0e4b3c9f7e5d1a2b8c4e6f');
    assert.deepEqual(failed?.metrics, { loss: 1.9312 });
    const quick = drafts.find((d) => d.source.ref === '5f0c9b3a2e8d4f6c9a1b7e2d4c6f8a0b');
    assert.equal(quick?.code.gitAvailable, false);
    assert.match(quick?.code.reason ?? '', /no git commit/);
    assert.deepEqual(quick?.params, { model: 'majority', seed: 42 });
  });

  it('takes the value at the highest step, the last logged on a tie, and reports bad lines', () => {
    const problems: ImportProblem[] = [];
    const metric = parseMetricFile('100 0.5 2\n101 0.9 1\n102 0.6 2\ngarbage\n103 0.7\n', 'm/acc', problems);
    assert.equal(metric?.value, 0.6);
    assert.equal(metric?.history.length, 4);
    assert.deepEqual(metric?.history.at(-1), { step: 0, value: 0.7, timestamp: 103 });
    assert.deepEqual(problems, [{ file: 'm/acc', message: 'm/acc line 4: expected "timestamp value step", found "garbage"; skipped' }]);
  });

  it('imports into the store once: a second import updates nothing and duplicates nothing', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-mlflow-'));
    assert.equal(await detectImportSource(MLRUNS), 'mlflow');
    const first = await importFolder(root, MLRUNS, 'mlflow');
    assert.deepEqual(
      first.results.map((r) => r.outcome),
      ['created', 'created', 'created'],
    );
    const before = (await fs.readdir(path.join(root, '.loupe', 'experiments'))).sort();
    const second = await importFolder(root, MLRUNS, 'mlflow');
    assert.deepEqual(
      second.results.map((r) => r.outcome),
      ['unchanged', 'unchanged', 'unchanged'],
    );
    assert.deepEqual((await fs.readdir(path.join(root, '.loupe', 'experiments'))).sort(), before);
    const list = await listExperiments(root);
    assert.deepEqual(list.problems, []);
    assert.equal(list.experiments[0].experiment.name, 'bert-base-lr1e-4', 'newest run first');
    assert.ok(list.experiments.every((s) => s.experiment.source.kind === 'mlflow'));
    await fs.rm(root, { recursive: true, force: true });
  });
});
