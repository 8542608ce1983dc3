import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { labelFixEffect } from '../../core/annotations/labelFixEffect';
import { FakeUi } from '../vscode/fakeUi';
import { applyLabelFixes, exportRelabelQueue, exportTaggedCopy, type LabelFixDocument } from './labelFixFlow';

const FILE = path.resolve('/data/speech.csv');

interface Calls {
  carried: string[];
  applied: { fixes: [string, string][]; file: string }[];
  exported: { keys: string[]; file: string }[];
  tagged: { notes: [string, string][]; file: string }[];
}

/** The label file's rows: id → label (ids a, b, c, d unless a test says otherwise). */
const LABELS = new Map([['a', 'no'], ['b', 'yes'], ['c', 'no'], ['d', 'yes']]);

function document(options: { fixes?: [string, string][]; ambiguous?: string[]; decided?: string[]; disagree?: string[]; notes?: [string, string][] } = {}): LabelFixDocument & { calls: Calls } {
  const ids = [...LABELS.keys()];
  const calls: Calls = { carried: [], applied: [], exported: [], tagged: [] };
  return {
    calls,
    file: FILE,
    labelFixes: () => options.fixes ?? [],
    ambiguousKeys: () => options.ambiguous ?? [],
    decidedKeys: () => new Set(options.decided ?? []),
    notes: () => options.notes ?? [],
    keysMatching: async (filter) => (filter.disagree ? (options.disagree ?? []) : []),
    exportRows: async (keys, file) => (calls.exported.push({ keys, file }), keys.length),
    exportTaggedCopy: async (notes, file) => (calls.tagged.push({ notes, file }), 2000),
    applyLabelFixes: async (fixes, file) => (calls.applied.push({ fixes, file }), { changed: fixes.length, missing: [] }),
    carryAnnotations: async (file) => (calls.carried.push(file), file.endsWith('-own.csv') ? 'kept' : 'carried'),
    labelFixEffect: async (fixes) => labelFixEffect(fixes, (id) => (LABELS.has(id) ? ids.indexOf(id) : undefined), (row) => LABELS.get(ids[row])!),
  };
}

describe('apply label fixes', () => {
  it('says there is nothing to apply, and asks nothing, when no label was decided', async () => {
    const ui = new FakeUi();
    await applyLabelFixes(document(), ui);
    assert.equal(ui.asked.length, 0);
    assert.match(ui.infos[0], /no label fixes yet/);
  });

  it('writes a new file next to the label file, proposed as <name>-fixed.csv, with only the fixes that change a cell', async () => {
    const doc = document({ fixes: [['a', 'yes'], ['b', 'yes'], ['c', 'yes'], ['gone', 'no']] });
    const target = path.resolve('/data/speech-fixed.csv');
    const ui = new FakeUi([{ pick: 'new' }, { save: target }]);
    await applyLabelFixes(doc, ui);
    assert.deepEqual(ui.asked.map((a) => [a.kind, a.title, a.offered]), [
      ['pick', 'Apply 2 label fixes to speech.csv', ['Write a new file…', 'Overwrite this file']],
      ['save', '', [target]],
    ]);
    assert.deepEqual(doc.calls.applied, [{ fixes: [['a', 'yes'], ['c', 'yes']], file: target }]);
    assert.deepEqual(ui.infos, ['Loupe: 2 label cells changed in speech-fixed.csv. 1 decided label already matches the file. 1 fix names an id no longer in the file and is skipped. The tags and notes of speech.csv go with it.']);
    assert.deepEqual(doc.calls.carried, [target]);
    const own = path.resolve('/data/speech-own.csv');
    const keeps = new FakeUi([{ pick: 'new' }, { save: own }]);
    await applyLabelFixes(doc, keeps);
    assert.match(keeps.infos[0], /speech-own\.csv has annotations of its own: they were kept, and speech\.csv's tags and notes were not copied\.$/);
  });

  it('asks nothing when every decided label already matches the file', async () => {
    const doc = document({ fixes: [['b', 'yes'], ['d', 'yes']] });
    const ui = new FakeUi();
    await applyLabelFixes(doc, ui);
    assert.equal(ui.asked.length, 0);
    assert.deepEqual(ui.infos, ['Loupe: no label cell to change in speech.csv. 2 decided labels already match the file.']);
    assert.equal(doc.calls.applied.length, 0);
  });

  it('overwrites the label file only once confirmed', async () => {
    const doc = document({ fixes: [['a', 'yes']] });
    const declined = new FakeUi([{ pick: 'same' }, { confirm: false }]);
    await applyLabelFixes(doc, declined);
    assert.equal(doc.calls.applied.length, 0);
    assert.deepEqual(declined.infos, []);
    const confirmed = new FakeUi([{ pick: 'same' }, { confirm: true }]);
    await applyLabelFixes(doc, confirmed);
    assert.deepEqual(doc.calls.applied.map((c) => c.file), [FILE]);
    assert.deepEqual(doc.calls.carried, [], 'the file keeps its own sidecar');
  });

  it('asks before overwriting when the save dialog names the label file itself', async () => {
    const doc = document({ fixes: [['a', 'yes']] });
    const ui = new FakeUi([{ pick: 'new' }, { save: FILE }, { confirm: false }]);
    await applyLabelFixes(doc, ui);
    assert.deepEqual(ui.asked.map((a) => a.kind), ['pick', 'save', 'confirm']);
    assert.equal(doc.calls.applied.length, 0);
  });

  it('does nothing when the choice or the dialog is dismissed', async () => {
    const doc = document({ fixes: [['a', 'yes']] });
    await applyLabelFixes(doc, new FakeUi([{ pick: undefined }]));
    await applyLabelFixes(doc, new FakeUi([{ pick: 'new' }, { save: undefined }]));
    assert.equal(doc.calls.applied.length, 0);
  });
});

describe('export the relabel queue', () => {
  it('exports undecided disagreements and ambiguous examples once each', async () => {
    const doc = document({ disagree: ['a', 'b', 'c'], decided: ['b'], ambiguous: ['c', 'd'] });
    const target = path.resolve('/data/queue.csv');
    const ui = new FakeUi([{ save: target }]);
    await exportRelabelQueue(doc, ui);
    assert.equal(ui.asked[0].offered[0], path.resolve('/data/speech-relabel-queue.csv'));
    assert.deepEqual(doc.calls.exported, [{ keys: ['a', 'c', 'd'], file: target }]);
    assert.deepEqual(ui.infos, ['Loupe: 3 examples to relabel written to queue.csv.']);
  });

  it('says there is nothing to relabel without asking for a file', async () => {
    const ui = new FakeUi();
    await exportRelabelQueue(document({ disagree: ['a'], decided: ['a'] }), ui);
    assert.equal(ui.asked.length, 0);
    assert.match(ui.infos[0], /nothing to relabel/);
  });

  it('never writes over the label file', async () => {
    const doc = document({ disagree: ['a'] });
    const ui = new FakeUi([{ save: FILE }]);
    await exportRelabelQueue(doc, ui);
    assert.equal(doc.calls.exported.length, 0);
    assert.match(ui.errors[0], /cannot replace the label file itself \(speech\.csv\)/);
  });
});

describe('export a tagged copy', () => {
  it('writes the copy with the notes, under a progress notification', async () => {
    const doc = document({ notes: [['a', 'muffled']] });
    const target = path.resolve('/data/speech-tagged.csv');
    const ui = new FakeUi([{ save: target }]);
    await exportTaggedCopy(doc, ui);
    assert.equal(ui.asked[0].offered[0], target);
    assert.deepEqual(doc.calls.tagged, [{ notes: [['a', 'muffled']], file: target }]);
    assert.deepEqual(ui.progressTitles, ['Loupe: exporting a tagged copy…']);
    assert.match(ui.infos[0], /^Loupe: 2,000 rows with one true\/false column per tag written to speech-tagged\.csv/);
  });

  it('never writes over the label file', async () => {
    const doc = document();
    const ui = new FakeUi([{ save: FILE }]);
    await exportTaggedCopy(doc, ui);
    assert.equal(doc.calls.tagged.length, 0);
    assert.equal(ui.errors.length, 1);
  });
});
