/** A label file's dataset as the document holds it, on the real bundled worker, in plain Node. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildSync } from 'esbuild';
import type { AnnotationView } from './labelDocumentModel';
import { LabelDataset, type DocumentNotice } from './labelDataset';

let extensionPath = '';

/** A workspace folder with a label file; returns the file's path. */
function workspace(csv: string, name = 'labels.csv'): { root: string; file: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loupe-dataset-'));
  const file = path.join(root, name);
  writeFileSync(file, csv);
  return { root, file };
}

function annotations(entries: [string, { tags?: string[]; label?: string; ambiguous?: boolean }][] = []): () => AnnotationView {
  return () => ({ entries: () => entries.values(), get: (key: string) => entries.find(([k]) => k === key)?.[1] }) as unknown as AnnotationView;
}

function open(file: string, root: string, view = annotations()) {
  const notices: DocumentNotice['type'][] = [];
  const warnings: string[] = [];
  const dataset = new LabelDataset(file, root, extensionPath, view, (n) => notices.push(n.type), (w) => warnings.push(w));
  return { dataset, notices, warnings };
}

const CSV = 'id,text,label,prediction\na,hello,yes,yes\nb,world,no,yes\nc,again,yes,no\n';

describe('LabelDataset', () => {
  before(() => {
    extensionPath = mkdtempSync(path.join(os.tmpdir(), 'loupe-ext-'));
    mkdirSync(path.join(extensionPath, 'dist', 'worker'), { recursive: true });
    for (const name of ['datasetWorker', 'parsePartWorker']) {
      buildSync({ entryPoints: [path.join(__dirname, '..', '..', '..', 'worker', `${name}.ts`)], bundle: true, platform: 'node', format: 'cjs', outfile: path.join(extensionPath, 'dist', 'worker', `${name}.js`), logLevel: 'error' });
    }
  });

  it('loads once however often it is asked, tells head then loaded, and reports annotated ids the file lacks', async () => {
    const { root, file } = workspace(CSV);
    const { dataset, notices } = open(file, root, annotations([['a', { tags: ['noise'] }], ['gone', { tags: ['x'] }]]));
    try {
      await Promise.all([dataset.startLoading(), dataset.startLoading()]);
      assert.equal(dataset.load.summary?.rows, 3);
      assert.equal(dataset.keyColumn(), 'id');
      assert.deepEqual(notices.filter((n) => n !== 'progress'), ['head', 'loaded']);
      assert.deepEqual(dataset.missingKeys, ['gone']);
      assert.deepEqual(await dataset.keysWithTag('noise'), ['a']);
    } finally {
      dataset.dispose();
    }
  });

  it('reads with the settings of .loupe/config.json, and warns (then reads as is) when that file is broken', async () => {
    const { root, file } = workspace(CSV.replaceAll(',', ';'));
    mkdirSync(path.join(root, '.loupe'));
    writeFileSync(path.join(root, '.loupe', 'config.json'), JSON.stringify({ version: 1, datasets: { 'labels.csv': { delimiter: ';', positiveClass: 'yes' } } }));
    const good = open(file, root);
    try {
      await good.dataset.startLoading();
      assert.deepEqual(good.dataset.load.summary?.columns.map((c) => c.name), ['id', 'text', 'label', 'prediction']);
      assert.equal(good.dataset.settings.positiveClass, 'yes');
      assert.deepEqual(good.warnings, []);
    } finally {
      good.dataset.dispose();
    }
    writeFileSync(path.join(root, '.loupe', 'config.json'), '{"version": 1, "datasets": {');
    const broken = open(file, root);
    try {
      await broken.dataset.startLoading();
      assert.equal(broken.dataset.load.summary?.rows, 3, 'the file is still read');
      assert.match(broken.warnings[0], /^Loupe: \.loupe\/config\.json cannot be read \(.+\); the file's own settings are used\.$/);
    } finally {
      broken.dataset.dispose();
    }
  });

  it('saves a changed setting to .loupe/config.json and reads the file again with it', async () => {
    const { root, file } = workspace(CSV);
    const { dataset, notices } = open(file, root);
    try {
      await dataset.startLoading();
      assert.equal(dataset.load.summary?.columns.find((c) => c.name === 'text')?.role, 'input');
      await dataset.changeSettings({ roles: { text: 'slice' } });
      assert.equal(dataset.load.summary?.columns.find((c) => c.name === 'text')?.role, 'slice');
      assert.equal(notices.filter((n) => n === 'loaded').length, 2);
      const saved = JSON.parse(readFileSync(path.join(root, '.loupe', 'config.json'), 'utf8'));
      assert.deepEqual(saved.datasets['labels.csv'].roles, { text: 'slice' });
    } finally {
      dataset.dispose();
    }
  });

  it('keeps judgements chosen in config.json that cannot be read, and says so', async () => {
    const { root, file } = workspace('id,label,prediction,labeler_1,labeler_2\na,yes,yes,yes,no\n');
    mkdirSync(path.join(root, '.loupe'));
    writeFileSync(path.join(root, '.loupe', 'config.json'), JSON.stringify({ version: 1, datasets: { 'labels.csv': { judgements: 'missing-judgements.csv' } } }));
    const { dataset, warnings, notices } = open(file, root);
    try {
      await dataset.startLoading();
      assert.ok(notices.includes('loaded'));
      assert.equal(dataset.externalJudgements, null);
      assert.match(warnings[0], /the labeler judgements chosen for labels\.csv in \.loupe\/config\.json \(missing-judgements\.csv\) cannot be read/);
      assert.equal(JSON.parse(readFileSync(path.join(root, '.loupe', 'config.json'), 'utf8')).datasets['labels.csv'].judgements, 'missing-judgements.csv', 'the choice is kept');
    } finally {
      dataset.dispose();
    }
  });

  it('says a cancelled load was cancelled, not that the file is broken; a missing file names the file', async () => {
    const big = workspace('id,label,prediction\n' + 'x,cat,dog\n'.repeat(6_000_000));
    const cancelled = open(big.file, big.root);
    try {
      const loading = cancelled.dataset.startLoading();
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (cancelled.dataset.load.progress) {
            clearInterval(check);
            resolve();
          }
        }, 5);
      });
      cancelled.dataset.client.cancelLoad();
      await loading;
      assert.equal(cancelled.dataset.load.failure, 'Loading was cancelled.');
      assert.equal(cancelled.notices.at(-1), 'failed');
    } finally {
      cancelled.dataset.dispose();
    }
    const { root } = workspace(CSV);
    const missing = open(path.join(root, 'nope.csv'), root);
    try {
      await missing.dataset.startLoading();
      assert.match(missing.dataset.load.failure ?? '', /^Could not read .*nope\.csv: /);
    } finally {
      missing.dataset.dispose();
    }
  });
});
