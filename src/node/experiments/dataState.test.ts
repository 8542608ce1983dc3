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
    assert.deepEqual(state, { path: 'data/labels.csv', sha256: sha(csv), rows: 3, annotationsSha256: null, labelFixes: 0 });
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
