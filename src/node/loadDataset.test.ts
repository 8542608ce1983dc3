import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildSync } from 'esbuild';
import { formatCsvRow } from '../core/csv/write';
import { loadDatasetFile } from './loadDataset';

const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-load-'));
// The worker entry, bundled as the extension ships it.
const partWorker = path.join(dir, 'parsePartWorker.js');
buildSync({ entryPoints: [path.join(__dirname, '..', 'worker', 'parsePartWorker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: partWorker, logLevel: 'error' });

function writeCsv(name: string, rows: string[][], eol = '\n'): string {
  const file = path.join(dir, name);
  writeFileSync(file, [formatCsvRow(['id', 'text', 'label', 'prediction', 'score', 'device']), ...rows.map((r) => formatCsvRow(r))].join(eol) + eol);
  return file;
}

function sampleRows(n: number, seed: number): string[][] {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const words = ['yes', 'no', 'up', 'down', 'go', 'stop', 'ünïcode', 'a "quote"', 'comma, inside', 'two\nlines'];
  return Array.from({ length: n }, (_, i) => [
    `ex-${i}`,
    words[Math.floor(next() * words.length)] + ' ' + words[Math.floor(next() * words.length)],
    words[Math.floor(next() * 6)],
    words[Math.floor(next() * 6)],
    next().toFixed(3),
    i % 97 === 0 ? '' : ['phone', 'car', 'laptop', `dev-${i % 7}`][i % 4],
  ]);
}

async function bothWays(file: string) {
  const sequential = await loadDatasetFile(file);
  const parallel = await loadDatasetFile(file, {}, { partWorker, parallelMinBytes: 1 });
  assert.equal(sequential.threads, 1);
  return { sequential: sequential.dataset, parallel: parallel.dataset, threads: parallel.threads };
}

describe('parsing a file in two parts, in parallel', () => {
  it('builds exactly what one pass builds (codes, dictionaries, offsets, lines, problems)', async () => {
    const rows = sampleRows(6000, 7);
    for (const r of rows.slice(2800, 3200)) r[1] = r[1].replace('\n', ' '); // no quoted line break near the middle
    const file = writeCsv('parallel.csv', rows);
    const { sequential, parallel, threads } = await bothWays(file);
    assert.equal(threads, 2);
    assert.equal(parallel.rowCount, 6000);
    assert.deepEqual(parallel, sequential);
  });

  it('falls back to one thread when the middle line break is inside a quoted field', async () => {
    // One huge quoted field spans the middle of the file.
    const rows = sampleRows(200, 3);
    rows[100][1] = Array.from({ length: 4000 }, (_, i) => `line ${i}`).join('\n');
    const file = writeCsv('quoted-middle.csv', rows);
    const { sequential, parallel, threads } = await bothWays(file);
    assert.equal(threads, 1);
    assert.equal(parallel.rowCount, 200);
    assert.deepEqual(parallel, sequential);
  });

  it('reads on in one thread when the rows after the middle do not look like rows (no second parse of them)', async () => {
    const rows = sampleRows(400, 5).map((r) => r.map((f) => f.replace('\n', ' ')));
    for (let i = 190; i < 230; i++) rows[i] = ['ragged', 'row'];
    const file = writeCsv('ragged-middle.csv', rows);
    const { sequential, parallel, threads } = await bothWays(file);
    assert.equal(threads, 1);
    assert.equal(parallel.rowCount, 400);
    assert.deepEqual(parallel, sequential);
  });

  it('a multi-MB quoted field across the middle is read once, by one thread, with its exact lines', async () => {
    const rows = sampleRows(20, 9).map((r) => r.map((f) => f.replace('\n', ' ')));
    rows[10][1] = 'a, "b"\nc\n'.repeat(300_000);
    const file = writeCsv('big-field-middle.csv', rows);
    const { sequential, parallel, threads } = await bothWays(file);
    assert.equal(threads, 1);
    assert.equal(parallel.rowCount, 20);
    assert.equal(parallel.rowLines[11], 13 + 600_000);
    assert.deepEqual(parallel.problems, []);
    assert.deepEqual(parallel, sequential);
  });

  it('merges problems with absolute line numbers and sums line endings', async () => {
    const rows = sampleRows(6000, 11).map((r) => r.map((f) => f.replace('\n', ' ')));
    rows[4500] = ['ragged', 'row'];
    const file = writeCsv('ragged.csv', rows, '\r\n');
    const { sequential, parallel, threads } = await bothWays(file);
    assert.equal(threads, 2);
    assert.deepEqual(parallel.problems, sequential.problems);
    assert.ok(parallel.problems.some((p) => p.kind === 'ragged-row' && p.line > 4500));
    assert.deepEqual(parallel.lineEndings, sequential.lineEndings);
  });
});

describe('encodings', () => {
  const text = 'id,text,label,prediction\n1,café,oui,non\n2,"naïve, ""quoted""",non,non\n';

  it('reads UTF-16 LE and BE with a byte-order mark, rows from a UTF-8 copy', async () => {
    for (const [name, bytes] of [
      ['le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
    ] as const) {
      const file = path.join(dir, name);
      writeFileSync(file, bytes);
      const loaded = await loadDatasetFile(file, {}, { cacheDir: dir });
      assert.equal(loaded.encoding, name === 'le.csv' ? 'utf-16le' : 'utf-16be');
      assert.equal(loaded.dataset.rowCount, 2);
      assert.notEqual(loaded.rowSource, file);
      const { RowReader } = await import('./rowReader');
      assert.deepEqual(new RowReader(loaded.rowSource, loaded.dataset).read([0, 1]).map((r) => r[1]), ['café', 'naïve, "quoted"']);
      assert.equal(loaded.dataset.problems.length, 0);
    }
  });

  it('reads UTF-16 without a byte-order mark, told by its zero bytes', async () => {
    for (const [name, bytes, encoding] of [
      ['le-nobom.csv', Buffer.from(text, 'utf16le'), 'utf-16le'],
      ['be-nobom.csv', Buffer.from(text, 'utf16le').swap16(), 'utf-16be'],
    ] as const) {
      const file = path.join(dir, name);
      writeFileSync(file, bytes);
      const loaded = await loadDatasetFile(file, {}, { cacheDir: dir });
      assert.equal(loaded.encoding, encoding);
      assert.deepEqual(loaded.dataset.columns.map((c) => c.name), ['id', 'text', 'label', 'prediction']);
      assert.equal(loaded.dataset.problems.length, 0);
    }
  });

  it('reports bytes that are not valid UTF-16 (a lone surrogate) at their line', async () => {
    const file = path.join(dir, 'u16-bad.csv');
    const body = Buffer.from('id,text,label,prediction\n1,ok,a,a\n2,X,b,b\n', 'utf16le');
    // Replace "X" (line 3) by a lone high surrogate.
    const at = body.indexOf(Buffer.from('X', 'utf16le'));
    body.writeUInt16LE(0xd800, at);
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    const loaded = await loadDatasetFile(file, {}, { cacheDir: dir });
    const problem = loaded.dataset.problems.find((p) => p.kind === 'invalid-encoding');
    assert.ok(problem, JSON.stringify(loaded.dataset.problems));
    assert.equal(problem.line, 3);
    assert.match(problem.message, /not valid UTF-16LE.*Reopen Label File with Encoding/);
    assert.equal(loaded.dataset.rowCount, 2, 'the rest still loads');
  });

  it('reports bytes that are not UTF-8 with their line, and reads them with a chosen encoding', async () => {
    const file = path.join(dir, 'latin1.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('id,text,label,prediction\n1,ok,a,a\n2,caf'), Buffer.from([0xe9]), Buffer.from(',b,b\n')]));
    const wrong = await loadDatasetFile(file);
    const problem = wrong.dataset.problems.find((p) => p.kind === 'invalid-encoding');
    assert.equal(problem?.line, 3);
    assert.match(problem?.message ?? '', /Reopen Label File with Encoding/);
    const right = await loadDatasetFile(file, { encoding: 'windows-1252' }, { cacheDir: dir });
    assert.equal(right.dataset.problems.length, 0);
    const { RowReader } = await import('./rowReader');
    assert.equal(new RowReader(right.rowSource, right.dataset).read([1])[0][1], 'café');
  });
});

describe('a first row longer than the first read', () => {
  // The reader reuses its buffer between reads; what the loader keeps of the first reads must be a copy.
  it('keeps the header and rows intact when the header and first row span several reads', async () => {
    const long = `${'a long document text, '.repeat(8000)}end`; // ~176 KB, over the 64 KB first read
    const rows = [['1', long, 'yes', 'no', '0.5', 'phone'], ...sampleRows(3000, 7)];
    const file = writeCsv('long-first-row.csv', rows);
    const { dataset, rowSource } = await loadDatasetFile(file);
    assert.deepEqual(dataset.columns.map((c) => c.name), ['id', 'text', 'label', 'prediction', 'score', 'device']);
    assert.equal(dataset.rowCount, 3001);
    assert.equal(dataset.problems.length, 0);
    const { RowReader } = await import('./rowReader');
    const reader = new RowReader(rowSource, dataset);
    assert.equal(reader.read([0])[0][1], long);
    assert.equal(reader.read([3000])[0][0], 'ex-2999');
  });

  it('reports an unterminated quote that runs past the first read, at its line', async () => {
    const file = path.join(dir, 'unterminated-long.csv');
    writeFileSync(file, `id,text,label,prediction\n1,ok,a,a\n2,"never closed ${'x'.repeat(150_000)}\n3,z,b,b\n`);
    const { dataset } = await loadDatasetFile(file);
    assert.deepEqual(dataset.columns.map((c) => c.name), ['id', 'text', 'label', 'prediction']);
    assert.ok(dataset.problems.some((p) => p.line === 3 && /quote/i.test(p.message)), JSON.stringify(dataset.problems));
  });
});

describe('ids that repeat', () => {
  // Role inference takes a column for ids only when its sample (the first rows) is unique, so
  // repeats show up further down the file, or when the role was set by hand.
  it('are reported at the repeating line, naming the first, and the file still loads', async () => {
    const rows = sampleRows(3000, 3);
    rows[2300][0] = 'ex-7';
    rows[2450][0] = 'ex-7';
    rows[2999][0] = 'ex-42';
    const file = writeCsv('dup-ids.csv', rows);
    const { dataset } = await loadDatasetFile(file);
    assert.equal(dataset.columns[0].kind, 'key');
    const duplicates = dataset.problems.filter((p) => p.kind === 'duplicate-id');
    assert.equal(dataset.problemTotals['duplicate-id'], 3);
    assert.deepEqual(duplicates.map((p) => p.line), [dataset.rowLines[2300], dataset.rowLines[2450], dataset.rowLines[2999]]);
    assert.match(duplicates[0].message, new RegExp(`^id "ex-7" again \\(first on line ${dataset.rowLines[7]}\\)`));
    assert.equal(dataset.rowCount, 3000);
    const unique = await loadDatasetFile(writeCsv('unique-ids.csv', sampleRows(3000, 3)));
    assert.equal(unique.dataset.problems.filter((p) => p.kind === 'duplicate-id').length, 0);
  });

  it('are reported when the id role was chosen by hand', async () => {
    const file = path.join(dir, 'dup-chosen.csv');
    writeFileSync(file, 'name,label,prediction\na,x,x\nb,x,y\na,y,y\n');
    const { dataset } = await loadDatasetFile(file, { roles: { name: 'id' } });
    assert.deepEqual(dataset.problems.filter((p) => p.kind === 'duplicate-id').map((p) => p.line), [4]);
  });
});
