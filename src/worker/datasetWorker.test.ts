/** The dataset worker as the host drives it: bundled as shipped, in a real worker thread. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import type { WorkerRequestType, WorkerResults } from '../protocol/datasetWorker';

const sample = path.join(__dirname, '..', '..', 'examples', 'speech-commands.csv');
let worker: Worker;
let nextId = 0;
const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

function request<T extends WorkerRequestType>(type: T, payload: Record<string, unknown>): Promise<WorkerResults[T]> {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    worker.postMessage({ id, type, ...payload });
  });
}

describe('dataset worker', () => {
  before(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-worker-'));
    const bundle = path.join(dir, 'datasetWorker.js');
    buildSync({ entryPoints: [path.join(__dirname, 'datasetWorker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error' });
    worker = new Worker(bundle);
    worker.on('message', (event: { type: string; id: number; result?: unknown; message?: string }) => {
      const w = waiting.get(event.id);
      if (event.type === 'result') w?.resolve(event.result);
      if (event.type === 'failure') w?.reject(new Error(event.message));
    });
    const summary = await request('load', { path: sample, options: {} });
    assert.equal(summary.rows, 2000);
  });
  after(() => worker.terminate());

  it('applies tag overrides to filters and counts, before and after the first error analysis', async () => {
    const before = await request('view', { filter: { misclassified: true }, sort: null });
    await request('setAnnotations', { entries: [['utt-0000005', ['car noise']]] });
    const tagged = await request('view', { filter: { misclassified: true }, sort: null });
    assert.equal(tagged.taggedErrors, before.taggedErrors + 1);
    assert.equal((await request('view', { filter: { tag: 'car noise' }, sort: null })).count >= 1, true);
    const first = await request('tagAnalysis', { weights: {} });
    await request('setAnnotations', { entries: [['utt-0000005', ['car noise']], ['utt-0000004', ['car noise']]] });
    const second = await request('tagAnalysis', { weights: {} });
    const car = (a: typeof first) => a.tags.find((t) => t.tag === 'car noise')!;
    assert.equal(car(second).count, car(first).count + 1);
    await request('setAnnotations', { entries: [] });
    const cleared = await request('tagAnalysis', { weights: {} });
    assert.equal(car(cleared)?.count ?? 0, car(first).count - 1);
  });

  it('answers keys of a selection and the next untagged error in the view', async () => {
    await request('view', { filter: { misclassified: true }, sort: null });
    const keys = await request('keysAt', { ranges: [[0, 2]] });
    assert.deepEqual(keys, ['utt-0000004', 'utt-0000005', 'utt-0000013']);
    await request('setAnnotations', { entries: [['utt-0000004', ['x']]] });
    assert.equal(await request('nextUntaggedError', { from: -1 }), 1);
  });
});
