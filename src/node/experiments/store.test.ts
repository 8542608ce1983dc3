import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { codeWithoutGit, parseExperiment, type ExperimentDraft } from '../../core/experiments/schema';
import {
  deleteExperiment,
  experimentsFolder,
  experimentsTrashFolder,
  importExperiments,
  listExperiments,
  listTrashedExperiments,
  readExperiment,
  recordExperiment,
  renameExperiment,
  restoreExperiment,
  setExperimentBaseline,
  setExperimentNotes,
  setExperimentStarred,
  type ImportedDraft,
} from './store';

const draft = (name: string, extra: Partial<ExperimentDraft> = {}): ExperimentDraft => ({
  name,
  code: codeWithoutGit('Restricted Mode: git is not run in untrusted workspaces'),
  params: { lr: 0.1 },
  metrics: { accuracy: 0.8 },
  source: { kind: 'cli' },
  ...extra,
});

async function tempRoot(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'loupe-experiments-'));
}

describe('experiment store', () => {
  let root: string;
  before(async () => {
    root = await tempRoot();
  });
  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('records one JSON file per experiment and lists them newest first', async () => {
    const a = await recordExperiment(root, draft('first'), { now: new Date('2024-06-01T10:00:00Z') });
    const b = await recordExperiment(root, draft('second'), { now: new Date('2024-06-02T10:00:00Z') });
    assert.equal(path.dirname(a.file), experimentsFolder(root));
    assert.match(path.basename(a.file), /^20240601-100000-first-[0-9a-f]{12}\.json$/);
    assert.equal(a.experiment.id + '.json', path.basename(a.file));
    const parsed = parseExperiment(await fs.readFile(b.file, 'utf8'), 'b');
    assert.ok(parsed.ok);
    assert.equal(parsed.experiment.code.reason, 'Restricted Mode: git is not run in untrusted workspaces');
    const list = await listExperiments(root);
    assert.deepEqual(
      list.experiments.map((s) => s.experiment.name),
      ['second', 'first'],
    );
    assert.deepEqual(list.problems, []);
  });

  it('retries with fresh random bytes when a file name is taken', async () => {
    const now = new Date('2024-06-03T10:00:00Z');
    const zeros = () => new Uint8Array(6);
    const first = await recordExperiment(root, draft('same'), { now, randomBytes: zeros });
    let calls = 0;
    const second = await recordExperiment(root, draft('same'), { now, randomBytes: (n) => new Uint8Array(n).fill(calls++ === 0 ? 0 : 7) });
    assert.notEqual(first.file, second.file);
    assert.equal(calls, 2);
  });

  it('refuses an invalid draft without writing anything', async () => {
    const fresh = await tempRoot();
    await assert.rejects(recordExperiment(fresh, draft('bad', { metrics: { accuracy: Number.NaN } })), /metrics\.accuracy/);
    assert.deepEqual((await listExperiments(fresh)).experiments, []);
    await fs.rm(fresh, { recursive: true, force: true });
  });

  it('renames, sets notes, stars and marks baselines in place', async () => {
    const { experiment } = await recordExperiment(root, draft('to edit'), { now: new Date('2024-06-04T10:00:00Z') });
    await renameExperiment(root, experiment.id, '  better name ');
    await setExperimentNotes(root, experiment.id, 'fixed 30 labels\nin the refund tag');
    await setExperimentStarred(root, experiment.id, true);
    await setExperimentBaseline(root, experiment.id, 'human-level');
    const { experiment: e, file } = await readExperiment(root, experiment.id);
    assert.equal(e.name, 'better name');
    assert.equal(e.notes, 'fixed 30 labels\nin the refund tag');
    assert.equal(e.starred, true);
    assert.equal(e.baseline, 'human-level');
    assert.equal(path.basename(file), `${experiment.id}.json`);
    await assert.rejects(renameExperiment(root, experiment.id, '   '), /name/);
  });

  it('keeps unknown fields when editing', async () => {
    const { experiment, file } = await recordExperiment(root, draft('future'), { now: new Date('2024-06-05T10:00:00Z') });
    const json = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
    await fs.writeFile(file, JSON.stringify({ ...json, addedLater: [1, 2] }));
    await setExperimentStarred(root, experiment.id, true);
    const after = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
    assert.deepEqual(after.addedLater, [1, 2]);
  });

  it('deletes into the trash and restores from it', async () => {
    const { experiment } = await recordExperiment(root, draft('to delete'), { now: new Date('2024-06-06T10:00:00Z') });
    const trashed = await deleteExperiment(root, experiment.id);
    assert.equal(path.dirname(trashed), experimentsTrashFolder(root));
    assert.ok(!(await listExperiments(root)).experiments.some((s) => s.experiment.id === experiment.id));
    assert.ok((await listTrashedExperiments(root)).experiments.some((s) => s.experiment.id === experiment.id));
    const restored = await restoreExperiment(root, experiment.id);
    assert.equal(restored.experiment.name, 'to delete');
    assert.ok((await listExperiments(root)).experiments.some((s) => s.experiment.id === experiment.id));
    assert.deepEqual((await listTrashedExperiments(root)).experiments, []);
  });

  it('refuses ids that would leave the folder', async () => {
    await assert.rejects(readExperiment(root, '../../etc/passwd'), /not a valid experiment id/);
    await assert.rejects(deleteExperiment(root, '../x'), /not a valid experiment id/);
  });

  it('reports a malformed file by name, skips it and lists the rest', async () => {
    const fresh = await tempRoot();
    await recordExperiment(fresh, draft('good'));
    const folder = experimentsFolder(fresh);
    await fs.writeFile(path.join(folder, '20240101-000000-broken-00.json'), '{"version": 1, "name": ');
    await fs.writeFile(path.join(folder, '20240101-000000-invalid-00.json'), JSON.stringify({ version: 1, id: '20240101-000000-invalid-00', name: 'x' }));
    await fs.writeFile(path.join(folder, '.20240101.json.123.tmp'), 'garbage');
    await fs.writeFile(path.join(folder, 'README.txt'), 'not an experiment');
    const list = await listExperiments(fresh);
    assert.deepEqual(
      list.experiments.map((s) => s.experiment.name),
      ['good'],
    );
    assert.deepEqual(
      list.problems.map((p) => p.file),
      ['20240101-000000-broken-00.json', '20240101-000000-invalid-00.json'],
    );
    assert.match(list.problems[0].message, /^20240101-000000-broken-00\.json: not valid JSON/);
    assert.match(list.problems[1].message, /^20240101-000000-invalid-00\.json: .*createdAt/);
    await fs.rm(fresh, { recursive: true, force: true });
  });

  it('reports a file whose id does not match its name (a copied file)', async () => {
    const fresh = await tempRoot();
    const { file } = await recordExperiment(fresh, draft('original'));
    await fs.copyFile(file, path.join(path.dirname(file), '20240101-000000-copy-00.json'));
    const list = await listExperiments(fresh);
    assert.equal(list.experiments.length, 1);
    assert.match(list.problems[0].message, /does not match the file name/);
    await fs.rm(fresh, { recursive: true, force: true });
  });

  it('lists nothing (and no problem) when there is no folder yet', async () => {
    assert.deepEqual(await listExperiments(path.join(root, 'nowhere')), { experiments: [], problems: [] });
  });
});

describe('experiment store: imports', () => {
  const imported = (ref: string, accuracy: number): ImportedDraft => ({
    name: `run ${ref}`,
    createdAt: '2024-06-14T09:15:02.000Z',
    code: codeWithoutGit('imported'),
    params: { lr: 0.1 },
    metrics: { accuracy },
    source: { kind: 'mlflow', ref },
  });

  it('creates, then refreshes instead of duplicating, keeping the user’s curation', async () => {
    const root = await tempRoot();
    const [first] = await importExperiments(root, [imported('abc', 0.8)]);
    assert.equal(first.outcome, 'created');
    await renameExperiment(root, first.stored.experiment.id, 'my name');
    await setExperimentStarred(root, first.stored.experiment.id, true);
    const [again] = await importExperiments(root, [imported('abc', 0.8)]);
    assert.equal(again.outcome, 'unchanged');
    const [updated] = await importExperiments(root, [imported('abc', 0.9)]);
    assert.equal(updated.outcome, 'updated');
    assert.equal(updated.stored.file, first.stored.file);
    const list = await listExperiments(root);
    assert.equal(list.experiments.length, 1);
    const e = list.experiments[0].experiment;
    assert.equal(e.metrics.accuracy, 0.9);
    assert.equal(e.name, 'my name');
    assert.equal(e.starred, true);
    await fs.rm(root, { recursive: true, force: true });
  });

  it('gives the same run the same file name in any workspace', async () => {
    const [a, b] = [await tempRoot(), await tempRoot()];
    const [x] = await importExperiments(a, [imported('run-1', 0.8)]);
    const [y] = await importExperiments(b, [imported('run-1', 0.8)]);
    assert.equal(path.basename(x.stored.file), path.basename(y.stored.file));
    await Promise.all([a, b].map((r) => fs.rm(r, { recursive: true, force: true })));
  });
});

describe('experiment store: two processes at once', () => {
  it('two processes recording 200 experiments each at the same moment write 400 valid, distinct files', async () => {
    const root = await tempRoot();
    const script = path.resolve(__dirname, '../../../test/fixtures/experiments/recordMany.ts');
    const children = ['a', 'b'].map((label) => spawn(process.execPath, ['--import', 'tsx', script, root, '200', label], { stdio: ['pipe', 'pipe', 'pipe'] }));
    const outputs = children.map((child) => collect(child));
    // Both load, then both are released together.
    await Promise.all(outputs.map((o) => o.waitFor('ready')));
    for (const child of children) child.stdin.write('go\n');
    const codes = await Promise.all(children.map((child) => new Promise<number | null>((resolve) => child.on('close', resolve))));
    assert.deepEqual(codes, [0, 0], outputs.map((o) => o.text()).join('\n'));
    const names = (await fs.readdir(experimentsFolder(root))).filter((n) => n.endsWith('.json'));
    assert.equal(names.length, 400);
    const list = await listExperiments(root);
    assert.deepEqual(list.problems, []);
    assert.equal(list.experiments.length, 400);
    assert.equal(new Set(list.experiments.map((s) => s.experiment.id)).size, 400);
    const perWriter = (label: string) => list.experiments.filter((s) => s.experiment.params.writer === label).length;
    assert.deepEqual([perWriter('a'), perWriter('b')], [200, 200]);
    await fs.rm(root, { recursive: true, force: true });
  });
});

function collect(child: ReturnType<typeof spawn>): { waitFor(word: string): Promise<void>; text(): string } {
  let out = '';
  const waiters: { word: string; resolve: () => void }[] = [];
  const check = () => {
    for (const w of waiters.filter((w) => out.includes(w.word))) w.resolve();
  };
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    check();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return {
    waitFor: (word) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ word, resolve });
        child.on('close', () => reject(new Error(`exited before "${word}": ${out}`)));
        check();
      }),
    text: () => out,
  };
}
