import assert from 'node:assert/strict';
import { scoreLabelFile } from '../../node/experiments/labelFileMetrics';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { CodeState } from '../../core/experiments/schema';
import { listExperiments } from '../../node/experiments/store';
import { recordFromPalette, RESTRICTED_MODE_REASON, type MetricsChoice, type ParamsChoice, type RecordEffects } from './recordFlow';

const GIT: CodeState = { gitAvailable: true, commit: 'f'.repeat(40), branch: 'main', dirty: false, diffSha256: null, remote: null };

interface Script {
  name?: string;
  params?: ParamsChoice;
  typed?: string;
  metrics?: MetricsChoice;
  labelFile?: string;
  dataset?: string | null;
  trusted?: boolean;
  abort?: boolean;
  /** The answer to "record without computed metrics?". */
  withoutMetrics?: boolean;
}

/** Fake prompts answering from a script, and a log of what was asked. */
function fakeEffects(root: string, script: Script): RecordEffects & { asked: string[]; gitCalls: number; progress: string[] } {
  const fake = {
    asked: [] as string[],
    gitCalls: 0,
    progress: [] as string[],
    findFiles: async (glob: string) => {
      const all = ['params.yaml', 'outputs/.hydra/config.yaml', 'metrics.json', 'labels.csv'].map((f) => path.join(root, f));
      if (glob.includes('params')) return all.slice(0, 2);
      if (glob.includes('metrics')) return all.slice(2, 3);
      return all.slice(3);
    },
    askName: async () => (fake.asked.push('name'), script.name),
    pickParams: async (candidates: string[]) => (fake.asked.push(`params ${candidates.length}`), script.params),
    askParams: async (validate: (t: string) => string | undefined) => {
      fake.asked.push('typed');
      assert.equal(validate('lr'), 'expected key=value, got "lr"');
      return script.typed;
    },
    pickMetrics: async () => (fake.asked.push('metrics'), script.metrics),
    pickLabelFile: async () => (fake.asked.push('labelFile'), script.labelFile),
    pickDataset: async (candidates: string[]) => (fake.asked.push(`dataset ${candidates.length}`), script.dataset),
    withProgress: async <T>(title: string, task: (report: (m: string, f?: number) => void, signal: AbortSignal) => Promise<T>) => {
      const controller = new AbortController();
      if (script.abort) controller.abort();
      fake.progress.push(title);
      return task((message) => fake.progress.push(message), controller.signal);
    },
    isTrusted: () => script.trusted ?? true,
    gitState: async () => (fake.gitCalls++, GIT),
    scoreLabelFile,
    recordWithoutMetrics: async (why: string) => (fake.asked.push(`without metrics: ${why}`), script.withoutMetrics ?? false),
  };
  return fake;
}

describe('Record Experiment from the palette', () => {
  let root: string;
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-record-'));
    await fs.writeFile(path.join(root, 'params.yaml'), 'lr: 0.1\nmodel:\n  depth: 3\n');
    await fs.writeFile(path.join(root, 'metrics.json'), '{"accuracy": 0.75}\n');
    await fs.writeFile(path.join(root, 'labels.csv'), 'id,label,prediction,tags\n1,a,a,noisy\n2,b,a,\n3,b,b,noisy\n4,a,a,\n');
  });

  it('records params and metrics from files, the dataset and git state', async () => {
    const effects = fakeEffects(root, { name: '  run one ', params: { kind: 'file', file: path.join(root, 'params.yaml') }, metrics: { kind: 'file', file: path.join(root, 'metrics.json') }, dataset: path.join(root, 'labels.csv') });
    const stored = await recordFromPalette(root, effects);
    assert.ok(stored);
    const e = stored.experiment;
    assert.deepEqual([e.name, e.params, e.metrics, e.source], ['run one', { lr: 0.1, model: { depth: 3 } }, { accuracy: 0.75 }, { kind: 'palette' }]);
    assert.equal(e.data.path, 'labels.csv');
    assert.equal(e.data.rows, 4);
    assert.deepEqual([e.data.predictions?.column, e.data.predictions?.idColumn, e.data.predictions?.rows], ['prediction', 'id', 4], 'the palette keeps the prediction fingerprint too');
    assert.deepEqual(e.code, GIT);
    assert.deepEqual(effects.asked, ['name', 'params 2', 'metrics', 'dataset 1']);
    assert.ok(effects.progress.includes('Hashing labels.csv'));
  });

  it('takes typed params and computes metrics on a label file, which is then the dataset', async () => {
    const effects = fakeEffects(root, { name: 'computed', params: { kind: 'typed' }, typed: 'lr=0.01 model.depth=5', metrics: { kind: 'compute' }, labelFile: path.join(root, 'labels.csv') });
    const stored = await recordFromPalette(root, effects);
    assert.ok(stored);
    const e = stored.experiment;
    assert.deepEqual(e.params, { lr: 0.01, model: { depth: 5 } });
    assert.equal(e.metrics.accuracy, 0.75);
    assert.deepEqual(e.perTag, { noisy: { accuracy: 1, errors: 0, n: 2 } });
    assert.equal(e.data.path, 'labels.csv');
    assert.equal(e.data.predictions?.column, 'prediction');
    assert.deepEqual(effects.asked, ['name', 'params 2', 'typed', 'metrics', 'labelFile']);
  });

  it('never runs git in Restricted Mode, and says so in the record', async () => {
    const effects = fakeEffects(root, { name: 'untrusted', params: { kind: 'none' }, metrics: { kind: 'none' }, dataset: null, trusted: false });
    const stored = await recordFromPalette(root, effects);
    assert.equal(effects.gitCalls, 0);
    assert.deepEqual(stored?.experiment.code, { gitAvailable: false, reason: RESTRICTED_MODE_REASON, commit: null, branch: null, dirty: null, diffSha256: null, remote: null });
    assert.equal(stored?.experiment.data.path, null);
  });

  it('writes nothing when a prompt is cancelled or the progress is cancelled', async () => {
    const before = (await listExperiments(root)).experiments.length;
    assert.equal(await recordFromPalette(root, fakeEffects(root, {})), undefined);
    assert.equal(await recordFromPalette(root, fakeEffects(root, { name: 'x', params: { kind: 'typed' } })), undefined);
    assert.equal(await recordFromPalette(root, fakeEffects(root, { name: 'x', params: { kind: 'none' }, metrics: { kind: 'none' } })), undefined);
    await assert.rejects(recordFromPalette(root, fakeEffects(root, { name: 'x', params: { kind: 'none' }, metrics: { kind: 'none' }, dataset: path.join(root, 'labels.csv'), abort: true })), /abort/i);
    assert.equal((await listExperiments(root)).experiments.length, before);
  });

  it('names the file when a params file is broken', async () => {
    await fs.writeFile(path.join(root, 'broken.json'), '{');
    const effects = fakeEffects(root, { name: 'x', params: { kind: 'file', file: path.join(root, 'broken.json') }, metrics: { kind: 'none' }, dataset: null });
    await assert.rejects(recordFromPalette(root, effects), /broken\.json: not valid JSON/);
  });

  describe('a label file with error-level CSV problems', () => {
    const broken = () => path.join(root, 'broken.csv');
    before(async () => fs.writeFile(broken(), 'id,label,prediction\n1,a,a\n2,"b,a\n3,b,b\n'));
    const script = (withoutMetrics?: boolean): Script => ({ name: 'on broken', params: { kind: 'none' }, metrics: { kind: 'compute' }, labelFile: broken(), withoutMetrics });

    it('computes no metrics and asks, naming file:line; cancelling writes nothing', async () => {
      const before = (await listExperiments(root)).experiments.length;
      const effects = fakeEffects(root, script(false));
      assert.equal(await recordFromPalette(root, effects), undefined);
      const asked = effects.asked.at(-1)!;
      assert.match(asked, /^without metrics: .*broken\.csv has 1 error-level CSV problem, so metrics computed on it would be wrong: broken\.csv:3: .*record this experiment without computed metrics\.$/);
      assert.equal((await listExperiments(root)).experiments.length, before);
      assert.equal(effects.gitCalls, 0);
    });

    it('records without computed metrics when the user chooses so (the data still hashed)', async () => {
      const effects = fakeEffects(root, script(true));
      const stored = await recordFromPalette(root, effects);
      assert.ok(stored);
      assert.deepEqual([stored.experiment.metrics, stored.experiment.perTag, stored.experiment.perSlice], [{}, undefined, undefined]);
      assert.equal(stored.experiment.data.path, 'broken.csv');
      assert.equal(effects.gitCalls, 1);
    });

    it('a file with warnings only is scored without asking', async () => {
      await fs.writeFile(path.join(root, 'ragged.csv'), 'id,label,prediction\n1,a,a\n2,b,a,extra\n');
      const effects = fakeEffects(root, { ...script(), labelFile: path.join(root, 'ragged.csv') });
      const stored = await recordFromPalette(root, effects);
      assert.equal(stored?.experiment.metrics.accuracy, 0.5);
      assert.ok(!effects.asked.some((a) => a.startsWith('without metrics')));
    });
  });
});
