import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { experimentFileName, formatExperimentId, idFromFileName, slugify } from './id';
import { buildExperiment, codeWithoutGit, EXPERIMENT_VERSION, parseExperiment, serializeExperiment, type Experiment } from './schema';

const SHA = 'a'.repeat(64);

function sample(overrides: Partial<Experiment> = {}): Experiment {
  return {
    ...buildExperiment(
      {
        name: 'bert lr 3e-5',
        code: { gitAvailable: true, commit: '9c2d41e', branch: 'main', dirty: true, diffSha256: SHA, remote: 'https://github.com/ana/intent.git' },
        data: { path: 'data/train.csv', sha256: SHA, rows: 1200, annotationsSha256: null, labelFixes: 3 },
        params: { lr: 3e-5, model: { name: 'bert', layers: [12, 768] }, warmup: null },
        metrics: { accuracy: 0.88, val_loss: 0.41 },
        perTag: { refund: { accuracy: 0.7 } },
        source: { kind: 'cli' },
      },
      '20240614-091502-bert-lr-3e-5-0a1b2c3d4e5f',
      '2024-06-14T09:15:02.000Z',
    ),
    ...overrides,
  };
}

describe('experiment schema', () => {
  it('round-trips a full record through its file text', () => {
    const e = sample();
    const parsed = parseExperiment(serializeExperiment(e), 'x.json');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.experiment, e);
    assert.equal(parsed.experiment.version, EXPERIMENT_VERSION);
  });

  it('fills the defaults of a new record', () => {
    const e = buildExperiment({ name: '  quick  ', code: codeWithoutGit('Restricted Mode'), source: { kind: 'palette' } }, 'id-1', '2024-01-01T00:00:00Z');
    assert.equal(e.name, 'quick');
    assert.equal(e.notes, '');
    assert.equal(e.starred, false);
    assert.equal(e.baseline, 'none');
    assert.deepEqual(e.data, { path: null, sha256: null, rows: null, annotationsSha256: null, labelFixes: null });
    assert.equal(e.code.gitAvailable, false);
    assert.equal(e.code.reason, 'Restricted Mode');
  });

  it('keeps unknown fields written by a newer minor version', () => {
    const text = JSON.stringify({ ...sample(), futureField: { x: 1 } });
    const parsed = parseExperiment(text, 'x.json');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.experiment.futureField, { x: 1 });
  });

  it('names the file and the field in its errors', () => {
    const bad = { ...sample(), metrics: { accuracy: 'high' }, baseline: 'best' };
    const parsed = parseExperiment(JSON.stringify(bad), 'run-7.json');
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.match(parsed.error, /^run-7\.json: /);
    assert.match(parsed.error, /metrics\.accuracy/);
    assert.match(parsed.error, /baseline/);
  });

  it('reports broken JSON with the file name', () => {
    const parsed = parseExperiment('{"version": 1,', 'broken.json');
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.error, /^broken\.json: not valid JSON/);
  });

  it('requires a reason when git was not run', () => {
    const e = sample({ code: { gitAvailable: false, commit: null, branch: null, dirty: null, diffSha256: null, remote: null } });
    const parsed = parseExperiment(JSON.stringify(e), 'x.json');
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.error, /code\.reason: needs a "reason"/);
  });

  it('refuses a newer format with a clear message', () => {
    const parsed = parseExperiment(JSON.stringify({ ...sample(), version: 99 }), 'new.json');
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.error, /newer Loupe \(format 99/);
  });

  it('rejects ids that are not a single safe file name', () => {
    for (const id of ['../escape', 'a/b', '', '.hidden']) {
      const parsed = parseExperiment(JSON.stringify(sample({ id })), 'x.json');
      assert.equal(parsed.ok, false, id);
    }
  });

  it('rejects a bad hash, a negative row count, a bad date and an unknown source', () => {
    const cases: Partial<Experiment>[] = [
      { data: { ...sample().data, sha256: 'xyz' } },
      { data: { ...sample().data, rows: -1 } },
      { createdAt: 'yesterday' },
      { source: { kind: 'notebook' as 'cli' } },
    ];
    for (const c of cases) assert.equal(parseExperiment(JSON.stringify(sample(c)), 'x.json').ok, false, JSON.stringify(c));
  });

  it('reads a record with or without the predictions fingerprint (an older record has none), and checks it when present', () => {
    const predictions = { column: '__proto__', idColumn: null, rows: 2, idsSha256: SHA, sha256: SHA };
    const withPredictions = parseExperiment(JSON.stringify(sample({ data: { ...sample().data, predictions } })), 'x.json');
    assert.ok(withPredictions.ok);
    assert.deepEqual(withPredictions.experiment.data.predictions, predictions);
    const older = parseExperiment(JSON.stringify(sample()), 'x.json');
    assert.ok(older.ok && older.experiment.data.predictions === undefined);
    const bad = parseExperiment(JSON.stringify(sample({ data: { ...sample().data, predictions: { ...predictions, sha256: 'nope' } } })), 'x.json');
    assert.ok(!bad.ok && /data\.predictions\.sha256/.test(bad.error));
  });
});

describe('experiment ids', () => {
  const bytes = new Uint8Array([0x0a, 0x1b, 0x2c, 0xff]);

  it('are <yyyymmdd-hhmmss>-<slug>-<hex> in UTC', () => {
    const id = formatExperimentId(new Date('2024-06-14T09:05:02.999Z'), 'BERT, lr=3e-5 (café)', bytes);
    assert.equal(id, '20240614-090502-bert-lr-3e-5-cafe-0a1b2cff');
    assert.equal(experimentFileName(id), `${id}.json`);
    assert.equal(idFromFileName(`${id}.json`), id);
  });

  it('slug falls back and stays short', () => {
    assert.equal(slugify('!!!'), 'experiment');
    assert.equal(slugify('日本語'), 'experiment');
    assert.ok(slugify('x'.repeat(100)).length <= 40);
    assert.equal(slugify('a'.repeat(39) + ' b'), 'a'.repeat(39));
  });

  it('ignores files that are not experiments', () => {
    assert.equal(idFromFileName('.x.json.123.tmp'), undefined);
    assert.equal(idFromFileName('notes.txt'), undefined);
    assert.equal(idFromFileName('.hidden.json'), undefined);
  });

  it('needs random bytes', () => {
    assert.throws(() => formatExperimentId(new Date(), 'x', new Uint8Array()));
  });
});
