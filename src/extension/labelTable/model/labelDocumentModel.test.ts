import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Annotation, AnnotationEdit } from '../../../core/annotations/annotations';
import { parseSidecar, serializeSidecar } from '../../../core/annotations/sidecar';
import { MemoryFileAccess } from '../../../node/memoryFileAccess';
import { CatalogUnreadableError } from '../../../node/tagCatalogFile';
import { LabelDocumentModel, type DatasetRows } from './labelDocumentModel';

const ROOT = path.resolve('/ws');
const DATASET = path.join(ROOT, 'data', 'labels.csv');
const JOURNAL = path.resolve('/storage/unsaved/labels.json');
const HEADER = { loupe: 'annotations' as const, version: 1, dataset: 'data/labels.csv', key: 'id' };

function sidecarText(entries: [string, Annotation][]): string {
  return serializeSidecar(HEADER, entries);
}

/** The files, the rows and what the model reported, around one label file. */
function harness(fileTags: Record<string, string[]> = {}) {
  const files = new MemoryFileAccess();
  files.writeText(DATASET, 'id,label,pred\na,cat,dog\nb,dog,dog\nc,cat,cat\n');
  const log = { edits: [] as AnnotationEdit[], warnings: [] as string[], changes: 0, catalogChanges: 0, problemChanges: 0 };
  const rows: DatasetRows = {
    keyColumn: () => 'id',
    fileTags: async (keys) => Object.fromEntries(keys.filter((k) => fileTags[k]).map((k) => [k, fileTags[k]])),
    keysWithTag: async (tag) => Object.keys(fileTags).filter((k) => fileTags[k].includes(tag)),
  };
  const open = (backupFile?: string) =>
    LabelDocumentModel.open({
      dataset: DATASET,
      root: ROOT,
      files,
      rows,
      journalFile: JOURNAL,
      backupFile,
      journalDelayMs: 60_000,
      events: {
        edited: (edit) => log.edits.push(edit),
        annotationsChanged: () => void log.changes++,
        catalogChanged: () => void log.catalogChanges++,
        sidecarProblemsChanged: () => void log.problemChanges++,
        warn: (message) => log.warnings.push(message),
      },
    });
  return { files, log, open };
}

const tagsOf = (model: LabelDocumentModel, key: string) => [...(model.annotations.get(key)?.tags ?? [])];
const onDisk = (files: MemoryFileAccess, file: string) => Object.fromEntries(parseSidecar(files.text(file) ?? '').entries.map(([k, a]) => [k, a.tags]));
const backupsOf = (files: MemoryFileAccess, file: string) => [...files.files.keys()].filter((f) => f.startsWith(`${file}.`) && f.endsWith('.bak'));

describe('LabelDocumentModel: edits', () => {
  it('applies an edit once, reports it, and undoes and redoes it exactly', async () => {
    const { log, open } = harness({ b: ['blurry'] });
    const model = await open();
    await model.toggleTag(['a', 'b'], 'car noise', true);
    assert.equal(log.edits.length, 1);
    assert.deepEqual(tagsOf(model, 'a'), ['car noise']);
    assert.deepEqual(tagsOf(model, 'b'), ['blurry', 'car noise'], 'starts from the tags in the file');
    assert.equal(model.isModified(), true);
    await model.undo(log.edits[0]);
    assert.equal(model.annotations.size, 0);
    assert.equal(model.isModified(), false);
    await model.redo(log.edits[0]);
    assert.deepEqual(tagsOf(model, 'b'), ['blurry', 'car noise']);
    assert.equal(log.edits.length, 1, 'undo and redo are not new edits');
    assert.equal(log.changes, 3);
  });

  it('a note and a review decision are edits too; an edit that changes nothing is not', async () => {
    const { log, open } = harness();
    const model = await open();
    await model.setNote('a', 'muffled');
    await model.review(['b', 'c'], { label: 'cat' });
    await model.toggleTag(['a'], 'x', false);
    assert.deepEqual(log.edits.map((e) => e.label), [log.edits[0].label, 'Set label "cat" on 2 rows']);
    assert.equal(model.annotations.get('a')?.note, 'muffled');
    assert.deepEqual(model.labelFixes(), [['b', 'cat'], ['c', 'cat']]);
  });

  it('a tag rename is undone and redone on the rows and in tags.json', async () => {
    const { files, log, open } = harness();
    const model = await open();
    await model.toggleTag(['a'], 'blurry', true);
    await model.setTagWeight('blurry', 'ease', 3);
    assert.equal(await model.replaceTag('blurry', 'muffled'), 1);
    assert.deepEqual(tagsOf(model, 'a'), ['muffled']);
    const names = () => (JSON.parse(files.text(model.tagsFile)!) as { tags: { name: string; ease?: number }[] }).tags.map((t) => `${t.name}:${t.ease ?? 1}`);
    assert.deepEqual(names(), ['muffled:3']);
    await model.undo(log.edits[1]);
    assert.deepEqual(tagsOf(model, 'a'), ['blurry']);
    assert.deepEqual(names(), ['blurry:3']);
    await model.redo(log.edits[1]);
    assert.deepEqual(names(), ['muffled:3']);
  });
});

describe('LabelDocumentModel: tag keys', () => {
  const keysOnDisk = (files: MemoryFileAccess, file: string) => Object.fromEntries((JSON.parse(files.text(file)!) as { tags: { name: string; hotkey?: string | null }[] }).tags.map((t) => [t.name, t.hotkey]));

  it('a new tag is listed in tags.json at once with the smallest free key, which it keeps after reopening', async () => {
    const { files, open } = harness({ c: ['from file'] });
    const model = await open();
    await model.toggleTag(['b'], 'far field', true);
    await model.toggleTag(['a'], 'music', true);
    assert.deepEqual(keysOnDisk(files, model.tagsFile), { 'far field': '1', music: '2' }, 'before any save');
    await model.save();
    const again = await open();
    assert.deepEqual(again.tagList(['from file']), [
      { name: 'far field', key: '1', source: 'loupe' },
      { name: 'music', key: '2', source: 'loupe' },
      { name: 'from file', key: '3', source: 'file' },
    ]);
  });

  it('lists a tag once when the file\'s tags column spells it otherwise, and says where each comes from', async () => {
    const { open } = harness({ c: ['Far Field', 'from file'] });
    const model = await open();
    await model.toggleTag(['a'], 'far field', true);
    await model.toggleTag(['b'], 'music', true);
    assert.deepEqual(model.tagList(['Far Field ', 'from file']), [
      { name: 'far field', key: '1', source: 'both' },
      { name: 'music', key: '2', source: 'loupe' },
      { name: 'from file', key: '3', source: 'file' },
    ]);
  });

  it('setting a key swaps it with the tag that had it; removing the tag frees it for the next new tag', async () => {
    const { files, open } = harness();
    const model = await open();
    await model.toggleTag(['a'], 'far field', true);
    await model.toggleTag(['a'], 'music', true);
    await model.setTagKey('music', '1');
    assert.deepEqual(keysOnDisk(files, model.tagsFile), { 'far field': '2', music: '1' });
    await model.setTagKey('music', null);
    await model.replaceTag('far field', null);
    await model.toggleTag(['b'], 'reverb', true);
    assert.deepEqual(keysOnDisk(files, model.tagsFile), { music: null, reverb: '1' });
  });
});

describe('LabelDocumentModel: save', () => {
  it('writes the sidecar sorted by key, lists new tags in tags.json, and is clean after', async () => {
    const { files, log, open } = harness();
    const model = await open();
    await model.toggleTag(['c'], 'blurry', true);
    await model.toggleTag(['a'], 'car noise', true);
    await model.flushJournal();
    assert.ok(files.text(JOURNAL), 'unsaved edits are journaled');
    await model.save();
    const text = files.text(model.sidecarFile)!;
    assert.deepEqual(JSON.parse(text.split('\n')[0]), HEADER);
    assert.deepEqual(Object.keys(onDisk(files, model.sidecarFile)), ['a', 'c']);
    assert.deepEqual(model.catalog.tags.map((t) => t.name), ['blurry', 'car noise']);
    assert.ok(files.text(path.join(ROOT, '.loupe', '.gitignore')));
    assert.equal(model.isModified(), false);
    assert.equal(files.text(JOURNAL), undefined, 'the journal goes with the save');
    assert.equal(log.warnings.length, 0);
  });

  it('save as copies the label file and writes the annotations beside the copy, leaving its own sidecar alone', async () => {
    const { files, open } = harness();
    const model = await open();
    await model.toggleTag(['b'], 'blurry', true);
    const target = path.join(ROOT, 'data', 'copy.csv');
    await model.saveAs(target, ROOT);
    assert.equal(files.text(target), files.text(DATASET));
    const copySidecar = path.join(ROOT, '.loupe', 'annotations', 'data', 'copy.csv.jsonl');
    assert.deepEqual(onDisk(files, copySidecar), { b: ['blurry'] });
    assert.equal(JSON.parse(files.text(copySidecar)!.split('\n')[0]).dataset, 'data/copy.csv');
    assert.equal(files.text(model.sidecarFile), undefined);
  });

  it('a journal write under way when saving cannot bring the journal back afterwards', async () => {
    const { files, open } = harness();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const write = files.writeAtomic.bind(files);
    files.writeAtomic = async (file, content) => {
      if (file === JOURNAL) await gate;
      return write(file, content);
    };
    const model = await open();
    await model.toggleTag(['a'], 'blurry', true);
    const journaling = model.flushJournal();
    const saving = model.save();
    setTimeout(release, 10);
    await Promise.all([journaling, saving]);
    assert.equal(files.text(JOURNAL), undefined);
  });
});

describe('LabelDocumentModel: the sidecar changed on disk', () => {
  it('merges three ways on save: both sides kept, a key changed on both sides gets the union of tags and a warning', async () => {
    const { files, log, open } = harness();
    files.writeText(path.join(ROOT, '.loupe', 'annotations', 'data', 'labels.csv.jsonl'), sidecarText([['a', { tags: ['blurry'] }]]));
    const model = await open();
    await model.toggleTag(['b'], 'car noise', true);
    await model.toggleTag(['a'], 'muffled', true);
    files.writeText(model.sidecarFile, sidecarText([['a', { tags: ['blurry', 'echo'] }], ['c', { tags: ['echo'] }]]));
    const changesBefore = log.changes;
    await model.save();
    assert.deepEqual(onDisk(files, model.sidecarFile), { a: ['blurry', 'muffled', 'echo'], b: ['car noise'], c: ['echo'] });
    assert.deepEqual(tagsOf(model, 'c'), ['echo'], 'the document shows what was written');
    assert.ok(log.changes > changesBefore);
    assert.equal(log.warnings.length, 1);
    assert.match(log.warnings[0], /changed on disk while you edited them.*1 example/);
    assert.equal(model.isModified(), false);
  });

  it('follows a change on disk when nothing is unsaved, and never drops unsaved edits', async () => {
    const { files, open } = harness();
    const model = await open();
    files.writeText(model.sidecarFile, sidecarText([['c', { tags: ['echo'] }]]));
    await model.sidecarChangedOnDisk(false);
    assert.deepEqual(tagsOf(model, 'c'), ['echo']);
    await model.toggleTag(['a'], 'blurry', true);
    files.writeText(model.sidecarFile, sidecarText([['b', { tags: ['hum'] }]]));
    await model.sidecarChangedOnDisk(false);
    assert.deepEqual(tagsOf(model, 'a'), ['blurry'], 'modified: kept');
    await model.sidecarChangedOnDisk(true);
    assert.deepEqual(tagsOf(model, 'a'), ['blurry'], 'dirty: kept');
    await model.save();
    // c was removed on disk and left alone here: the merge removes it.
    assert.deepEqual(onDisk(files, model.sidecarFile), { a: ['blurry'], b: ['hum'] });
  });

  it('revert drops unsaved edits, reads the file as it is now and forgets the journal', async () => {
    const { files, log, open } = harness();
    const model = await open();
    await model.toggleTag(['a'], 'blurry', true);
    await model.flushJournal();
    files.writeText(model.sidecarFile, sidecarText([['b', { tags: ['hum'] }]]));
    await model.revert();
    assert.deepEqual([...model.annotations.entries()].map(([k]) => k), ['b']);
    assert.equal(model.isModified(), false);
    assert.equal(files.text(JOURNAL), undefined);
    assert.equal(log.problemChanges, 1);
  });
});

describe('LabelDocumentModel: restoring unsaved edits', () => {
  it('restores edits from the journal, merged into a sidecar that changed since', async () => {
    const { files, open } = harness();
    const first = await open();
    await first.toggleTag(['a'], 'blurry', true);
    await first.flushJournal();
    files.writeText(first.sidecarFile, sidecarText([['b', { tags: ['hum'] }]]));
    const again = await open();
    assert.equal(again.restoredFromBackup, true);
    assert.deepEqual(tagsOf(again, 'a'), ['blurry']);
    assert.deepEqual(tagsOf(again, 'b'), ['hum']);
    assert.equal(again.isModified(), true);
  });

  it("prefers VS Code's hot-exit backup to the journal", async () => {
    const { files, open } = harness();
    const model = await open();
    await model.toggleTag(['a'], 'from backup', true);
    const backup = path.resolve('/backups/1');
    await model.writeBackup(backup);
    await model.toggleTag(['b'], 'from journal', true);
    await model.flushJournal();
    const again = await open(backup);
    assert.deepEqual(tagsOf(again, 'a'), ['from backup']);
    assert.deepEqual(tagsOf(again, 'b'), []);
    await again.deleteBackup(backup);
    assert.equal(files.text(backup), undefined);
  });

  it('a backup that cannot be read is reported and left in place; the saved annotations are shown', async () => {
    const { files, log, open } = harness();
    files.writeText(path.join(ROOT, '.loupe', 'annotations', 'data', 'labels.csv.jsonl'), sidecarText([['a', { tags: ['blurry'] }]]));
    files.writeText(JOURNAL, '{"loupeBackup":1,');
    const model = await open();
    assert.equal(model.restoredFromBackup, false);
    assert.deepEqual(tagsOf(model, 'a'), ['blurry']);
    assert.match(log.warnings[0], /cannot be read/);
    assert.equal(files.text(JOURNAL), '{"loupeBackup":1,');
  });
});

describe('LabelDocumentModel: files Loupe cannot read', () => {
  it('a sidecar with broken lines is kept as .bak before the save writes over it, and the user is told', async () => {
    const { files, log, open } = harness();
    const sidecar = path.join(ROOT, '.loupe', 'annotations', 'data', 'labels.csv.jsonl');
    const broken = `${sidecarText([['a', { tags: ['blurry'] }]])}{"key": "b", "tags": [\n`;
    files.writeText(sidecar, broken);
    const model = await open();
    assert.ok(model.sidecarProblems.length > 0);
    await model.toggleTag(['c'], 'echo', true);
    await model.save();
    const copies = backupsOf(files, sidecar);
    assert.equal(copies.length, 1);
    assert.equal(files.text(copies[0]), broken);
    assert.match(log.warnings.join('\n'), /unreadable line.*kept as labels\.csv\.jsonl\..*\.bak/);
    assert.deepEqual(onDisk(files, sidecar), { a: ['blurry'], c: ['echo'] });
    assert.equal(model.sidecarProblems.length, 0);
  });

  it('a sidecar that cannot be read at all is reported and never written over', async () => {
    const { files, open } = harness();
    const sidecar = path.join(ROOT, '.loupe', 'annotations', 'data', 'labels.csv.jsonl');
    files.writeText(sidecar, sidecarText([['a', { tags: ['blurry'] }]]));
    files.failRead.add(sidecar);
    const model = await open();
    assert.equal(model.sidecarProblems[0]?.kind, 'unreadable');
    await model.toggleTag(['c'], 'echo', true);
    await assert.rejects(model.save(), /EACCES/);
    assert.deepEqual(onDisk(files, sidecar), { a: ['blurry'] });
    assert.equal(model.isModified(), true);
  });

  it('a tags.json that cannot be parsed is never written over: the sidecar is saved, a copy kept, the user told', async () => {
    const { files, log, open } = harness();
    const tags = path.join(ROOT, '.loupe', 'tags.json');
    files.writeText(tags, '{"version": 1, "tags": [');
    const model = await open();
    await model.toggleTag(['a'], 'blurry', true);
    await model.save();
    assert.deepEqual(onDisk(files, model.sidecarFile), { a: ['blurry'] });
    assert.equal(files.text(tags), '{"version": 1, "tags": [');
    assert.equal(backupsOf(files, tags).length, 1);
    assert.match(log.warnings[0], /tags\.json:1:25: .*default tag weights are used until it is fixed/, 'told once when the file opens');
    assert.match(log.warnings[1], /tags\.json was not updated.*New tags \(blurry\)/);
    await assert.rejects(model.setTagWeight('blurry', 'ease', 2), CatalogUnreadableError);
    await model.replaceTag('blurry', 'muffled');
    assert.equal(files.text(tags), '{"version": 1, "tags": [');
    assert.match(log.warnings[2], /tags\.json was not updated/);
    assert.equal(backupsOf(files, tags).length, 1, 'the same content is copied once');
  });
});

describe('LabelDocumentModel: carrying annotations to a fixed copy', () => {
  const FIXED = path.join(ROOT, 'data', 'labels-fixed.csv');
  const fixedSidecar = path.join(ROOT, '.loupe', 'annotations', 'data', 'labels-fixed.csv.jsonl');

  it('gives the new file the tags, notes and ambiguity marks (unsaved ones too), not the decided labels', async () => {
    const { files, open } = harness();
    const model = await open();
    await model.toggleTag(['a'], 'car noise', true);
    await model.setNote('b', 'muffled');
    await model.review(['c'], { label: 'dog', ambiguous: true });
    assert.equal(await model.carryAnnotationsTo(FIXED), 'carried');
    const carried = parseSidecar(files.text(fixedSidecar) ?? '');
    assert.equal(carried.header?.dataset, 'data/labels-fixed.csv');
    assert.deepEqual(Object.fromEntries(carried.entries.map(([k, a]) => [k, { ...a }])), { a: { tags: ['car noise'] }, b: { note: 'muffled' }, c: { ambiguous: true } });
  });

  it('never writes over annotations the new file already has, and writes nothing when there is nothing to carry', async () => {
    const { files, open } = harness();
    const model = await open();
    assert.equal(await model.carryAnnotationsTo(FIXED), 'nothing');
    assert.equal(files.text(fixedSidecar), undefined);
    files.writeText(fixedSidecar, '{"loupe":"annotations","version":1,"dataset":"data/labels-fixed.csv","key":"id"}\n{"id":"z","tags":["mine"]}\n');
    await model.toggleTag(['a'], 'car noise', true);
    assert.equal(await model.carryAnnotationsTo(FIXED), 'kept');
    assert.match(files.text(fixedSidecar) ?? '', /"mine"/);
  });
});
