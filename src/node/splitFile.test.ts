import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { renderSplitMarkdown } from '../core/splits/splitReport';
import { splitRows } from '../core/splits/splitRows';
import { loadWithSettings } from './loadWithSettings';
import { splitLoadedFile, SplitFileError, type SplitFileOptions } from './splitFile';

function labelFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-split-file-'));
  const rows = Array.from({ length: 40 }, (_, i) => `r${i},text ${i},${i % 4 === 0 ? 'yes' : 'no'},${i % 2 ? 'a' : 'b'}`);
  const file = path.join(dir, 'labels.csv');
  writeFileSync(file, ['id,text,label,device', ...rows].join('\n') + '\n');
  return file;
}

const options = (file: string, patch: Partial<SplitFileOptions> = {}): SplitFileOptions => ({
  ratios: [0.6, 0.2, 0.2],
  names: ['train', 'dev', 'test'],
  stratify: { label: 'label', slice: null },
  group: null,
  seed: 42,
  column: 'split',
  overwriteColumn: false,
  out: path.join(path.dirname(file), 'labels.split.csv'),
  overwriteFile: false,
  ...patch,
});

test('writes the input plus a split column, with the summary of the core split and the class balance', async () => {
  const file = labelFile();
  const loaded = await loadWithSettings(file);
  const result = await splitLoadedFile(file, loaded, options(file));
  const codes = loaded.dataset.codes[2]!;
  const expected = splitRows({ rowCount: 40, ratios: [0.6, 0.2, 0.2], names: ['train', 'dev', 'test'], seed: 42, label: { codes, dictionary: loaded.dataset.dictionaries[2]! } });
  assert.deepEqual(result.summary, expected.summary);
  assert.deepEqual({ ...result.summary.counts }, { train: 24, dev: 8, test: 8 });
  assert.deepEqual(result.balance.classes, ['no', 'yes']);
  assert.deepEqual(result.balance.counts, [[18, 6, 6], [6, 2, 2]]);
  assert.equal(result.balance.warnings.length, 5, 'train has 6 yes; dev and test fewer than 10 of each class');
  const lines = readFileSync(options(file).out, 'utf8').trimEnd().split('\n');
  assert.equal(lines[0], 'id,text,label,device,split');
  const input = readFileSync(file, 'utf8').trimEnd().split('\n');
  lines.slice(1).forEach((line, i) => assert.equal(line, `${input[i + 1]},${expected.summary.names[expected.assignment[i]]}`));
  const md = renderSplitMarkdown({ inputFile: 'labels.csv', outputFile: 'labels.split.csv', column: 'split', rows: 40, summary: result.summary, balance: result.balance, classColumn: 'label', stratify: { label: 'label', slice: null }, group: null });
  assert.match(md, /^# Split of labels\.csv\n\n40 rows, seed 42, stratified by label\. Written to labels\.split\.csv as column "split"\./);
  assert.match(md, /\| train \| 24 \| 60\.0% \|/);
  assert.match(md, /\| yes \| 6 \(25\.0%\) \| 2 \(25\.0%\) \| 2 \(25\.0%\) \|/);
  assert.match(md, /## Warnings\n\n- ⚠ /);
});

test('refuses the input as output, an existing column unless asked, an existing file unless confirmed, an unknown column', async () => {
  const file = labelFile();
  const loaded = await loadWithSettings(file);
  const code = async (patch: Partial<SplitFileOptions>) => {
    try {
      await splitLoadedFile(file, loaded, options(file, patch));
      return 'written';
    } catch (error) {
      assert.ok(error instanceof SplitFileError, String(error));
      return error.code;
    }
  };
  assert.equal(await code({ out: file }), 'isInput');
  assert.equal(await code({ column: 'device' }), 'columnExists');
  assert.equal(await code({ group: 'speaker' }), 'noColumn');
  assert.equal(await code({ column: 'device', overwriteColumn: true }), 'written');
  assert.equal(await code({}), 'outputExists');
  assert.equal(await code({ overwriteFile: true }), 'written');
  assert.equal(readFileSync(options(file).out, 'utf8').split('\n')[0], 'id,text,label,device,split');
});
