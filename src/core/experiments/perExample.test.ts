import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { perExampleComparability } from './perExample';
import { buildExperiment, codeWithoutGit, type DataState, type Experiment, type PredictionFingerprint } from './schema';

const H = (c: string) => c.repeat(64);
const fingerprint = (ids: string, pairs: string): PredictionFingerprint => ({ column: 'prediction', idColumn: 'id', rows: 3, idsSha256: H(ids), sha256: H(pairs) });
const record = (name: string, data: Partial<DataState>): Experiment => buildExperiment({ name, code: codeWithoutGit('test'), data, source: { kind: 'cli' } }, name, '2024-01-01T00:00:00.000Z');
const codes = (r: ReturnType<typeof perExampleComparability>) => r.gaps.map((g) => `${g.record}:${g.code}`);

describe('per-example comparability of two records', () => {
  const v1 = record('v1', { path: 'v1.csv', sha256: H('1'), predictions: fingerprint('a', 'b') });
  const v2 = record('v2', { path: 'v2.csv', sha256: H('2'), predictions: fingerprint('a', 'c') });

  it('is possible with fingerprints over the same ids and both files unchanged', () => {
    const r = perExampleComparability(v1, v2, { a: { exists: true, sha256: H('1') }, b: { exists: true, sha256: H('2') } });
    assert.deepEqual([r.possible, r.gaps, r.samePredictions], [true, [], false]);
    assert.equal(perExampleComparability(v1, v1).samePredictions, true);
  });

  it('says what is missing: no dataset, no fingerprint (older record), a file gone or changed, other ids', () => {
    const old = record('old', { path: 'old.csv', sha256: H('3') });
    const none = record('none', {});
    assert.deepEqual(codes(perExampleComparability(old, none)), ['a:no-fingerprint', 'b:no-dataset']);
    assert.deepEqual(codes(perExampleComparability(v1, v2, { a: { exists: false }, b: { exists: true, sha256: H('9') } })), ['a:file-gone', 'b:file-changed']);
    const other = record('other', { path: 'v3.csv', sha256: H('4'), predictions: fingerprint('d', 'e') });
    const r = perExampleComparability(v1, other);
    assert.deepEqual([r.possible, codes(r)], [false, ['both:different-ids']]);
    assert.match(r.gaps[0].message, /same ids/);
  });

});
