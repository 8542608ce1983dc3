import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compareExperiments,
  compareMetrics,
  describePopulation,
  diffData,
  diffParams,
  differingParamKeys,
  flattenParams,
  groupByDataset,
  groupByDay,
  mainMetric,
  metricDirection,
  sameJson,
  sortNewestFirst,
  utcDay,
} from './compare';
import { buildExperiment, codeWithoutGit, type DataState, type Experiment, type ExperimentDraft } from './schema';

const H1 = '1'.repeat(64);
const H2 = '2'.repeat(64);

function experiment(id: string, createdAt: string, draft: Partial<ExperimentDraft> = {}): Experiment {
  return buildExperiment({ name: id, code: codeWithoutGit('test'), source: { kind: 'cli' }, ...draft }, id, createdAt);
}

function data(sha256: string | null, rows: number | null, extra: Partial<DataState> = {}): Partial<DataState> {
  return { path: 'data/train.csv', sha256, rows, ...extra };
}

describe('params', () => {
  it('flattens nested params to dotted keys; lists and empty objects are leaves', () => {
    assert.deepEqual(flattenParams({ model: { lr: 0.1, layers: [1, 2], opt: { name: 'adam' } }, seed: 1, extra: {} }), {
      'model.lr': 0.1,
      'model.layers': [1, 2],
      'model.opt.name': 'adam',
      seed: 1,
      extra: {},
    });
  });

  it('compares JSON values by content', () => {
    assert.ok(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }));
    assert.ok(!sameJson([1, 2], [2, 1]));
    assert.ok(!sameJson(1, '1'));
    assert.ok(!sameJson(null, undefined));
  });

  it('diffs params across 2+ experiments and keeps only the differing ones on request', () => {
    const a = experiment('a', '2024-01-01T00:00:00Z', { params: { lr: 0.1, model: { depth: 4, name: 'x' }, seed: 1 } });
    const b = experiment('b', '2024-01-02T00:00:00Z', { params: { lr: 0.1, model: { depth: 6, name: 'x' }, seed: 1 } });
    const c = experiment('c', '2024-01-03T00:00:00Z', { params: { lr: 0.1, model: { name: 'x' }, seed: 1, dropout: 0.2 } });
    const rows = diffParams([a, b, c]);
    assert.deepEqual(
      rows.map((r) => [r.key, r.differs]),
      [
        ['dropout', true],
        ['lr', false],
        ['model.depth', true],
        ['model.name', false],
        ['seed', false],
      ],
    );
    assert.deepEqual(rows.find((r) => r.key === 'model.depth')?.values, [4, 6, undefined]);
    assert.deepEqual(differingParamKeys([a, b, c]), ['dropout', 'model.depth']);
    assert.deepEqual(differingParamKeys([a, a]), []);
  });
});

describe('data diff', () => {
  it('tells dataset, row and annotation changes', () => {
    const a = experiment('a', '2024-01-01T00:00:00Z', { data: data(H1, 1000, { annotationsSha256: H1, labelFixes: 10 }) });
    const b = experiment('b', '2024-01-02T00:00:00Z', { data: data(H2, 1040, { annotationsSha256: H2, labelFixes: 25 }) });
    const d = diffData([a, b]);
    assert.equal(d.sameDataset, false);
    assert.equal(d.sameAnnotations, false);
    assert.deepEqual(d.rowsDelta, [0, 40]);
    assert.deepEqual(d.labelFixesDelta, [0, 15]);
    assert.deepEqual(
      d.rows.filter((r) => r.differs).map((r) => r.field),
      ['sha256', 'rows', 'annotationsSha256', 'labelFixes'],
    );
    assert.equal(diffData([a, a]).sameDataset, true);
  });

  it('never calls unknown data the same', () => {
    const a = experiment('a', '2024-01-01T00:00:00Z');
    const d = diffData([a, a]);
    assert.equal(d.sameDataset, false);
    assert.deepEqual(d.rowsDelta, [null, null]);
  });
});

describe('metric direction', () => {
  it('is higher-is-better unless the name looks like a loss or an error', () => {
    for (const name of ['loss', 'val_loss', 'train/loss', 'valLoss', 'logloss', 'error_rate', 'top1_err', 'top5err', 'valMAE', 'rmse2', 'mae', 'val_rmse', 'MSE', 'perplexity', 'wer', 'test/cer']) {
      assert.equal(metricDirection(name), 'lower', name);
    }
    for (const name of ['accuracy', 'f1', 'macro_f1', 'auc', 'precision', 'answer_accuracy', 'cancer_recall', 'power']) {
      assert.equal(metricDirection(name), 'higher', name);
    }
  });

  it('can be overridden per metric', () => {
    assert.equal(metricDirection('latency_ms', { latency_ms: 'lower' }), 'lower');
  });
});

describe('metric deltas', () => {
  it('computes deltas against the first and reads them with the direction', () => {
    const rows = compareMetrics([
      { accuracy: 0.8, loss: 0.5, only_a: 1 },
      { accuracy: 0.85, loss: 0.6 },
      { accuracy: 0.8, loss: 0.4, only_c: 2 },
    ]);
    const acc = rows.find((r) => r.name === 'accuracy');
    assert.ok(acc);
    assert.equal(acc.direction, 'higher');
    assert.ok(Math.abs((acc.deltas[1] ?? 0) - 0.05) < 1e-12);
    assert.deepEqual(acc.outcomes, ['reference', 'better', 'same']);
    assert.deepEqual(rows.find((r) => r.name === 'loss')?.outcomes, ['reference', 'worse', 'better']);
    assert.deepEqual(rows.find((r) => r.name === 'only_a')?.outcomes, ['reference', 'missing', 'missing']);
    assert.deepEqual(rows.find((r) => r.name === 'only_c')?.outcomes, ['missing', 'missing', 'missing']);
    assert.deepEqual(rows.find((r) => r.name === 'only_c')?.values, [undefined, undefined, 2]);
  });

  it('compares per-tag metrics when present, and nothing when absent', () => {
    const a = experiment('a', '2024-01-01T00:00:00Z', { metrics: { accuracy: 0.8 }, data: data(H1, 10), perTag: { refund: { accuracy: 0.6, loss: 0.9 } } });
    const b = experiment('b', '2024-01-02T00:00:00Z', { metrics: { accuracy: 0.82 }, data: data(H1, 10), perTag: { refund: { accuracy: 0.75, loss: 0.7 }, blurry: { accuracy: 0.5 } } });
    const result = compareExperiments([a, b]);
    assert.deepEqual(
      result.perTag.map((g) => g.group),
      ['blurry', 'refund'],
    );
    const refund = result.perTag.find((g) => g.group === 'refund');
    assert.deepEqual(
      refund?.metrics.map((m) => [m.name, m.outcomes[1]]),
      [
        ['accuracy', 'better'],
        ['loss', 'better'],
      ],
    );
    assert.deepEqual(result.perTag.find((g) => g.group === 'blurry')?.metrics[0].outcomes, ['missing', 'missing']);
    assert.deepEqual(result.perSlice, []);
    assert.deepEqual(compareExperiments([experiment('x', '2024-01-01T00:00:00Z'), experiment('y', '2024-01-01T00:00:00Z')]).perTag, []);
  });
});

describe('populations of tags and slices', () => {
  const at = (id: string, draft: Partial<ExperimentDraft>) => experiment(id, '2024-01-01T00:00:00Z', draft);

  it('keeps ▲/▼ when both records computed the group on the same file, tags and size', () => {
    const same = data(H1, 100, { annotationsSha256: H2 });
    const result = compareExperiments([at('a', { data: same, perTag: { blurry: { accuracy: 0.5, n: 16 } } }), at('b', { data: same, perTag: { blurry: { accuracy: 0.75, n: 16 } } })]);
    const blurry = result.perTag[0];
    assert.deepEqual(blurry.population, { n: [16, 16], reasons: [] });
    assert.deepEqual(
      blurry.metrics.map((m) => [m.name, m.outcomes]),
      [['accuracy', ['reference', 'better']]],
      'n is the population, not a metric',
    );
  });

  it('flags a label-fixed copy: other file, other tags, other n; the delta is no gain', () => {
    // The case: "blurry audio · accuracy 0.8824 → 0.9375 ▲" on 17 then 16 examples.
    const before = at('a', { data: data(H1, 120, { annotationsSha256: H1 }), perTag: { 'blurry audio': { accuracy: 15 / 17, n: 17 } }, perSlice: { 'device=car': { accuracy: 0.9, n: 40 } } });
    const after = at('b', { data: data(H2, 120, { annotationsSha256: H2 }), perTag: { 'blurry audio': { accuracy: 15 / 16, n: 16 } }, perSlice: { 'device=car': { accuracy: 0.95, n: 40 } } });
    const result = compareExperiments([before, after]);
    const tag = result.perTag[0];
    assert.deepEqual(tag.population, { n: [17, 16], reasons: ['different-n', 'different-dataset', 'different-tags'] });
    assert.deepEqual(tag.metrics[0].outcomes, ['reference', 'different-population']);
    assert.ok(Math.abs((tag.metrics[0].deltas[1] ?? 0) - (15 / 16 - 15 / 17)) < 1e-12, 'the delta is still there to read');
    // A slice of the same size in another file may hold other examples; tags do not bear on slices.
    assert.deepEqual(result.perSlice[0].population.reasons, ['different-dataset']);
    assert.deepEqual(describePopulation(tag.population), [
      'computed on different numbers of examples (n = 17 vs 16)',
      'computed on different dataset contents (the file hashes differ or one is not recorded)',
      'the tags or label fixes changed between the records, so the tag may hold other examples',
    ]);
  });

  it('flags a different n on the same file, and an older record without n only when the data differ', () => {
    const same = data(H1, 100);
    assert.deepEqual(compareExperiments([at('a', { data: same, perTag: { t: { accuracy: 1, n: 3 } } }), at('b', { data: same, perTag: { t: { accuracy: 1, n: 4 } } })]).perTag[0].population.reasons, ['different-n']);
    assert.deepEqual(compareExperiments([at('a', { data: same, perTag: { t: { accuracy: 1 } } }), at('b', { data: same, perTag: { t: { accuracy: 0.5 } } })]).perTag[0].population.reasons, []);
    const other = compareExperiments([at('a', { data: same, perTag: { t: { accuracy: 1 } } }), at('b', { data: data(H2, 100), perTag: { t: { accuracy: 0.5, n: 2 } } })]).perTag[0];
    assert.deepEqual(other.population, { n: [undefined, 2], reasons: ['n-not-recorded', 'different-dataset'] });
  });
});

describe('ordering and grouping', () => {
  const a = experiment('20240101-100000-a-00', '2024-01-01T10:00:00Z', { data: data(H1, 10) });
  const b = experiment('20240101-230000-b-00', '2024-01-01T23:00:00Z', { data: data(H2, 12) });
  const c = experiment('20240102-080000-c-00', '2024-01-02T08:00:00+02:00', { data: data(H1, 10) });
  const d = experiment('20240103-080000-d-00', '2024-01-03T08:00:00Z');

  it('lists newest first, by instant (not by text), ties by id', () => {
    assert.deepEqual(
      sortNewestFirst([a, c, b, d]).map((e) => e.name),
      ['20240103-080000-d-00', '20240102-080000-c-00', '20240101-230000-b-00', '20240101-100000-a-00'],
    );
    const twin = { ...a, id: '20240101-100000-a-01' };
    assert.deepEqual(
      sortNewestFirst([a, twin]).map((e) => e.id),
      ['20240101-100000-a-01', '20240101-100000-a-00'],
    );
  });

  it('groups by dataset version, newest group first', () => {
    const groups = groupByDataset([a, b, c, d]);
    assert.deepEqual(
      groups.map((g) => [g.key.slice(0, 4), g.experiments.map((e) => e.name[16])]),
      [
        ['no-d', ['d']],
        ['1111', ['c', 'a']],
        ['2222', ['b']],
      ],
    );
    assert.equal(groups[1].label, 'data/train.csv @ 11111111');
  });

  it('groups by day', () => {
    const groups = groupByDay([a, b, c, d], utcDay);
    assert.deepEqual(
      groups.map((g) => [g.key, g.experiments.length]),
      [
        ['2024-01-03', 1],
        ['2024-01-02', 1],
        ['2024-01-01', 2],
      ],
    );
  });
});

describe('main metric', () => {
  it('prefers a validation F1, then accuracy, else the first by name', () => {
    assert.deepEqual(mainMetric({ train_f1: 0.9, val_f1: 0.8, accuracy: 0.7 }), { name: 'val_f1', value: 0.8 });
    assert.deepEqual(mainMetric({ loss: 0.3, val_accuracy: 0.8 }), { name: 'val_accuracy', value: 0.8 });
    assert.deepEqual(mainMetric({ b: 2, a: 1 }), { name: 'a', value: 1 });
    assert.equal(mainMetric({}), undefined);
  });
});
