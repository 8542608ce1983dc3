import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatCsvRow } from '../csv/write';
import { fnv1aString } from './byteDictionary';
import { DatasetLoader } from './loader';

function load(text: string, chunkSize = 7, options = {}) {
  const bytes = new TextEncoder().encode(text);
  const loader = new DatasetLoader({ headBytes: 16, ...options });
  for (let at = 0; at < bytes.length; at += chunkSize) loader.push(bytes.subarray(at, at + chunkSize));
  return { dataset: loader.end(), head: loader.head };
}

const categorical = (dataset: ReturnType<typeof load>['dataset'], name: string) => {
  const column = dataset.columns.find((c) => c.name === name)!;
  const codes = dataset.codes[column.index]!;
  const dictionary = dataset.dictionaries[column.index]!;
  return Array.from(codes, (c) => (c < 0 ? '' : dictionary[c]));
};

const SAMPLE = [
  'id,text,label,prediction,confidence,labeler_1,labeler_2,device',
  'u1,"turn on, the lights",on,on,0.91,on,on,phone',
  'u2,"say ""stop""",stop,go,0.55,stop,go,car',
  'u3,"multi\nline",go,go,0.7,,go,phone',
  'u4,plain,stop,stop,1e-3,stop,stop,laptop',
].join('\n');

describe('DatasetLoader', () => {
  it('infers roles and storage kinds from the header and values', () => {
    const { dataset } = load(SAMPLE);
    assert.deepEqual(
      dataset.columns.map((c) => [c.name, c.role, c.kind]),
      [
        ['id', 'id', 'key'],
        ['text', 'input', 'text'],
        ['label', 'label', 'categorical'],
        ['prediction', 'prediction', 'categorical'],
        ['confidence', 'score', 'numeric'],
        ['labeler_1', 'labeler', 'categorical'],
        ['labeler_2', 'labeler', 'categorical'],
        ['device', 'slice', 'categorical'],
      ],
    );
  });

  it('keeps categorical columns as codes, numbers as floats and text as row offsets', () => {
    const { dataset } = load(SAMPLE);
    assert.equal(dataset.rowCount, 4);
    assert.deepEqual(categorical(dataset, 'label'), ['on', 'stop', 'go', 'stop']);
    assert.deepEqual(categorical(dataset, 'labeler_1'), ['on', 'stop', '', 'stop']);
    assert.deepEqual(Array.from(dataset.numbers[4]!), [0.91, 0.55, 0.7, 0.001]);
    assert.equal(dataset.keyHashes![1], fnv1aString('u2') >>> 0);
    const bytes = new TextEncoder().encode(SAMPLE);
    const third = new TextDecoder().decode(bytes.subarray(dataset.rowStarts[2], dataset.rowStarts[3]));
    assert.equal(third, 'u3,"multi\nline",go,go,0.7,,go,phone\n');
    assert.deepEqual(Array.from(dataset.rowLines), [2, 3, 4, 6]);
  });

  it('exposes the header and first rows before the end', () => {
    const { head } = load(SAMPLE);
    assert.equal(head?.rows[0][1], 'turn on, the lights');
    assert.equal(head?.delimiter, ',');
  });

  it('skips a UTF-8 byte-order mark but keeps absolute offsets', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('label,pred\na,b\n')]);
    const loader = new DatasetLoader();
    loader.push(bytes);
    const dataset = loader.end();
    assert.equal(dataset.columns[0].name, 'label');
    assert.equal(dataset.rowStarts[0], 3 + 'label,pred\n'.length);
  });

  it('detects tab, semicolon and pipe delimiters', () => {
    for (const d of ['\t', ';', '|']) {
      const { dataset } = load(['label', 'prediction', 'x'].join(d) + '\n' + ['a,1', 'b', 'c'].join(d) + '\n', 5);
      assert.equal(dataset.columns.length, 3, JSON.stringify(d));
      assert.deepEqual(categorical(dataset, 'label'), ['a,1']);
    }
  });

  it('reports ragged rows with their line and reads missing fields as empty', () => {
    const { dataset } = load('label,prediction,score\na,a,0.5\nb,c\nd,d,0.1,extra\n');
    assert.deepEqual(categorical(dataset, 'prediction'), ['a', 'c', 'd']);
    assert.ok(Number.isNaN(dataset.numbers[2]![1]));
    assert.deepEqual(
      dataset.problems.map((p) => [p.kind, p.line]),
      [
        ['ragged-row', 3],
        ['ragged-row', 4],
      ],
    );
  });

  it('renames duplicate and empty headers and says so', () => {
    const { dataset } = load('label,label,\na,b,c\n');
    assert.deepEqual(
      dataset.columns.map((c) => c.name),
      ['label', 'label (2)', 'column 3'],
    );
    assert.deepEqual(dataset.problems.map((p) => p.kind).sort(), ['duplicate-header', 'empty-header']);
  });

  it('reports mixed line endings at the first line that ends differently, merging no rows', () => {
    for (const chunk of [1, 3, 64]) {
      const { dataset } = load('id,label\r\n1,a\r\n2,b\n3,c\r\n4,"d\ne"\r\n5,f\n', chunk);
      assert.equal(dataset.rowCount, 5);
      const problem = dataset.problems.find((p) => p.kind === 'mixed-line-endings');
      assert.equal(problem?.line, 3, `chunk ${chunk}`);
      assert.match(problem?.message ?? '', /4 CRLF, 2 LF/);
    }
  });

  it('says when a column named like an id repeats, so rows are keyed by their number', () => {
    const whole = { headBytes: 4096 };
    const { dataset } = load('id,label,prediction\nu1,a,a\nu2,b,a\nu1,b,b\n', 7, whole);
    assert.equal(dataset.columns[0].kind === 'key', false);
    const problem = dataset.problems.find((p) => p.kind === 'duplicate-id');
    assert.equal(problem?.line, 4);
    assert.match(problem?.message ?? '', /column "id" looks like an id, but "u1" repeats \(first on line 2\)/);
    // Long-format judgements repeat their example id by design; a chosen role is the user's call.
    assert.equal(load('example_id,annotator,label\nu1,ann,a\nu1,bob,b\n', 7, whole).dataset.problems.length, 0);
    assert.equal(load('id,label,prediction\nu1,a,a\nu1,b,b\n', 7, { ...whole, roles: { label: 'label' } }).dataset.problems.length, 0);
  });

  it('reports an empty file', () => {
    const { dataset } = load('');
    assert.equal(dataset.rowCount, 0);
    assert.equal(dataset.problems[0].kind, 'no-header');
  });

  it('applies role overrides', () => {
    const { dataset } = load(SAMPLE, 9, { roles: { device: 'other', labeler_2: 'prediction' } });
    assert.equal(dataset.columns[7].role, 'other');
    assert.equal(dataset.columns[6].role, 'prediction');
    assert.equal(dataset.columns[6].kind, 'categorical');
  });

  it('reads the same columns whatever the chunking (property)', () => {
    const value = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'ü') });
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 40 }), (rows, chunk) => {
        const text = 'label,prediction\n' + rows.map((r) => formatCsvRow(r, ',', true)).join('\n') + '\n';
        const { dataset } = load(text, chunk);
        assert.equal(dataset.rowCount, rows.length);
        assert.deepEqual(categorical(dataset, 'label'), rows.map((r) => r[0]));
        assert.deepEqual(categorical(dataset, 'prediction'), rows.map((r) => r[1]));
      }),
      { numRuns: 300 },
    );
  });
});

describe('ColumnarParser agrees with the reference scanner', () => {
  it('on arbitrary text: same rows, values, offsets, lines and located problems (property)', async () => {
    const { parseCsvBytes } = await import('../csv/rows');
    const unit = fc.constantFrom('a', 'b', ',', '"', '\n', '\r', 'é', 'x');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 120 }), fc.integer({ min: 1, max: 33 }), (body, chunk) => {
        const text = 'label,prediction,score\n' + body;
        const bytes = new TextEncoder().encode(text);
        const reference = parseCsvBytes(bytes).records;
        const { dataset } = load(text, chunk);
        const rows = reference.slice(1);
        assert.equal(dataset.rowCount, rows.length);
        assert.deepEqual(categorical(dataset, 'label'), rows.map((r) => r.fields[0] ?? ''));
        assert.deepEqual(categorical(dataset, 'prediction'), rows.map((r) => r.fields[1] ?? ''));
        assert.deepEqual(Array.from(dataset.rowLines), rows.map((r) => r.line));
        assert.deepEqual(Array.from(dataset.rowStarts.subarray(0, rows.length)), rows.map((r) => r.start));
        const located = (kinds: string[]) => (p: { kind: string }) => kinds.includes(p.kind);
        const kinds = ['unterminated-quote', 'stray-quote'];
        const where = (p: { kind: string; line: number; severity: string }) => `${p.kind}:${p.line}:${p.severity}`;
        const referenceProblems = parseCsvBytes(bytes).problems.filter(located(kinds)).map(where);
        assert.deepEqual(dataset.problems.filter(located(kinds)).map(where), referenceProblems);
      }),
      { numRuns: 2000 },
    );
  });
});
