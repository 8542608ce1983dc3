import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { parseJsonAllowingNonFinite, readMetricsFile, readParamsFile } from './resultFiles';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'experiments');

describe('params and metrics files', () => {
  let dir: string;
  const write = async (name: string, text: string) => {
    const file = path.join(dir, name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
    return file;
  };
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-results-'));
  });

  it('reads a DVC params.yaml with its nesting', async () => {
    const params = await readParamsFile(path.join(FIXTURES, 'dvc', 'classic', 'params.yaml'));
    assert.ok(Object.keys(params).length > 0);
    assert.equal(typeof params, 'object');
  });

  it('reads a Hydra config and a params.json', async () => {
    const hydra = await write('outputs/2024-06-14/09-15-02/.hydra/config.yaml', 'model:\n  name: resnet\n  depth: 50\noptim:\n  lr: 0.001\n');
    assert.deepEqual(await readParamsFile(hydra), { model: { name: 'resnet', depth: 50 }, optim: { lr: 0.001 } });
    const json = await write('params.json', '{"lr": 0.1, "layers": [64, 32]}');
    assert.deepEqual(await readParamsFile(json), { lr: 0.1, layers: [64, 32] });
  });

  it('flattens nested metrics and drops dvclive\'s step', async () => {
    const metrics = await write('metrics.json', '{"test": {"acc": 0.9, "loss": 0.3}, "f1": 0.8, "model": "x"}');
    assert.deepEqual(await readMetricsFile(metrics), { 'test/acc': 0.9, 'test/loss': 0.3, f1: 0.8 });
    const live = await readMetricsFile(path.join(FIXTURES, 'dvc', 'dvclive', 'dvclive', 'metrics.json'));
    assert.equal('step' in live, false);
    assert.ok(Object.keys(live).length > 0);
  });

  it("reads Python's NaN and Infinity (a diverged run) as missing values, strings untouched", async () => {
    const metrics = await write('nan/metrics.json', '{"loss": NaN, "val": {"loss": Infinity, "acc": 0.5, "floor": -Infinity}, "note": "NaN, Infinity"}');
    assert.deepEqual(await readMetricsFile(metrics), { 'val/acc': 0.5 });
    assert.deepEqual(parseJsonAllowingNonFinite('{"a": "say \\"NaN\\"", "b": [NaN, 1]}'), { a: 'say "NaN"', b: [null, 1] });
    assert.throws(() => parseJsonAllowingNonFinite('{"a": nope}'), SyntaxError);
  });

  it('names the file and the problem', async () => {
    await assert.rejects(readParamsFile(path.join(dir, 'missing.yaml')), /missing\.yaml: no such file/);
    const broken = await write('broken.json', '{"lr": ');
    await assert.rejects(readParamsFile(broken), /broken\.json: not valid JSON/);
    const list = await write('list.yaml', '- a\n- b\n');
    await assert.rejects(readParamsFile(list), /list\.yaml: expected a mapping of params at the top/);
    const empty = await write('empty-metrics.json', '{"name": "run"}');
    await assert.rejects(readMetricsFile(empty), /empty-metrics\.json: has no numeric metrics/);
  });

  it('reads an empty params file as no params', async () => {
    assert.deepEqual(await readParamsFile(await write('blank.yaml', '')), {});
  });
});
