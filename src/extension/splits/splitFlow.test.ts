import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import type { ColumnInfo } from '../../core/dataset/dataset';
import { askSplitOptions, type PickItem, type SplitEffects } from './splitFlow';
import { checkColumnName, defaultNames, defaultOutputPath, isInputPath, parseNames, parseRatios, parseSeed } from './splitOptions';

const COLUMNS: ColumnInfo[] = [
  { index: 0, name: 'id', role: 'id', kind: 'key' },
  { index: 1, name: 'text', role: 'input', kind: 'text' },
  { index: 2, name: 'label', role: 'label', kind: 'categorical' },
  { index: 3, name: 'device', role: 'slice', kind: 'categorical' },
  { index: 4, name: 'speaker', role: 'other', kind: 'categorical' },
];

test('sizes: commas, slashes or spaces; numbers ≥ 0 with one above 0', () => {
  assert.deepEqual(parseRatios('0.6,0.2,0.2'), [0.6, 0.2, 0.2]);
  assert.deepEqual(parseRatios(' 60 / 20 / 20 '), [60, 20, 20]);
  assert.match(parseRatios('') as string, /Type the split sizes/);
  assert.match(parseRatios('0.6,x') as string, /numbers ≥ 0/);
  assert.match(parseRatios('0.6,-1') as string, /numbers ≥ 0/);
  assert.match(parseRatios('0,0') as string, /above 0/);
  assert.match(parseRatios('Infinity,1') as string, /numbers ≥ 0/);
});

test('names: one distinct, non-empty name per size; defaults by count', () => {
  assert.deepEqual(defaultNames(2), ['train', 'test']);
  assert.deepEqual(defaultNames(3), ['train', 'dev', 'test']);
  assert.deepEqual(defaultNames(4), ['split1', 'split2', 'split3', 'split4']);
  assert.deepEqual(parseNames('train, dev ,test', 3), ['train', 'dev', 'test']);
  assert.match(parseNames('train,test', 3) as string, /Give 3 names/);
  assert.match(parseNames('train,,test', 3) as string, /cannot be empty/);
  assert.match(parseNames('a,a,b', 3) as string, /distinct/);
});

test('seed: a 32-bit whole number', () => {
  assert.equal(parseSeed(' 7 '), 7);
  assert.equal(parseSeed('4294967295'), 4294967295);
  assert.match(parseSeed('1.5') as string, /whole number/);
  assert.match(parseSeed('4294967296') as string, /32-bit/);
  assert.match(parseSeed('') as string, /whole number/);
});

test('column name and output path', () => {
  assert.match(checkColumnName('  ') ?? '', /needs a name/);
  assert.match(checkColumnName('a\nb') ?? '', /one line/);
  assert.equal(checkColumnName('fold'), undefined);
  assert.equal(defaultOutputPath('/w/data/labels.csv'), path.join('/w/data', 'labels.split.csv'));
  assert.equal(defaultOutputPath('/w/data/labels.tsv'), path.join('/w/data', 'labels.split.tsv'));
  assert.ok(isInputPath('/w/data/labels.csv', '/w/data/../data/labels.csv'));
  assert.ok(!isInputPath('/w/data/labels.csv', '/w/data/labels.split.csv'));
});

/** Fake prompts: answers in order; every prompt's validation and items are recorded. */
function fakeEffects(answers: { ask: (string | undefined)[]; pick: ((items: PickItem<unknown>[]) => unknown)[]; saveAs: (string | undefined)[]; confirm?: boolean[] }) {
  const log: string[] = [];
  const effects: SplitEffects = {
    ask: async (p) => {
      const answer = answers.ask.shift();
      if (answer !== undefined) assert.equal(p.validate(answer), undefined, `${p.prompt}: ${answer} is valid`);
      log.push(`ask ${p.value}`);
      return answer;
    },
    pick: async <T>(p: { items: PickItem<T>[] }) => {
      log.push(`pick ${p.items.map((i) => i.label).join(' | ')}`);
      return answers.pick.shift()!(p.items as PickItem<unknown>[]) as T | undefined;
    },
    saveAs: async (defaultPath) => {
      log.push(`save ${defaultPath}`);
      return answers.saveAs.shift();
    },
    confirm: async (message) => {
      log.push(`confirm ${message}`);
      return answers.confirm?.shift() ?? false;
    },
    warn: (message) => void log.push(`warn ${message}`),
  };
  return { effects, log };
}

const byLabel = (label: string) => (items: PickItem<unknown>[]) => items.find((i) => i.label === label)!.value;

test('the defaults: 60/20/20 train/dev/test, stratified by label, seed 42, column "split", a new file beside the input', async () => {
  const { effects, log } = fakeEffects({ ask: ['0.6,0.2,0.2', 'train,dev,test', '42', 'split'], pick: [byLabel('By label'), byLabel('No group column')], saveAs: ['/w/labels.split.csv'] });
  const options = await askSplitOptions('/w/labels.csv', COLUMNS, effects);
  assert.deepEqual(options, { ratios: [0.6, 0.2, 0.2], names: ['train', 'dev', 'test'], stratify: { label: 'label', slice: null }, group: null, seed: 42, column: 'split', overwriteColumn: false, out: '/w/labels.split.csv', overwriteFile: true });
  assert.deepEqual(log.slice(0, 2), ['ask 0.6,0.2,0.2', 'ask train,dev,test']);
  assert.match(log[2], /^pick By label \| By label × device \| By label × speaker \| Not stratified$/);
  assert.match(log[3], /^pick No group column \| text \| device \| speaker$/, 'an id (one row per group) and the label are never offered as groups');
  assert.ok(log.includes(`save ${path.join('/w', 'labels.split.csv')}`));
});

test('a slice, a group, two splits; names follow the number of sizes', async () => {
  const { effects, log } = fakeEffects({ ask: ['80,20', 'train,test', '7', 'fold'], pick: [byLabel('By label × device'), byLabel('speaker')], saveAs: ['/w/out.csv'] });
  const options = await askSplitOptions('/w/labels.csv', COLUMNS, effects);
  assert.deepEqual([options?.stratify, options?.group, options?.seed, options?.column, options?.names], [{ label: 'label', slice: 'device' }, 'speaker', 7, 'fold', ['train', 'test']]);
  assert.equal(log[1], 'ask train,test');
});

test('an existing column is replaced only when the user confirms; otherwise the name is asked again', async () => {
  const columns = [...COLUMNS, { index: 5, name: 'split', role: 'slice', kind: 'categorical' } as ColumnInfo];
  const { effects, log } = fakeEffects({ ask: ['0.5,0.5', 'train,test', '1', 'split', 'split'], pick: [byLabel('Not stratified'), byLabel('No group column')], saveAs: ['/w/o.csv'], confirm: [false, true] });
  const options = await askSplitOptions('/w/labels.csv', columns, effects);
  assert.equal(log.find((l) => l.startsWith('ask split')), 'ask split_2', 'the suggested name is free');
  assert.equal(log.filter((l) => l.startsWith('confirm')).length, 2);
  assert.deepEqual([options?.column, options?.overwriteColumn, options?.stratify], ['split', true, { label: null, slice: null }]);
});

test('the input is never the output: the save dialog is shown again', async () => {
  const { effects, log } = fakeEffects({ ask: ['1,1', 'a,b', '1', 'split'], pick: [byLabel('By label'), byLabel('No group column')], saveAs: ['/w/labels.csv', '/w/new.csv'] });
  const options = await askSplitOptions('/w/labels.csv', COLUMNS, effects);
  assert.equal(options?.out, '/w/new.csv');
  assert.ok(log.some((l) => l.startsWith('warn A split never rewrites its input')));
});

test('Escape at any prompt cancels the command', async () => {
  for (let stop = 0; stop < 7; stop++) {
    const ask: (string | undefined)[] = ['0.6,0.2,0.2', 'train,dev,test', '42', 'split'];
    const pick = [byLabel('By label'), byLabel('No group column')];
    const saveAs: (string | undefined)[] = ['/w/o.csv'];
    // Prompts in order: ask, ask, pick, pick, ask, ask, save.
    const order = ['ask', 'ask', 'pick', 'pick', 'ask', 'ask', 'save'] as const;
    const kind = order[stop];
    const index = order.slice(0, stop).filter((k) => k === kind).length;
    if (kind === 'ask') ask[index] = undefined;
    else if (kind === 'pick') pick[index] = () => undefined;
    else saveAs[index] = undefined;
    const { effects } = fakeEffects({ ask, pick, saveAs });
    assert.equal(await askSplitOptions('/w/labels.csv', COLUMNS, effects), undefined, `cancelled at prompt ${stop + 1}`);
  }
});

test('a file without a label column offers only a random split', async () => {
  const { effects, log } = fakeEffects({ ask: ['1,1', 'train,test', '1', 'split'], pick: [byLabel('Not stratified'), byLabel('No group column')], saveAs: ['/w/o.csv'] });
  await askSplitOptions('/w/x.csv', COLUMNS.filter((c) => c.role !== 'label'), effects);
  assert.equal(log[2], 'pick Not stratified');
});
