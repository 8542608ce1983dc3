import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArgs } from 'node:util';
import type { RecordedFileState } from '../../core/experiments/perExample';
import { buildExperiment, codeWithoutGit, type Experiment } from '../../core/experiments/schema';
import { predictionCandidates, type ColumnChoice } from '../../core/modelComparison/predictionCandidates';
import { comparedRowsFilter, compareArguments, describeSource, recordsComparison, sourceKey } from './comparisonSource';

const SHA = (c: string) => c.repeat(64);

function record(name: string, createdAt: string, data: Partial<Experiment['data']>): Experiment {
  return buildExperiment({ name, code: codeWithoutGit('test'), data, source: { kind: 'cli' } }, `20260101-000000-${name}-abcd`, createdAt);
}

const fingerprint = (column: string, predictions: string, ids = 'a') => ({ column, idColumn: 'id', rows: 3, idsSha256: SHA(ids), sha256: SHA(predictions) });

describe('compare command line', () => {
  it('names two columns of one file, or two files, and reads back as loupe parses it', () => {
    const one = compareArguments({ kind: 'columns', file: '/w/labels.csv', a: 'prediction', b: 'prediction_v2' });
    assert.deepEqual(one, ['compare', '--json', '--a=prediction', '--b=prediction_v2', '--', '/w/labels.csv']);
    const two = compareArguments({ kind: 'files', fileA: '/w/v1.csv', fileB: '/w/v2.csv', a: 'pred' });
    assert.deepEqual(two, ['compare', '--json', '--a=pred', '--', '/w/v1.csv', '/w/v2.csv']);
  });

  it('keeps a column or a file that starts with a dash as a value, never an option', () => {
    const args = compareArguments({ kind: 'files', fileA: '-v1.csv', fileB: '--json', a: '--fail-if-worse', b: '-b' });
    const { values, positionals } = parseArgs({ args: args.slice(1), allowPositionals: true, options: { json: { type: 'boolean' }, a: { type: 'string' }, b: { type: 'string' }, 'fail-if-worse': { type: 'boolean' } } });
    assert.deepEqual([values.a, values.b, values['fail-if-worse'], positionals], ['--fail-if-worse', '-b', undefined, ['-v1.csv', '--json']]);
  });

  it('gives one key per comparison and a heading that says which is A and which is B', () => {
    const s = { kind: 'columns' as const, file: '/w/labels.csv', a: 'p1', b: 'p2' };
    assert.equal(sourceKey(s), sourceKey({ ...s }));
    assert.notEqual(sourceKey(s), sourceKey({ ...s, a: 'p2', b: 'p1' }));
    assert.equal(describeSource(s, (f) => f.replace('/w/', '')).title, 'labels.csv: "p1" (A) vs "p2" (B)');
    assert.equal(describeSource({ kind: 'files', fileA: '/w/a.csv', fileB: '/w/b.csv' }, (f) => f.replace('/w/', '')).title, 'a.csv (A) vs b.csv (B), matched by id');
  });
});

describe('prediction candidates', () => {
  it('lists the prediction column, then other models\' columns, then other categorical columns; never the label, labelers, tags, id or text', () => {
    const columns: ColumnChoice[] = [
      { name: 'id', role: 'id', kind: 'key' },
      { name: 'text', role: 'input', kind: 'text' },
      { name: 'label', role: 'label', kind: 'categorical' },
      { name: 'device', role: 'slice', kind: 'categorical' },
      { name: 'prediction', role: 'prediction', kind: 'categorical' },
      { name: 'labeler_1', role: 'labeler', kind: 'categorical' },
      { name: 'tags', role: 'tags', kind: 'categorical' },
      { name: 'notes', role: 'other', kind: 'text' },
      { name: 'prediction_v2', role: 'other', kind: 'categorical' },
      { name: 'confidence', role: 'score', kind: 'numeric' },
    ];
    assert.deepEqual(predictionCandidates(columns).map((c) => c.name), ['prediction', 'prediction_v2', 'device']);
  });
});

describe('two experiment records compared example by example', () => {
  const files: { a: RecordedFileState; b: RecordedFileState } = { a: { exists: true, sha256: SHA('1') }, b: { exists: true, sha256: SHA('2') } };
  const resolve = (p: string) => `/w/${p}`;

  it('compares the older record (A) with the newer (B), by id across two files, with each record\'s prediction column', () => {
    const v1 = record('v1', '2026-01-01T10:00:00.000Z', { path: 'v1.csv', sha256: SHA('1'), predictions: fingerprint('pred', '3') });
    const v2 = record('v2', '2026-01-02T10:00:00.000Z', { path: 'v2.csv', sha256: SHA('2'), predictions: fingerprint('prediction', '4') });
    const result = recordsComparison(v2, v1, { a: files.b, b: files.a }, resolve);
    assert.ok(result.ok);
    assert.deepEqual(result.source, { kind: 'files', fileA: '/w/v1.csv', fileB: '/w/v2.csv', a: 'pred', b: 'prediction' });
    assert.equal(result.subject.title, 'v1 (A) vs v2 (B)');
    assert.deepEqual(result.notes, []);
  });

  it('matches files whose ids differ by id, and says so', () => {
    const v1 = record('v1', '2026-01-01T10:00:00.000Z', { path: 'v1.csv', sha256: SHA('1'), predictions: fingerprint('pred', '3', 'a') });
    const v2 = record('v2', '2026-01-02T10:00:00.000Z', { path: 'v2.csv', sha256: SHA('2'), predictions: fingerprint('pred', '4', 'b') });
    const result = recordsComparison(v1, v2, files, resolve);
    assert.ok(result.ok);
    assert.match(result.notes[0], /^The records differ: the two files do not hold the same ids in the same order/);
  });

  it('compares two columns of one file when both records read the same file', () => {
    const v1 = record('v1', '2026-01-01T10:00:00.000Z', { path: 'labels.csv', sha256: SHA('1'), predictions: fingerprint('prediction', '3') });
    const v2 = record('v2', '2026-01-02T10:00:00.000Z', { path: 'labels.csv', sha256: SHA('1'), predictions: fingerprint('prediction_v2', '4') });
    const result = recordsComparison(v1, v2, { a: files.a, b: files.a }, resolve);
    assert.ok(result.ok);
    assert.deepEqual(result.source, { kind: 'columns', file: '/w/labels.csv', a: 'prediction', b: 'prediction_v2' });
  });

  it('says exactly what is missing: no dataset, no fingerprint, a file gone or changed, the very same predictions', () => {
    const v1 = record('v1', '2026-01-01T10:00:00.000Z', { path: 'v1.csv', sha256: SHA('1'), predictions: fingerprint('pred', '3') });
    const noData = record('notes only', '2026-01-02T10:00:00.000Z', {});
    const noFingerprint = record('old', '2026-01-02T10:00:00.000Z', { path: 'v2.csv', sha256: SHA('2') });
    const reasons = (x: Experiment, y: Experiment, states = files) => {
      const result = recordsComparison(x, y, states, resolve);
      assert.ok(!result.ok);
      return result.reasons;
    };
    assert.deepEqual(reasons(v1, noData), ['"notes only" was recorded without a dataset']);
    assert.match(reasons(v1, noFingerprint)[0], /^"old" has no fingerprint of its predictions/);
    assert.match(reasons(v1, { ...v1, id: `${v1.id}x`, name: 'v1 again' }, { a: files.a, b: { exists: false } })[0], /^v1\.csv, the dataset of "v1 again", is no longer in the workspace/);
    assert.match(reasons(v1, { ...v1, id: `${v1.id}x`, name: 'copy' }, { a: files.a, b: files.a })[0], /saw the very same predictions/);
  });
});

describe('comparedRowsFilter: a click in the Comparison view as a table filter', () => {
  const columns = [
    { name: 'id', role: 'id' as const, index: 0 },
    { name: 'label', role: 'label' as const, index: 1 },
    { name: 'prediction', role: 'prediction' as const, index: 2 },
    { name: 'prediction_v2', role: 'other' as const, index: 3 },
    { name: 'device', role: 'slice' as const, index: 4 },
  ];
  const source = { kind: 'columns' as const, file: '/w/a.csv', a: 'prediction', b: 'prediction_v2' };

  it('filters on B = the other column, with the tag, slice value or label class of the row clicked', () => {
    assert.deepEqual(comparedRowsFilter(source, columns, { kind: 'fixed' }), { comparison: { b: 3, kind: 'fixed' } });
    assert.deepEqual(comparedRowsFilter(source, columns, { kind: 'changed', tag: 'noisy' }), { comparison: { b: 3, kind: 'changed' }, tag: 'noisy' });
    assert.deepEqual(comparedRowsFilter(source, columns, { kind: 'broken', slice: { column: 'device', value: 'phone' } }), { comparison: { b: 3, kind: 'broken' }, columns: [{ column: 4, values: ['phone'] }] });
    assert.deepEqual(comparedRowsFilter(source, columns, { kind: 'changed', labelClass: '1' }), { comparison: { b: 3, kind: 'changed', labelClass: '1' } });
  });

  it('swaps A and B (and fixed and broken) when the comparison\'s B is the prediction column', () => {
    const swapped = { ...source, a: 'prediction_v2', b: 'prediction' };
    assert.deepEqual(comparedRowsFilter(swapped, columns, { kind: 'fixed' }), { comparison: { b: 3, kind: 'broken' } });
    assert.deepEqual(comparedRowsFilter(swapped, columns, { kind: 'bothWrong' }), { comparison: { b: 3, kind: 'bothWrong' } });
  });

  it('says why when the table cannot show the rows', () => {
    assert.match(comparedRowsFilter({ kind: 'files', fileA: '/w/a.csv', fileB: '/w/b.csv' }, columns, { kind: 'fixed' }) as string, /two columns of one file/);
    assert.match(comparedRowsFilter({ ...source, a: 'device', b: 'prediction_v2' }, columns, { kind: 'fixed' }) as string, /set the role of "device" to prediction/);
    assert.match(comparedRowsFilter({ ...source, b: 'gone' }, columns, { kind: 'fixed' }) as string, /no longer has the column "gone"/);
    assert.match(comparedRowsFilter(source, columns, { kind: 'fixed', slice: { column: 'city', value: 'x' } }) as string, /no longer has the column "city"/);
  });
});
