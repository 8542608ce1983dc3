import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnnotationSet } from './annotations';
import { parseSidecar, serializeSidecar } from './sidecar';

describe('AnnotationSet', () => {
  it('toggles tags on several keys as one undoable edit', () => {
    const set = new AnnotationSet([['a', { tags: ['blurry'] }]]);
    const edit = set.toggleTag(['a', 'b', 'b'], 'car noise', true)!;
    assert.equal(edit.changes.length, 2);
    assert.equal(edit.label, 'Tag 2 rows "car noise"');
    set.redo(edit);
    assert.deepEqual(set.get('a')?.tags, ['blurry', 'car noise']);
    assert.deepEqual(set.get('b')?.tags, ['car noise']);
    set.undo(edit);
    assert.deepEqual(set.get('a')?.tags, ['blurry']);
    assert.equal(set.get('b'), undefined);
  });

  it('returns no edit when nothing would change', () => {
    const set = new AnnotationSet([['a', { tags: ['x'] }]]);
    assert.equal(set.toggleTag(['a'], 'x', true), undefined);
    assert.equal(set.toggleTag(['b'], 'x', false), undefined);
    assert.equal(set.setNote('b', '  '), undefined);
  });

  it('drops an example whose last tag and note are removed', () => {
    const set = new AnnotationSet();
    set.redo(set.toggleTag(['a'], 'x', true)!);
    set.redo(set.setNote('a', 'check the audio')!);
    set.redo(set.toggleTag(['a'], 'x', false)!);
    assert.deepEqual(set.get('a'), { note: 'check the audio' });
    set.redo(set.setNote('a', '')!);
    assert.equal(set.size, 0);
  });
});

describe('tags from the file', () => {
  const fileTags = (key: string) => (key === 'a' ? ['car noise'] : []);

  it('starts from the file\'s tags and overrides them only when they change', () => {
    const set = new AnnotationSet();
    assert.deepEqual(set.tagsOf('a', fileTags), ['car noise']);
    const add = set.toggleTag(['a'], 'blurry', true, fileTags)!;
    set.redo(add);
    assert.deepEqual(set.get('a'), { tags: ['car noise', 'blurry'] });
    set.redo(set.toggleTag(['a'], 'blurry', false, fileTags)!);
    assert.equal(set.get('a'), undefined, 'back to the file\'s tags: nothing to keep');
    set.redo(set.toggleTag(['a'], 'car noise', false, fileTags)!);
    assert.deepEqual(set.get('a'), { tags: [] }, 'removing a file tag is kept as an empty override');
    assert.deepEqual(set.tagsOf('a', fileTags), []);
  });

  it('splits tag cells on ; and |', async () => {
    const { splitTagCell } = await import('./annotations');
    assert.deepEqual(splitTagCell(' car noise; blurry |car noise'), ['car noise', 'blurry']);
    assert.deepEqual(splitTagCell(''), []);
  });

  it('renames, merges and deletes a tag across examples as one undoable edit', () => {
    const set = new AnnotationSet([
      ['b', { tags: ['blurry', 'car noise'] }],
      ['c', { tags: ['blurry'], note: 'keep me' }],
    ]);
    const rename = set.replaceTag(['a', 'b', 'c'], 'car noise', 'car', fileTags)!;
    set.redo(rename);
    assert.deepEqual([set.get('a')?.tags, set.get('b')?.tags], [['car'], ['blurry', 'car']]);
    const merge = set.replaceTag(['a', 'b', 'c'], 'blurry', 'car', fileTags)!;
    set.redo(merge);
    assert.deepEqual([set.get('b')?.tags, set.get('c')?.tags], [['car'], ['car']]);
    const remove = set.replaceTag(['a', 'b', 'c'], 'car', null, fileTags)!;
    set.redo(remove);
    assert.deepEqual(set.get('c'), { note: 'keep me' }, 'no tags left, same as the file: no override kept');
    for (const edit of [remove, merge, rename]) set.undo(edit);
    assert.deepEqual([set.get('a'), set.get('b')?.tags, set.get('c')?.tags], [undefined, ['blurry', 'car noise'], ['blurry']]);
  });

  it('records review decisions as one undoable edit', () => {
    const set = new AnnotationSet([['a', { tags: ['x'] }]]);
    const edit = set.setReview(['a', 'b'], { label: 'yes' }, 'Fix label')!;
    set.redo(edit);
    assert.deepEqual(set.get('a'), { tags: ['x'], label: 'yes' });
    assert.deepEqual(set.get('b'), { label: 'yes' });
    set.undo(edit);
    assert.deepEqual(set.get('a'), { tags: ['x'] });
    assert.equal(set.get('b'), undefined);
  });
});

describe('sidecar format', () => {
  it('writes a header then one sorted line per example, and reads it back', () => {
    const text = serializeSidecar({ loupe: 'annotations', version: 1, dataset: 'speech.csv', key: 'id' }, [
      ['utt-2', { tags: ['car noise'] }],
      ['utt-10', { tags: ['blurry', 'car noise'], note: 'say "hi"\nagain' }],
    ]);
    assert.equal(
      text,
      '{"loupe":"annotations","version":1,"dataset":"speech.csv","key":"id"}\n' +
        '{"id":"utt-10","tags":["blurry","car noise"],"note":"say \\"hi\\"\\nagain"}\n' +
        '{"id":"utt-2","tags":["car noise"]}\n',
    );
    const parsed = parseSidecar(text);
    assert.equal(parsed.problems.length, 0);
    assert.equal(parsed.header?.key, 'id');
    assert.deepEqual(parsed.entries, [
      ['utt-10', { tags: ['blurry', 'car noise'], note: 'say "hi"\nagain' }],
      ['utt-2', { tags: ['car noise'] }],
    ]);
  });

  it('keys by row number, sorted numerically, when there is no id column', () => {
    const text = serializeSidecar({ loupe: 'annotations', version: 1, dataset: 'x.csv', key: null }, [
      ['10', { tags: ['a'] }],
      ['9', { tags: ['b'] }],
    ]);
    assert.deepEqual(text.split('\n').slice(1, 3), ['{"row":9,"tags":["b"]}', '{"row":10,"tags":["a"]}']);
    assert.deepEqual(parseSidecar(text).entries.map(([k]) => k), ['9', '10']);
  });

  it('reports malformed lines with their number and loads the rest', () => {
    const text = [
      '{"loupe":"annotations","version":1,"dataset":"x.csv","key":"id"}',
      '{"id":"a","tags":["ok"]}',
      '{"id":"b","tags":[',
      '{"tags":["no key"]}',
      '{"id":"c","tags":"not a list"}',
      '{"id":"d","tags":["fine"],"reviewedBy":"ana"}',
    ].join('\n');
    const parsed = parseSidecar(text);
    assert.deepEqual(parsed.problems.map((p) => p.line), [3, 4, 5]);
    assert.match(parsed.problems[0].message, /not valid JSON/);
    assert.deepEqual(parsed.entries.map(([k]) => k), ['a', 'd']);
    assert.deepEqual({ ...parsed.entries[1][1].extra }, { reviewedBy: 'ana' });
  });

  it('keeps fields it does not know when writing back', () => {
    const parsed = parseSidecar('{"id":"d","tags":["x"],"reviewedBy":"ana"}\n');
    const text = serializeSidecar({ loupe: 'annotations', version: 1, dataset: 'x.csv', key: 'id' }, parsed.entries);
    assert.match(text, /"reviewedBy":"ana"/);
  });
});

describe('mergeAnnotations', () => {
  it('takes each side\'s changes and unites tags on conflicts', async () => {
    const { mergeAnnotations } = await import('./merge');
    const base = new AnnotationSet([
      ['a', { tags: ['x'] }],
      ['b', { tags: ['y'] }],
      ['c', { tags: ['z'] }],
    ]);
    const ours = new AnnotationSet([
      ['a', { tags: ['x', 'mine'] }],
      ['b', { tags: ['y'] }],
      ['c', { tags: ['z', 'ours'], note: 'ours' }],
    ]);
    const theirs = new AnnotationSet([
      ['b', { tags: ['y', 'theirs'] }],
      ['c', { tags: ['theirs'] }],
      ['d', { tags: ['new'] }],
    ]);
    const { merged, conflicts } = mergeAnnotations(base, ours, theirs);
    assert.deepEqual(conflicts, ['a', 'c']);
    assert.deepEqual(merged.get('a')?.tags, ['x', 'mine']);
    assert.deepEqual(merged.get('b')?.tags, ['y', 'theirs']);
    assert.deepEqual(merged.get('c'), { tags: ['z', 'ours', 'theirs'], note: 'ours' });
    assert.equal(merged.get('a')?.note, undefined);
    assert.deepEqual(merged.get('d')?.tags, ['new']);
  });
});
