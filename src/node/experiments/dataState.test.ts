import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { readDataState } from './dataState';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('data state of a record', () => {
  let root: string;
  const csv = 'id,label,prediction\na,yes,yes\nb,no,yes\nc,"multi\nline",no\n';
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-data-'));
    await fs.mkdir(path.join(root, 'data'));
    await fs.writeFile(path.join(root, 'data', 'labels.csv'), csv);
  });

  it('hashes the file, counts records and has no annotations without a sidecar', async () => {
    const seen: number[] = [];
    const state = await readDataState(root, path.join(root, 'data', 'labels.csv'), { onProgress: (bytes, total) => seen.push(bytes, total) });
    const predictions = { column: 'prediction', idColumn: 'id', rows: 3, idsSha256: sha('"a"\n"b"\n"c"\n'), sha256: sha('["a","yes"]\n["b","yes"]\n["c","no"]\n') };
    assert.deepEqual(state, { path: 'data/labels.csv', sha256: sha(csv), rows: 3, annotationsSha256: null, labelFixes: 0, predictions });
    assert.deepEqual(seen.slice(-2), [csv.length, csv.length]);
  });

  it('hashes the sidecar and counts its label fixes', async () => {
    const sidecar = [
      '{"loupe":"annotations","version":1,"dataset":"data/labels.csv","key":"id"}',
      '{"id":"a","tags":["noise"]}',
      '{"id":"b","label":"yes","note":"relabelled"}',
      '{"id":"c","label":"no"}',
      '',
    ].join('\n');
    await fs.mkdir(path.join(root, '.loupe', 'annotations', 'data'), { recursive: true });
    await fs.writeFile(path.join(root, '.loupe', 'annotations', 'data', 'labels.csv.jsonl'), sidecar);
    const state = await readDataState(root, 'data/labels.csv');
    assert.equal(state.annotationsSha256, sha(sidecar));
    assert.equal(state.labelFixes, 2);
  });

  it('counts only the fixes that change a cell: a decided label equal to the row\'s label, or for an id the file lacks, is none', async () => {
    await fs.writeFile(path.join(root, 'data', 'fixes.csv'), 'id,label,prediction\na,yes,yes\nb,no,yes\nc,no,no\n');
    const sidecar = [
      '{"loupe":"annotations","version":1,"dataset":"data/fixes.csv","key":"id"}',
      '{"id":"a","label":"yes"}',
      '{"id":"b","label":"yes"}',
      '{"id":"gone","label":"no"}',
      '{"id":"c","tags":["noise"]}',
      '',
    ].join('\n');
    await fs.mkdir(path.join(root, '.loupe', 'annotations', 'data'), { recursive: true });
    await fs.writeFile(path.join(root, '.loupe', 'annotations', 'data', 'fixes.csv.jsonl'), sidecar);
    assert.equal((await readDataState(root, 'data/fixes.csv')).labelFixes, 1);
  });

  it('fingerprints the predictions of the column the user chose, keys rows by number without an id column, and has none without a prediction or for a misread file', async () => {
    await fs.writeFile(path.join(root, 'data', 'two.csv'), 'id,label,pred_v1,pred_v2\n__proto__,x,x,y\nconstructor,y,,y\n');
    await fs.writeFile(path.join(root, 'data', 'noid.csv'), 'label,prediction\nx,y\n');
    await fs.writeFile(path.join(root, 'data', 'nopred.csv'), 'id,label\n1,x\n');
    await fs.writeFile(path.join(root, 'data', 'broken.csv'), 'id,label,prediction\n1,x,"y\n');
    await fs.mkdir(path.join(root, '.loupe'), { recursive: true });
    await fs.writeFile(path.join(root, '.loupe', 'config.json'), JSON.stringify({ version: 1, datasets: { 'data/two.csv': { roles: { pred_v1: 'other', pred_v2: 'prediction' } } } }));
    const two = (await readDataState(root, 'data/two.csv')).predictions;
    assert.deepEqual(two, { column: 'pred_v2', idColumn: 'id', rows: 2, idsSha256: sha('"__proto__"\n"constructor"\n'), sha256: sha('["__proto__","y"]\n["constructor","y"]\n') });
    assert.deepEqual((await readDataState(root, 'data/noid.csv')).predictions, { column: 'prediction', idColumn: null, rows: 1, idsSha256: sha('"1"\n'), sha256: sha('["1","y"]\n') });
    assert.equal((await readDataState(root, 'data/nopred.csv')).predictions, undefined);
    assert.equal((await readDataState(root, 'data/broken.csv')).predictions, undefined);
  });

  it('says which file is missing', async () => {
    await assert.rejects(readDataState(root, 'data/nope.csv'), /nope\.csv: no such file; check the dataset path/);
    await assert.rejects(readDataState(root, 'data'), /not a file/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(readDataState(root, 'data/labels.csv', { signal: controller.signal }), /abort/i);
  });
});
