/** The file-task worker as the commands drive it: bundled as shipped, in a real worker thread. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildSync } from 'esbuild';
import { compareLoadedFiles } from '../../node/driftFiles';
import { loadWithSettings } from '../../node/loadWithSettings';
import type { SplitTaskOptions } from '../../protocol/fileTasks';
import { FileTaskError, runFileTask, type TaskControl } from './runFileTask';

const sample = path.join(__dirname, '..', '..', '..', 'examples', 'speech-commands.csv');
let extensionPath = '';
let dir = '';

const never: TaskControl = { onProgress: () => undefined, cancelled: new Promise(() => undefined) };

async function failureOf(promise: Promise<unknown>): Promise<FileTaskError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FileTaskError, String(error));
    return error;
  }
  assert.fail('the task did not fail');
}

describe('file tasks in a worker thread', () => {
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-file-task-'));
    extensionPath = dir;
    mkdirSync(path.join(dir, 'dist', 'worker'), { recursive: true });
    buildSync({ entryPoints: [path.join(__dirname, '..', '..', 'worker', 'fileTaskWorker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: path.join(dir, 'dist', 'worker', 'fileTaskWorker.js'), logLevel: 'error' });
  });

  it('drift: the figures computed in-process from the same files, with progress on the way', async () => {
    const lines = readFileSync(sample, 'utf8').split('\n');
    const shifted = path.join(dir, 'shifted.csv');
    writeFileSync(shifted, [lines[0], ...lines.slice(1).map((l, i) => (i % 3 === 0 ? l.replace(/,smart_speaker,/, ',car_kit,') : l))].join('\n'));
    const progress: string[] = [];
    const result = await runFileTask(extensionPath, 'drift', { reference: sample, current: shifted }, { ...never, onProgress: (m) => progress.push(m) });
    const expected = await compareLoadedFiles(await loadWithSettings(sample), await loadWithSettings(shifted), null);
    assert.deepEqual(result?.json, expected.json);
    assert.deepEqual(result?.distributions, expected.distributions);
    assert.ok(result!.json.columns.find((c) => c.name === 'device')!.newCategories.includes('car_kit'));
    assert.deepEqual(progress, [`reading ${sample}…`, `reading ${shifted}…`, 'comparing columns…']);
  });

  it('cancelled: resolves undefined and writes nothing', async () => {
    const out = path.join(dir, 'cancelled.csv');
    const options: SplitTaskOptions = { ratios: [1, 1], names: ['train', 'test'], stratify: { label: null, slice: null }, group: null, seed: 1, column: 'fold', overwriteColumn: false, out, overwriteFile: false };
    const result = await runFileTask(extensionPath, 'split', { file: sample, options }, { onProgress: () => undefined, cancelled: Promise.resolve() });
    assert.equal(result, undefined);
    assert.throws(() => readFileSync(out));
  });

  it('a file with error-level CSV problems gives no figure: a typed failure naming the file and line', async () => {
    const broken = path.join(dir, 'broken.csv');
    writeFileSync(broken, 'id,text,label\n1,"never closed,yes\n2,b,no\n');
    const failure = await failureOf(runFileTask(extensionPath, 'drift', { reference: sample, current: broken }, never));
    assert.equal(failure.failure.code, 'csvProblems');
    assert.match(failure.message, /broken\.csv has 1 error-level CSV problem, so it was not read correctly and no figure is shown \(line 2: /);
  });

  it('split: an existing column is refused unless asked; the written file has the split column', async () => {
    const out = path.join(dir, 'split.csv');
    const options: SplitTaskOptions = { ratios: [0.6, 0.2, 0.2], names: ['train', 'dev', 'test'], stratify: { label: 'label', slice: null }, group: null, seed: 42, column: 'split', overwriteColumn: false, out, overwriteFile: false };
    const refused = await failureOf(runFileTask(extensionPath, 'split', { file: sample, options }, never));
    assert.equal(refused.failure.code, 'columnExists');
    const result = await runFileTask(extensionPath, 'split', { file: sample, options: { ...options, column: 'fold' } }, never);
    const { train, dev, test } = result!.summary.counts;
    assert.equal(train + dev + test, 2000);
    // Each of the 10 classes rounds on its own (largest remainder): within 10 rows of 60/20/20.
    for (const [n, target] of [[train, 1200], [dev, 400], [test, 400]]) assert.ok(Math.abs(n - target) <= 10, `${n} near ${target}`);
    assert.equal(readFileSync(out, 'utf8').split('\n')[0].split(',').at(-1), 'fold');
  });
});
