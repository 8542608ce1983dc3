import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TrainingLogParser } from '../src/core/experiments/trainingLog';
import { readMetricsFile, readParamsFile } from '../src/node/experiments/resultFiles';
import { listExperiments } from '../src/node/experiments/store';
import { SAMPLE_DATASET, SAMPLE_TRAINING_LOG, writeSampleWorkspace } from './sampleWorkspace';

const EXAMPLES = path.resolve(__dirname, '../examples');

async function generated(): Promise<{ folder: string; files: string[] }> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'loupe-sample-ws-'));
  cpSync(path.join(EXAMPLES, SAMPLE_DATASET), path.join(folder, SAMPLE_DATASET));
  return { folder, files: await writeSampleWorkspace(folder) };
}

describe('sample workspace files', () => {
  it('are the same bytes on every run, and the committed ones are up to date (else: npm run sample -- --workspace examples)', async () => {
    const first = await generated();
    const second = await generated();
    assert.deepEqual(first.files, second.files);
    assert.equal(first.files.length, 6);
    for (const file of first.files) {
      const bytes = readFileSync(path.join(first.folder, file), 'utf8');
      assert.equal(readFileSync(path.join(second.folder, file), 'utf8'), bytes, file);
      assert.equal(readFileSync(path.join(EXAMPLES, file), 'utf8'), bytes, `examples/${file} is not what the generator writes: run npm run sample -- --workspace examples`);
    }
    assert.deepEqual(readdirSync(path.join(EXAMPLES, '.loupe', 'experiments')).sort(), readdirSync(path.join(first.folder, '.loupe', 'experiments')).sort());
  });

  it('has a training log Loupe reads as a Lightning metrics.csv, without problems', () => {
    const parser = new TrainingLogParser({ fileName: 'metrics.csv' });
    parser.push(readFileSync(path.join(EXAMPLES, SAMPLE_TRAINING_LOG), 'utf8'));
    parser.flush();
    assert.equal(parser.format, 'lightning-csv');
    assert.deepEqual(parser.problems, []);
    assert.deepEqual(parser.seriesNames.sort(), ['train_loss', 'val_acc', 'val_loss']);
    const accuracy = parser.series.val_acc;
    assert.equal(accuracy.length, 20);
    assert.ok(accuracy[19].value > accuracy[0].value + 0.5, 'the validation accuracy rises');
  });

  it('has params and metrics files Loupe reads, the metrics being the log\'s last epoch', async () => {
    const params = await readParamsFile(path.join(EXAMPLES, 'params.yaml'));
    assert.deepEqual(params.train, { lr: 0.001, batch_size: 64, epochs: 20, seed: 42 });
    const metrics = await readMetricsFile(path.join(EXAMPLES, 'metrics.json'));
    const parser = new TrainingLogParser({ fileName: 'metrics.csv' });
    parser.push(readFileSync(path.join(EXAMPLES, SAMPLE_TRAINING_LOG), 'utf8'));
    assert.equal(metrics.val_acc, parser.series.val_acc.at(-1)!.value);
  });

  it('has three experiment records the store lists without problems: a human-level baseline and two models', async () => {
    const { experiments, problems } = await listExperiments(EXAMPLES);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      experiments.map((s) => [s.experiment.name, s.experiment.baseline, s.experiment.source.kind]),
      [
        ['cnn-small after relabeling noisy audio', 'none', 'cli'],
        ['cnn-small baseline', 'none', 'cli'],
        ['Human-level: labeler 1 against the final label', 'human-level', 'cli'],
      ],
    );
    const [v2, v1, human] = experiments.map((s) => s.experiment);
    assert.equal(v1.data.path, SAMPLE_DATASET);
    assert.equal(v1.data.rows, 2000);
    assert.ok(v1.metrics.accuracy > 0.85 && v1.metrics.accuracy < 0.95);
    assert.ok(v1.perSlice?.['device=feature_phone'], 'scored per slice');
    assert.ok(human.metrics.accuracy > v1.metrics.accuracy, 'the human-level bar is above the first model');
    assert.deepEqual(v2.params.train, { lr: 0.0005, batch_size: 64, epochs: 30, seed: 42 });
    assert.equal(v1.code.gitAvailable, false);
  });
});
