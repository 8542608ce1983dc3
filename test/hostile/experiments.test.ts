/**
 * Hostile inputs for experiment importers and experiment-side parsers: names that are
 * Object.prototype's own (`__proto__`, `constructor`, …) must stay data and never reach the
 * prototype, and a file cut at any byte gives the complete records before the cut or a located
 * problem, never a value that was not in the file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { diffParams, flattenParams } from '../../src/core/experiments/compare';
import { mergeParams, parseParamAssignments } from '../../src/core/experiments/paramAssignments';
import { parseExperiment, serializeExperiment, type JsonValue } from '../../src/core/experiments/schema';
import { createTrainingLogParser, parseTrainingLog, type SeriesMap } from '../../src/core/experiments/trainingLog';
import { crc32, readWandbLog } from '../../src/core/experiments/wandbLog';
import { importFolder, parseMetricFile, readDvcProject, readMlflowRuns, readWandbRuns, type ImportProblem } from '../../src/node/experiments/importers/index';
import { TrainingLogTail } from '../../src/node/experiments/logTail';
import { readMetricsFile, readParamsFile } from '../../src/node/experiments/resultFiles';
import { listExperiments } from '../../src/node/experiments/store';

const HOSTILE = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'] as const;
const INJECTED = ['GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0', 'polluted'];
const PROTOTYPE_BEFORE = describePrototype();

function describePrototype(): [string, unknown][] {
  return Reflect.ownKeys(Object.prototype).map((k) => [String(k), Object.getOwnPropertyDescriptor(Object.prototype, k)?.value]);
}

/** Object.prototype has exactly the properties it had when this file loaded, with the same values. */
function assertPrototypeUntouched(): void {
  assert.deepEqual(describePrototype(), PROTOTYPE_BEFORE);
  const probe: Record<string, unknown> = {};
  for (const key of INJECTED) assert.equal(probe[key], undefined, `({}).${key}`);
}

/** The value at `keys`, following own properties only. */
function own(value: unknown, ...keys: string[]): unknown {
  let node = value;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A plain object with every key as an own property (an object literal would set the prototype for `__proto__`). */
function record<T>(entries: [string, T][]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

let tmp = '';
before(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-hostile-experiments-'));
});
after(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
  assertPrototypeUntouched();
});
let dirCount = 0;
async function freshDir(files: Record<string, string | Uint8Array> = {}): Promise<string> {
  const dir = path.join(tmp, String(dirCount++));
  await fs.mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), content);
  }
  return dir;
}

// ---------------------------------------------------------------- a W&B binary log writer

const encoder = new TextEncoder();
function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const bytesField = (field: number, data: Uint8Array | string): number[] => {
  const b = typeof data === 'string' ? encoder.encode(data) : data;
  return [...varint((field << 3) | 2), ...varint(b.length), ...b];
};
const varintField = (field: number, n: number): number[] => [...varint(field << 3), ...varint(n)];
const message = (...parts: number[][]): Uint8Array => Uint8Array.from(parts.flat());
/** A config/summary/history item: one key, or a nested key path; the value as JSON text. */
const item = (keys: readonly string[], valueJson: string): Uint8Array => message(...(keys.length === 1 ? [bytesField(1, keys[0])] : keys.map((k) => bytesField(2, k))), bytesField(16, valueJson));
const runRecord = (runId: string, name: string): Uint8Array => message(bytesField(17, message(bytesField(1, runId), bytesField(8, name))));
const configRecord = (...items: Uint8Array[]): Uint8Array => message(bytesField(5, message(...items.map((i) => bytesField(1, i)))));
const summaryRecord = (...items: Uint8Array[]): Uint8Array => message(bytesField(3, message(...items.map((i) => bytesField(1, i)))));
const historyRecord = (step: number, ...items: Uint8Array[]): Uint8Array => message(bytesField(2, message(...items.map((i) => bytesField(1, i)), bytesField(2, message(varintField(1, step))))));

/** Records framed as W&B's LevelDB-style log (7-byte header, 32 KiB blocks, crc32 per chunk). */
function wandbLogBytes(records: readonly Uint8Array[]): Uint8Array {
  const out: number[] = [0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00];
  for (const r of records) {
    let at = 0;
    let first = true;
    do {
      let left = 32768 - (out.length % 32768);
      if (left < 7) {
        out.push(...new Array<number>(left).fill(0));
        left = 32768;
      }
      const n = Math.min(r.length - at, left - 7);
      const last = at + n === r.length;
      const type = first && last ? 1 : first ? 2 : last ? 4 : 3;
      const data = r.subarray(at, at + n);
      const c = crc32(data, crc32(Uint8Array.of(type)));
      out.push(c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff, n & 0xff, n >> 8, type, ...data);
      at += n;
      first = false;
    } while (at < r.length);
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------- prototype pollution

describe('hostile names in experiment imports stay data', () => {
  it('a crafted W&B offline run (config nested_key ["__proto__", "GIT_CONFIG_COUNT"]) imports as a param and reaches no child process', async () => {
    const log = wandbLogBytes([
      runRecord('evil01', 'crafted'),
      configRecord(item(['__proto__', 'GIT_CONFIG_COUNT'], '1'), item(['__proto__', 'GIT_CONFIG_KEY_0'], '"core.pager"'), item(['__proto__', 'GIT_CONFIG_VALUE_0'], '"touch /tmp/loupe-pwned"'), item(['constructor'], '7'), item(['toString', 'prototype'], '"x"'), item(['lr'], '0.1')),
      summaryRecord(item(['__proto__', 'acc'], '0.9'), item(['hasOwnProperty'], '0.5'), item(['constructor'], '0.25')),
      historyRecord(0, item(['constructor'], '1'), item(['__proto__'], '2')),
      historyRecord(1, item(['constructor'], '0.5'), item(['__proto__'], '3')),
    ]);
    const project = await freshDir({ 'wandb/offline-run-20250101_000000-evil01/run-evil01.wandb': log, 'wandb/offline-run-20250101_000000-evil01/files/requirements.txt': 'torch\n' });
    const root = await freshDir();
    const summary = await importFolder(root, project, 'wandb');
    assertPrototypeUntouched();
    assert.deepEqual(summary.problems, []);
    assert.deepEqual(
      summary.results.map((r) => r.outcome),
      ['created'],
    );
    // The child environment Node builds copies inherited keys: nothing may have been injected.
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(JSON.stringify([process.env.GIT_CONFIG_COUNT, process.env.GIT_CONFIG_KEY_0]))'], { encoding: 'utf8' });
    assert.equal(child.stdout, '[null,null]');
    const { experiments, problems } = await listExperiments(root);
    assert.deepEqual(problems, []);
    const [{ experiment, file }] = experiments;
    assert.equal(own(experiment.params, '__proto__', 'GIT_CONFIG_COUNT'), 1);
    assert.equal(own(experiment.params, '__proto__', 'GIT_CONFIG_KEY_0'), 'core.pager');
    assert.equal(own(experiment.params, '__proto__', 'GIT_CONFIG_VALUE_0'), 'touch /tmp/loupe-pwned');
    assert.equal(own(experiment.params, 'constructor'), 7);
    assert.equal(own(experiment.params, 'toString', 'prototype'), 'x');
    assert.equal(Object.getPrototypeOf(experiment.params), Object.prototype);
    assert.equal(own(flattenParams(experiment.params), '__proto__.GIT_CONFIG_COUNT'), 1);
    // W&B keeps names starting with "_" for itself (`_step`, `_runtime`): those are not metrics, whatever follows.
    assert.deepEqual(experiment.metrics, record([['hasOwnProperty', 0.5], ['constructor', 0.25]]));
    assert.deepEqual(Object.keys(experiment.history ?? {}), ['constructor']);
    assert.deepEqual(
      own(experiment.history, 'constructor'),
      [
        { step: 0, value: 1 },
        { step: 1, value: 0.5 },
      ],
    );
    const text = await fs.readFile(file, 'utf8');
    assert.match(text, /"__proto__": \{\n\s+"GIT_CONFIG_COUNT": 1,/);
    // Importing again finds the same record unchanged: the keys survive the file round trip.
    assert.deepEqual(
      (await importFolder(root, project, 'wandb')).results.map((r) => r.outcome),
      ['unchanged'],
    );
    assertPrototypeUntouched();
  });

  it('--param __proto__.x=1 and other hostile keys are params', () => {
    const parsed = parseParamAssignments('__proto__.GIT_CONFIG_COUNT=1 constructor=2 toString.prototype=3 hasOwnProperty=x prototype.__proto__.polluted=true');
    assertPrototypeUntouched();
    assert.ok(parsed.ok);
    assert.deepEqual(Object.keys(flattenParams(parsed.params)), ['__proto__.GIT_CONFIG_COUNT', 'constructor', 'toString.prototype', 'hasOwnProperty', 'prototype.__proto__.polluted']);
    assert.equal(own(parsed.params, '__proto__', 'GIT_CONFIG_COUNT'), 1);
    assert.equal(own(parsed.params, 'prototype', '__proto__', 'polluted'), true);
    assert.deepEqual(parseParamAssignments('constructor=1 constructor=2'), { ok: false, error: '"constructor" is given twice' });
    assert.deepEqual(parseParamAssignments('toString=1 toString.x=2'), { ok: false, error: '"toString.x" is set inside "toString", which already has a value' });
    const merged = mergeParams(record<JsonValue>([['__proto__', record([['a', 1]])]]), record<JsonValue>([['__proto__', record([['b', 2]])], ['constructor', 3]]));
    assertPrototypeUntouched();
    assert.deepEqual(flattenParams(merged), record([['__proto__.a', 1], ['__proto__.b', 2], ['constructor', 3]]));
  });

  it('MLflow params, metrics and tags named __proto__, constructor, toString are kept', async () => {
    const mlruns = await freshDir({
      '1/meta.yaml': 'experiment_id: "1"\nlifecycle_stage: active\nname: x\n',
      '1/r1/meta.yaml': 'run_id: r1\nlifecycle_stage: active\nstart_time: 1700000000000\n__proto__: polluted\n',
      '1/r1/params/__proto__': '5',
      '1/r1/params/constructor': 'adam',
      '1/r1/params/toString/prototype': '0.1',
      '1/r1/metrics/constructor': '1700000000000 0.5 0\n1700000000001 0.75 1\n',
      '1/r1/metrics/__proto__': '1700000000000 0.25 0\n',
      '1/r1/metrics/hasOwnProperty': '1700000000000 1 0\n',
      '1/r1/tags/__proto__': 'x',
      '1/r1/tags/constructor': 'y',
    });
    const report = await readMlflowRuns(mlruns);
    assertPrototypeUntouched();
    assert.deepEqual(report.problems, []);
    const [run] = report.drafts;
    assert.deepEqual(run.params, record<JsonValue>([['__proto__', 5], ['constructor', 'adam'], ['toString/prototype', 0.1]]));
    assert.deepEqual(run.metrics, record([['__proto__', 0.25], ['constructor', 0.75], ['hasOwnProperty', 1]]));
    assert.deepEqual(Object.keys(run.history ?? {}), ['constructor']);
    const root = await freshDir();
    await importFolder(root, mlruns, 'mlflow');
    const [{ experiment }] = (await listExperiments(root)).experiments;
    assert.deepEqual(experiment.metrics, run.metrics);
    assert.deepEqual(experiment.params, run.params);
    assertPrototypeUntouched();
  });

  it('DVC params.yaml, metrics.json and dvclive plots with hostile names are kept', async () => {
    const dir = await freshDir({
      'params.yaml': '__proto__:\n  GIT_CONFIG_COUNT: 1\nconstructor:\n  prototype: 2\ntoString: 3\n',
      'metrics.json': '{"__proto__": {"polluted": 0.5}, "constructor": 0.7, "hasOwnProperty": {"x": 1}}\n',
      'dvclive/plots/metrics/__proto__.tsv': 'step\t__proto__\n0\t0.9\n1\t0.8\n',
      'dvclive/plots/metrics/constructor/prototype.tsv': 'step\tprototype\n0\t0.1\n',
    });
    const { drafts, problems } = await readDvcProject(dir);
    assertPrototypeUntouched();
    assert.deepEqual(problems, []);
    const [run] = drafts;
    assert.equal(own(run.params, '__proto__', 'GIT_CONFIG_COUNT'), 1);
    assert.equal(own(run.params, 'constructor', 'prototype'), 2);
    assert.equal(own(run.params, 'toString'), 3);
    assert.deepEqual(run.metrics, record([['__proto__/polluted', 0.5], ['constructor', 0.7], ['hasOwnProperty/x', 1]]));
    assert.deepEqual(Object.keys(run.history ?? {}).sort(), ['__proto__', 'constructor/prototype']);
    const root = await freshDir();
    await importFolder(root, dir, 'dvc');
    const [{ experiment }] = (await listExperiments(root)).experiments;
    assert.deepEqual(experiment.params, run.params);
    assert.deepEqual(experiment.history, run.history);
  });

  it('W&B run folder files (config.yaml, wandb-summary.json, wandb-metadata.json) with hostile keys are kept', async () => {
    const dir = await freshDir({
      'offline-run-20240101_000000-abc123/files/config.yaml': '__proto__:\n  value:\n    GIT_CONFIG_COUNT: 1\nconstructor:\n  desc: null\n  value: 2\nhasOwnProperty: 3\n',
      'offline-run-20240101_000000-abc123/files/wandb-summary.json': '{"__proto__": {"acc": 0.5}, "toString": 0.25, "_step": 3}',
      'offline-run-20240101_000000-abc123/files/wandb-metadata.json': '{"__proto__": {"git": {"commit": "deadbeef"}}, "constructor": {"program": "x"}}',
    });
    const { drafts, problems } = await readWandbRuns(dir);
    assertPrototypeUntouched();
    assert.deepEqual(problems, []);
    const [run] = drafts;
    assert.equal(own(run.params, '__proto__', 'GIT_CONFIG_COUNT'), 1);
    assert.equal(own(run.params, 'constructor'), 2);
    assert.equal(own(run.params, 'hasOwnProperty'), 3);
    assert.deepEqual(run.metrics, record([['toString', 0.25]]), 'names starting with "_" are W&B\'s own');
    assert.equal(run.code.commit, null, 'a git commit under "__proto__" is not the run metadata');
  });

  it('training logs with columns and keys named __proto__, constructor, toString are series', () => {
    const csv = parseTrainingLog('epoch,__proto__,constructor,toString\n0,0.5,0.25,1\n1,0.4,0.2,2\n');
    const jsonl = parseTrainingLog('{"step": 0, "toString": 0.5, "constructor": {"prototype": 0.25, "__proto__": 1}}\n{"step": 1, "hasOwnProperty": 1}\n', { fileName: 'log.jsonl' });
    assertPrototypeUntouched();
    assert.deepEqual(csv.problems, []);
    assert.deepEqual(Object.keys(csv.series), ['__proto__', 'constructor', 'toString']);
    assert.deepEqual(own(csv.series, '__proto__'), [
      { step: 0, value: 0.5 },
      { step: 1, value: 0.4 },
    ]);
    assert.deepEqual(jsonl.problems, []);
    assert.deepEqual(Object.keys(jsonl.series), ['toString', 'constructor/prototype', 'constructor/__proto__', 'hasOwnProperty']);
  });

  it('params and metrics files (loupe record) with hostile keys are read as data', async () => {
    const dir = await freshDir({ 'params.json': '{"__proto__": {"polluted": 1}, "constructor": 2}', 'metrics.json': '{"__proto__": 0.5, "toString": {"prototype": 0.25}}' });
    const params = await readParamsFile(path.join(dir, 'params.json'));
    const metrics = await readMetricsFile(path.join(dir, 'metrics.json'));
    assertPrototypeUntouched();
    assert.equal(own(params, '__proto__', 'polluted'), 1);
    assert.equal(own(params, 'constructor'), 2);
    assert.deepEqual(metrics, record([['__proto__', 0.5], ['toString/prototype', 0.25]]));
  });

  it('an experiment file with hostile param and metric names keeps them through parse, serialize and compare', () => {
    const text =
      '{"version":1,"id":"20250101-000000-x-aa","name":"x","createdAt":"2025-01-01T00:00:00Z","code":{"gitAvailable":false,"reason":"r","commit":null,"branch":null,"dirty":null,"diffSha256":null,"remote":null},' +
      '"data":{"path":null,"sha256":null,"rows":null,"annotationsSha256":null,"labelFixes":null},"params":{"__proto__":{"polluted":1},"constructor":2},"metrics":{"__proto__":0.5,"toString":1},' +
      '"perTag":{"__proto__":{"acc":1}},"history":{"constructor":[{"step":0,"value":1}]},"notes":"","starred":false,"baseline":"none","source":{"kind":"cli"}}';
    const parsed = parseExperiment(text, 'x.json');
    assertPrototypeUntouched();
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    const e = parsed.experiment;
    assert.equal(own(e.params, '__proto__', 'polluted'), 1);
    assert.equal(own(e.metrics, '__proto__'), 0.5);
    assert.equal(own(e.perTag, '__proto__', 'acc'), 1);
    assert.deepEqual(Object.keys(e.history ?? {}), ['constructor']);
    assert.deepEqual(JSON.parse(serializeExperiment(e)), JSON.parse(text));
    const other = { params: record<JsonValue>([['lr', 1]]) };
    assert.deepEqual(
      diffParams([other, e]).map((r) => [r.key, r.values]),
      [
        ['__proto__.polluted', [undefined, 1]],
        ['constructor', [undefined, 2]],
        ['lr', [1, undefined]],
      ],
    );
  });
});

// ---------------------------------------------------------------- torn tails

describe('torn last lines are skipped and reported, never read as 0', () => {
  it('MLflow metric lines cut mid-write', () => {
    for (const tail of ['170000000', '1700000000002 0.', '1700000000002 0.93 1', '1700000000002 0.93 1\r']) {
      const problems: ImportProblem[] = [];
      const metric = parseMetricFile(`1700000000000 0.5 0\n1700000000001 0.75 1\n${tail}`, 'm/acc', problems);
      assert.deepEqual(metric, {
        value: 0.75,
        history: [
          { step: 0, value: 0.5, timestamp: 1700000000000 },
          { step: 1, value: 0.75, timestamp: 1700000000001 },
        ],
      });
      assert.equal(problems.length, 1, tail);
      assert.match(problems[0].message, /^m\/acc line 3: incomplete last line .*skipped \(the writer may still be running\)$/);
    }
  });

  it('MLflow metric lines whose numbers are not whole decimals are located and skipped', () => {
    const problems: ImportProblem[] = [];
    const metric = parseMetricFile('1 0.5 0\n2 0. 1\n3 0x10 2\n4 Infinity 3\n5 1e 4\n6 0.5 1.5\n7 0.5 1 9\n8 nan 5\n9 -inf 6\n10 .25 7\n', 'm/acc', problems);
    assert.deepEqual(
      metric?.history.map((p) => [p.step, p.value]),
      [
        [0, 0.5],
        [7, 0.25],
      ],
    );
    assert.deepEqual(
      problems.map((p) => p.message.split(':')[0]),
      [2, 3, 5, 6, 7].map((n) => `m/acc line ${n}`),
    );
  });

  it('a Keras CSV row "2,0.6,0." is never a 0', () => {
    const torn = parseTrainingLog('epoch,loss,val_loss\n0,0.9,0.8\n1,0.7,0.65\n2,0.6,0.');
    assert.deepEqual(own(torn.series, 'val_loss'), [
      { step: 0, value: 0.8 },
      { step: 1, value: 0.65 },
    ]);
    assert.deepEqual(torn.problems, [{ line: 4, message: 'incomplete last line (no newline), skipped (the writer may still be running)' }]);
    const written = parseTrainingLog('epoch,loss,val_loss\n0,0.9,0.8\n2,0.6,0.\n3,,1e\n');
    assert.deepEqual(
      written.problems.map((p) => p.line),
      [3, 4],
    );
    assert.match(written.problems[0].message, /column "val_loss": "0\." is not a number/);
    assert.deepEqual(Object.values(written.series).flat().length, 2);
  });

  it('a dvclive TSV row "2\\t0." imported by DVC is skipped with its file and line', async () => {
    const dir = await freshDir({ 'dvclive/plots/metrics/loss.tsv': 'step\tloss\n0\t0.9\n1\t0.5\n2\t0.', 'dvclive/metrics.json': '{"loss": 0.5, "step": 1}\n' });
    const { drafts, problems } = await readDvcProject(dir);
    assert.deepEqual(
      own(drafts[0].history, 'loss'),
      [
        { step: 0, value: 0.9 },
        { step: 1, value: 0.5 },
      ],
    );
    assert.deepEqual(problems, [{ file: 'dvclive/plots/metrics/loss.tsv', message: 'dvclive/plots/metrics/loss.tsv line 4: incomplete last line (no newline), skipped (the writer may still be running)' }]);
  });

  it('a DVC metrics.json cut short: its values are not imported, the others are, and the problem says where and why', async () => {
    const dir = await freshDir({ 'metrics.json': '{"acc": 0.93,\n "loss": 0.', 'params.yaml': 'lr: 0.1\n', 'scores.json': '{"auc": 0.9, "f1": 0.8 "x": 1}\n', 'dvc.yaml': 'metrics:\n- scores.json\n' });
    const { drafts, problems } = await readDvcProject(dir);
    assert.deepEqual(drafts[0].params, { lr: 0.1 });
    assert.deepEqual(drafts[0].metrics, {});
    assert.deepEqual(
      problems.map((p) => p.message),
      [
        'metrics.json: cannot be parsed (the text ends in the middle of the JSON at line 2: the file is incomplete (cut short, or its writer is still running)); ignored, none of its values were imported',
        "scores.json: cannot be parsed (line 1, column 24: Expected ',' or '}' after property value); ignored, none of its values were imported",
      ],
    );
    await assert.rejects(readMetricsFile(path.join(dir, 'metrics.json')), /metrics\.json: not valid JSON \(the text ends in the middle of the JSON at line 2/);
  });

  it('the log tail reports a torn last line when it ends, and reads it once completed', async () => {
    const dir = await freshDir({ 'metrics.csv': 'epoch,loss\n0,0.9\n1,0.' });
    const tail = new TrainingLogTail(path.join(dir, 'metrics.csv'));
    const first = await tail.poll();
    assert.deepEqual(first.points, { loss: [{ step: 0, value: 0.9 }] });
    await fs.appendFile(path.join(dir, 'metrics.csv'), '75\n');
    assert.deepEqual((await tail.poll()).points, { loss: [{ step: 1, value: 0.75 }] });
    await fs.appendFile(path.join(dir, 'metrics.csv'), '2,0.');
    await tail.poll();
    assert.deepEqual(tail.flush().problems, [{ line: 4, message: 'incomplete last line (no newline), skipped (the writer may still be running)' }]);
    assert.deepEqual(
      tail.current.series.loss.map((p) => p.value),
      [0.9, 0.75],
    );
  });
});

// ---------------------------------------------------------------- fuzz: cut at every byte

const decimalText = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((v) => String(v));
const lines = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: 1, maxLength: 6 });

describe('a file cut at any byte gives the complete records before the cut or a located problem', () => {
  it('MLflow metric files', () => {
    fc.assert(
      fc.property(lines(fc.tuple(fc.integer({ min: 0, max: 2e12 }), decimalText, fc.nat(1000))), (rows) => {
        const text = rows.map(([t, v, s]) => `${t} ${v} ${s}\n`).join('');
        for (let cut = 0; cut <= text.length; cut++) {
          const problems: ImportProblem[] = [];
          const metric = parseMetricFile(text.slice(0, cut), 'm', problems);
          const whole = text.slice(0, cut).split('\n').length - 1;
          const expected = rows.slice(0, whole).map(([t, v, s]) => ({ step: s, value: Number(v), timestamp: t }));
          assert.deepEqual(metric?.history ?? [], expected);
          const torn = cut > 0 && text[cut - 1] !== '\n';
          assert.deepEqual(
            problems.map((p) => p.message.replace(/ ".*$/, '')),
            torn ? [`m line ${whole + 1}: incomplete last line`] : [],
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it('CSV training logs (Keras, Lightning with empty cells, dvclive TSV), whole and fed in random chunks', () => {
    const row = fc.tuple(fc.option(decimalText, { nil: '' }), decimalText);
    fc.assert(
      fc.property(lines(row), fc.constantFrom(',', '\t'), fc.array(fc.nat(), { maxLength: 4 }), (rows, sep, splits) => {
        const text = `epoch${sep}loss${sep}acc\n` + rows.map(([loss, acc], i) => `${i}${sep}${loss}${sep}${acc}\n`).join('');
        const fileName = sep === '\t' ? 'acc.tsv' : 'log.csv';
        for (let cut = 0; cut <= text.length; cut++) {
          const { series, problems } = parseTrainingLog(text.slice(0, cut), { fileName });
          const newlines = text.slice(0, cut).split('\n').length - 1;
          assertPrefixOfRows(series, rows.slice(0, Math.max(0, newlines - 1)));
          const torn = cut > 0 && text[cut - 1] !== '\n';
          assert.deepEqual(problems, torn ? [{ line: newlines + 1, message: 'incomplete last line (no newline), skipped (the writer may still be running)' }] : []);
        }
        const parser = createTrainingLogParser({ fileName });
        let at = 0;
        for (const s of [...splits.map((n) => n % (text.length + 1))].sort((a, b) => a - b)) {
          parser.push(text.slice(at, s));
          at = s;
        }
        parser.push(text.slice(at));
        parser.flush();
        assertPrefixOfRows(parser.series, rows);
        assert.deepEqual(parser.problems, []);
      }),
      { numRuns: 40 },
    );
  });

  it('JSON Lines training logs', () => {
    fc.assert(
      fc.property(lines(fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }))), (rows) => {
        const text = rows.map(([loss, acc], i) => `${JSON.stringify({ step: i, loss, acc })}\n`).join('');
        for (let cut = 0; cut <= text.length; cut++) {
          const { series, problems } = parseTrainingLog(text.slice(0, cut), { fileName: 'log.jsonl' });
          const complete = text.slice(0, cut).split('\n').length - 1;
          // A last line without its newline that is still a whole object is whole (JSON shows its end).
          const whole = text[cut] === '\n' ? complete + 1 : complete;
          assertPrefixOfRows(
            series,
            rows.slice(0, whole).map(([loss, acc]) => [JSON.stringify(loss), JSON.stringify(acc)]),
          );
          const torn = cut > 0 && text[cut - 1] !== '\n' && text[cut] !== '\n';
          assert.deepEqual(problems, torn ? [{ line: complete + 1, message: 'incomplete last line (no newline), skipped (the writer may still be running)' }] : []);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('W&B binary logs: only whole, checksummed records are read', () => {
    fc.assert(
      fc.property(lines(fc.tuple(fc.constantFrom('loss', 'acc', '__proto__', 'constructor'), fc.double({ noNaN: true, noDefaultInfinity: true }))), (points) => {
        const records = [runRecord('r1', 'n'), configRecord(item(['lr'], '0.1')), ...points.map(([key, v], step) => historyRecord(step, item([key], JSON.stringify(v))))];
        const bytes = wandbLogBytes(records);
        const full = readWandbLog(bytes);
        assert.equal(full.problem, null);
        for (let cut = 7; cut <= bytes.length; cut++) {
          const run = readWandbLog(bytes.subarray(0, cut));
          for (const [key, series] of Object.entries(run.history)) assert.deepEqual(series, (own(full.history, key) as unknown[]).slice(0, series.length), key);
          assert.ok(run.records <= records.length);
          if (run.problem !== null) assert.match(run.problem, /at byte \d+|ends inside a record/);
          if (run.records >= 2) assert.deepEqual(run.config, { lr: 0.1 });
        }
        assertPrototypeUntouched();
      }),
      { numRuns: 25 },
    );
  });

  it('metrics.json read by loupe record and the DVC import', async () => {
    const text = '{"acc": 0.93, "test": {"loss": 0.25, "f1": 1e-3}}\n';
    const full = { acc: 0.93, 'test/loss': 0.25, 'test/f1': 1e-3 };
    const dir = await freshDir();
    for (let cut = 1; cut <= text.length; cut++) {
      await fs.writeFile(path.join(dir, 'metrics.json'), text.slice(0, cut));
      const complete = cut >= text.indexOf('}}') + 2;
      const dvc = await readDvcProject(dir);
      assert.deepEqual(dvc.drafts[0].metrics, complete ? full : {});
      assert.deepEqual(
        dvc.problems.map((p) => /^metrics\.json: cannot be parsed \((line \d+, column \d+|the text ends in the middle of the JSON at line 1)/.test(p.message)),
        complete ? [] : [true],
      );
      if (complete) assert.deepEqual(await readMetricsFile(path.join(dir, 'metrics.json')), full);
      else await assert.rejects(readMetricsFile(path.join(dir, 'metrics.json')), /metrics\.json: not valid JSON \((line \d+, column \d+|the text ends in the middle)/);
    }
  });
});

/** Each row's numbers (as text) appear, in order, as the points of `loss` and `acc` with step = row index. */
function assertPrefixOfRows(series: SeriesMap, rows: readonly (readonly [string, string])[]): void {
  for (const [c, name] of ['loss', 'acc'].entries()) {
    const expected = rows.flatMap((r, step) => (r[c] === '' ? [] : [{ step, value: Number(r[c]) }]));
    assert.deepEqual(own(series, name) ?? [], expected, name);
  }
}

// ---------------------------------------------------------------- fuzz: hostile keys

const hostileKey = fc.constantFrom(...HOSTILE, 'lr', 'loss');
const keyPath = fc.array(hostileKey, { minLength: 1, maxLength: 3 });

/** The tree that nested assignments build, with the same conflict rules as param typing: a path through a value, or given twice, is an error. */
function expectedTree(assignments: readonly (readonly [string[], number])[]): Record<string, JsonValue> | undefined {
  const root: Record<string, JsonValue> = {};
  for (const [keys, value] of assignments) {
    let node = root;
    for (const k of keys.slice(0, -1)) {
      if (!Object.hasOwn(node, k)) Object.defineProperty(node, k, { value: {}, enumerable: true, writable: true, configurable: true });
      const next = node[k];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) return undefined;
      node = next;
    }
    const last = keys[keys.length - 1];
    if (Object.hasOwn(node, last)) return undefined;
    Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return root;
}

/** The config W&B updates build: each update sets its path, replacing whatever value was on the way. */
function expectedConfig(updates: readonly (readonly [string[], number])[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const put = (node: Record<string, unknown>, k: string, v: unknown) => Object.defineProperty(node, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const [keys, value] of updates) {
    let node = root;
    for (const k of keys.slice(0, -1)) {
      const next = own(node, k);
      if (typeof next !== 'object' || next === null) put(node, k, {});
      node = own(node, k) as Record<string, unknown>;
    }
    put(node, keys[keys.length - 1], value);
  }
  return root;
}

/** A tree of numbers under hostile keys. */
const tree = fc.uniqueArray(fc.tuple(hostileKey, fc.oneof(fc.integer(), fc.uniqueArray(fc.tuple(hostileKey, fc.integer()), { selector: (e) => e[0], maxLength: 3 }))), { selector: (e) => e[0], minLength: 1, maxLength: 5 }).map((entries) => record<JsonValue>(entries.map(([k, v]) => [k, typeof v === 'number' ? v : record<JsonValue>(v)])));

function flatNumbers(value: Record<string, JsonValue>, prefix = ''): [string, number][] {
  return Object.entries(value).flatMap(([k, v]): [string, number][] => {
    const name = prefix ? `${prefix}/${k}` : k;
    if (typeof v === 'number') return [[name, v]];
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? flatNumbers(v, name) : [];
  });
}

describe('every parser keeps hostile keys as data (fuzz)', () => {
  it('param assignments', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keyPath, fc.integer()), { minLength: 1, maxLength: 6 }), (assignments) => {
        const parsed = parseParamAssignments(assignments.map(([keys, v]) => `${keys.join('.')}=${v}`).join(' '));
        assertPrototypeUntouched();
        const expected = expectedTree(assignments);
        if (expected === undefined) assert.ok(!parsed.ok && /given twice|already has a value/.test(parsed.error));
        else assert.deepEqual(parsed, { ok: true, params: expected });
      }),
      { numRuns: 300 },
    );
  });

  it('W&B binary config, summary and history keys', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keyPath, fc.integer()), { minLength: 1, maxLength: 6 }), fc.uniqueArray(hostileKey, { minLength: 1 }), (config, names) => {
        const run = readWandbLog(wandbLogBytes([configRecord(...config.map(([keys, v]) => item(keys, String(v)))), summaryRecord(...names.map((n, i) => item([n], String(i)))), historyRecord(0, ...names.map((n, i) => item([n], String(i))))]));
        assertPrototypeUntouched();
        assert.deepEqual(run.config, expectedConfig(config));
        assert.deepEqual(run.summary, record(names.map((n, i) => [n, i])));
        // History names starting with "_" are W&B's own (`_step`, `_runtime`).
        assert.deepEqual(run.history, record(names.filter((n) => !n.startsWith('_')).map((n) => [n, [{ step: 0, value: names.indexOf(n) }]])));
      }),
      { numRuns: 200 },
    );
  });

  it('training log CSV columns and JSON Lines keys', () => {
    fc.assert(
      fc.property(fc.uniqueArray(hostileKey, { minLength: 1 }), fc.array(fc.integer(), { minLength: 1, maxLength: 4 }), (names, values) => {
        const csv = parseTrainingLog(`epoch,${names.join(',')}\n` + values.map((v, i) => `${i},${names.map(() => v).join(',')}\n`).join(''));
        const jsonl = parseTrainingLog(values.map((v, i) => `{"step": ${i}, ${names.map((n) => `${JSON.stringify(n)}: ${v}`).join(', ')}}\n`).join(''));
        assertPrototypeUntouched();
        // JSON Lines keys starting with "_" are loggers' own (`_runtime`, `_timestamp`); CSV columns are all series.
        for (const [{ series, problems }, kept] of [
          [csv, names],
          [jsonl, names.filter((n) => !n.startsWith('_'))],
        ] as const) {
          assert.deepEqual(problems, []);
          assert.deepEqual(Object.keys(series), kept);
          for (const n of kept)
            assert.deepEqual(
              own(series, n),
              values.map((value, step) => ({ step, value })),
            );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('DVC params.yaml / metrics.json, W&B config.yaml / wandb-summary.json, loupe record files and MLflow folders', async () => {
    await fc.assert(
      fc.asyncProperty(tree, tree, async (params, metrics) => {
        const paramsText = JSON.stringify(params);
        const metricsText = JSON.stringify(metrics);
        const dvc = await freshDir({ 'params.yaml': paramsText, 'metrics.json': metricsText });
        const dvcRun = (await readDvcProject(dvc)).drafts[0];
        assert.deepEqual(dvcRun.params, params);
        assert.deepEqual(dvcRun.metrics, record(flatNumbers(metrics)));
        assert.deepEqual(await readParamsFile(path.join(dvc, 'params.yaml')), params);
        if (flatNumbers(metrics).length > 0) assert.deepEqual(await readMetricsFile(path.join(dvc, 'metrics.json')), record(flatNumbers(metrics)));
        else await assert.rejects(readMetricsFile(path.join(dvc, 'metrics.json')), /has no numeric metrics/);
        const configText = JSON.stringify(record(Object.entries(params).map(([k, v]) => [k, { value: v }])));
        const wandb = await freshDir({ 'offline-run-20240101_000000-a1/files/config.yaml': configText, 'offline-run-20240101_000000-a1/files/wandb-summary.json': metricsText });
        const wandbRun = (await readWandbRuns(wandb)).drafts[0];
        assert.deepEqual(wandbRun.params, params);
        assert.deepEqual(wandbRun.metrics, record(flatNumbers(metrics).filter(([name]) => !name.split('/').some((part) => part.startsWith('_')))));
        const flat = flatNumbers(params);
        const mlruns = await freshDir({
          '1/meta.yaml': 'experiment_id: "1"\n',
          '1/r/meta.yaml': 'run_id: r\n',
          ...Object.fromEntries(flat.map(([name, v]) => [`1/r/params/${name}`, String(v)])),
          ...Object.fromEntries(flatNumbers(metrics).map(([name, v]) => [`1/r/metrics/${name}`, `1 ${v} 0\n`])),
        });
        const mlflowRun = (await readMlflowRuns(mlruns)).drafts[0];
        assert.deepEqual(mlflowRun.params, record(flat));
        assert.deepEqual(mlflowRun.metrics, record(flatNumbers(metrics)));
        assertPrototypeUntouched();
      }),
      { numRuns: 25 },
    );
  });
});
