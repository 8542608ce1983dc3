/** The dataset worker as the host drives it: bundled as shipped, in a real worker thread. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { parseCsvText } from '../core/csv/rows';
import type { WorkerEvent, WorkerPayloads, WorkerRequestType, WorkerResults } from '../protocol/datasetWorker';

const sample = path.join(__dirname, '..', '..', 'examples', 'speech-commands.csv');
let worker: Worker;
let nextId = 0;
const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

function request<T extends WorkerRequestType>(type: T, payload: WorkerPayloads[T]): Promise<WorkerResults[T]> {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    worker.postMessage({ id, type, ...payload });
  });
}

let longFile = '';
const problemEvents: { problems: { kind: string; line: number }[]; problemCount: number }[] = [];
let wideSummary: NonNullable<WorkerResults['agreement']>['summary'] | undefined;

describe('dataset worker', () => {
  before(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-worker-'));
    const bundle = path.join(dir, 'datasetWorker.js');
    buildSync({ entryPoints: [path.join(__dirname, 'datasetWorker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error' });
    worker = new Worker(bundle);
    worker.on('message', (event: WorkerEvent) => {
      if (event.type === 'problems') problemEvents.push(event);
      if (event.type === 'result') waiting.get(event.id)?.resolve(event.result);
      if (event.type === 'failure') waiting.get(event.id)?.reject(Object.assign(new Error(event.message), { code: event.code }));
    });
    const summary = await request('load', { path: sample, options: {} });
    assert.equal(summary.rows, 2000);
  });
  after(() => worker.terminate());

  it('replies to a load cancelled while it reads with the code "cancelled", and to a missing file with "failed"', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-cancel-'));
    const big = path.join(dir, 'big.csv');
    writeFileSync(big, 'id,label,prediction\n' + 'x,cat,dog\n'.repeat(6_000_000));
    const bundle = path.join(mkdtempSync(path.join(os.tmpdir(), 'loupe-worker-')), 'datasetWorker.js');
    buildSync({ entryPoints: [path.join(__dirname, 'datasetWorker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error' });
    const own = new Worker(bundle);
    try {
      const replies = new Map<number, WorkerEvent>();
      const replied = (id: number) =>
        new Promise<WorkerEvent>((resolve) => {
          own.on('message', (event: WorkerEvent) => {
            if ((event.type === 'result' || event.type === 'failure') && event.id === id) resolve(event);
            // Cancel once the load has started reading.
            if (event.type === 'progress' && id === 1 && !replies.has(-1)) {
              replies.set(-1, event);
              own.postMessage({ type: 'cancel' });
            }
          });
        });
      const cancelled = replied(1);
      own.postMessage({ id: 1, type: 'load', path: big, options: {} });
      const reply = await cancelled;
      assert.deepEqual(reply.type === 'failure' && [reply.code, reply.message], ['cancelled', 'loading was cancelled']);
      const missing = replied(2);
      own.postMessage({ id: 2, type: 'load', path: path.join(dir, 'missing.csv'), options: {} });
      const failed = await missing;
      assert.equal(failed.type === 'failure' && failed.code, 'failed');
    } finally {
      await own.terminate();
    }
  });

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

  it('merges judgements from a long-format CSV or a Label Studio export by id: same statistics as the wide columns', async () => {
    const wide = await request('agreement', { bySlice: false });
    const records = parseCsvText(readFileSync(sample, 'utf8')).records.slice(1).map((r) => r.fields);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-judgements-'));
    const long = path.join(dir, 'long.csv');
    const rows = records.flatMap((f) => [6, 7, 8].filter((c) => f[c] !== '').map((c) => [f[0], `labeler_${c - 5}`, f[c]].join(',')));
    writeFileSync(long, ['example_id,annotator,label', ...rows.reverse()].join('\n') + '\n');
    const merged = await request('useJudgements', { path: long });
    assert.deepEqual([merged?.items, merged?.matched, merged?.unmatched, merged?.labelers], [2000, 2000, 0, 3]);
    const fromLong = await request('agreement', { bySlice: false });
    for (const k of ['percentAgreement', 'fleissKappa', 'krippendorffAlpha', 'hlp'] as const) assert.equal(fromLong!.summary[k], wide!.summary[k], k);
    const tasks = records.map((f, i) => ({
      id: 1000 + i,
      data: { id: f[0], audio: f[1] },
      annotations: [6, 7, 8].filter((c) => f[c] !== '').map((c) => ({ completed_by: c - 5, result: [{ value: { choices: [f[c]] } }] })),
    }));
    const studio = path.join(dir, 'export.json');
    writeFileSync(studio, JSON.stringify(tasks));
    assert.equal((await request('useJudgements', { path: studio }))?.matched, 2000);
    assert.equal((await request('agreement', { bySlice: false }))!.summary.krippendorffAlpha, wide!.summary.krippendorffAlpha);
    assert.equal(await request('useJudgements', { path: null }), null);
    assert.equal((await request('agreement', { bySlice: false }))!.summary.fleissKappa, wide!.summary.fleissKappa);
    longFile = long;
    wideSummary = wide!.summary;
  });

  it('answers keys of a selection and the next untagged error in the view', async () => {
    await request('view', { filter: { misclassified: true }, sort: null });
    const keys = await request('keysAt', { ranges: [[0, 2]] });
    assert.deepEqual(keys, ['utt-0000004', 'utt-0000005', 'utt-0000013']);
    await request('setAnnotations', { entries: [['utt-0000004', ['x']]] });
    assert.equal(await request('nextUntaggedError', { from: -1 }), 1);
  });

  it('reads a long-format file opened on its own as judgements', async () => {
    await request('load', { path: longFile, options: {} });
    assert.equal(await request('agreement', { bySlice: false }), null, 'no labeler columns in a long file');
    assert.deepEqual(await request('useOwnLongFormat', {}), { items: 2000, labelers: 3 });
    const own = await request('agreement', { bySlice: false });
    assert.equal(own!.summary.krippendorffAlpha, wideSummary!.krippendorffAlpha);
    assert.equal(own!.summary.items, 2000);
  });

  it('answers the load first, then reports ids that repeat (past the sample the roles come from)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-worker-dup-'));
    const file = path.join(dir, 'dup.csv');
    const rows = Array.from({ length: 3000 }, (_, i) => `u${i},a,${i % 3 ? 'a' : 'b'}`);
    rows.push('u17,b,b');
    writeFileSync(file, `id,label,prediction\n${rows.join('\n')}\n`);
    problemEvents.length = 0;
    const summary = await request('load', { path: file, options: {} });
    assert.equal(summary.problems.some((p) => p.kind === 'duplicate-id'), false, 'not in the load result: the table comes first');
    for (let i = 0; i < 50 && problemEvents.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(problemEvents.length, 1);
    const duplicate = problemEvents[0].problems.find((p) => p.kind === 'duplicate-id');
    assert.equal(duplicate?.line, 3002);
    assert.equal(problemEvents[0].problemCount, 1);
  });
});
