import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogWeights, defineTag, emptyCatalog, formatCatalogProblem, parseTagCatalog, replaceInCatalog, serializeTagCatalog, setHotkey, tagKeys, undoReplaceInCatalog, withHotkeys, withTags, type TagCatalog } from './tagCatalog';

const catalog: TagCatalog = {
  ...emptyCatalog(),
  tags: [
    { ...defineTag('car noise'), ease: 2, hotkey: '1', color: '#ff0000' },
    { ...defineTag('blurry'), importance: 3, hlp: 0.9 },
    defineTag('reverb'),
  ],
};

describe('tag catalog: rename, merge, delete and their undo', () => {
  it('rename keeps the definition under the new name; undo brings the old one back in place', () => {
    const renamed = replaceInCatalog(catalog, 'car noise', 'traffic');
    assert.deepEqual(renamed.tags.map((t) => t.name), ['traffic', 'blurry', 'reverb']);
    assert.equal(renamed.tags[0].ease, 2);
    assert.deepEqual(undoReplaceInCatalog(renamed, catalog, 'car noise', 'traffic'), catalog);
  });

  it('merge drops the merged definition; undo restores it with its weights, HLP and hotkey', () => {
    const merged = replaceInCatalog(catalog, 'blurry', 'reverb');
    assert.deepEqual(merged.tags.map((t) => t.name), ['car noise', 'reverb']);
    assert.deepEqual(undoReplaceInCatalog(merged, catalog, 'blurry', 'reverb'), catalog);
  });

  it('delete, then another change, then undo: the deleted tag returns and the later change stays', () => {
    const deleted = replaceInCatalog(catalog, 'car noise', null);
    const later = { ...deleted, tags: deleted.tags.map((t) => (t.name === 'reverb' ? { ...t, ease: 5 } : t)) };
    const undone = undoReplaceInCatalog(later, catalog, 'car noise', null);
    assert.deepEqual(undone.tags.map((t) => [t.name, t.ease]), [['car noise', 2], ['blurry', 1], ['reverb', 5]]);
    assert.equal(undone.tags[0].hotkey, '1');
  });

  it('a tag that was never in the catalog leaves it unchanged both ways', () => {
    assert.deepEqual(replaceInCatalog(catalog, 'from the csv', 'other'), catalog);
    assert.deepEqual(undoReplaceInCatalog(catalog, catalog, 'from the csv', 'other'), catalog);
  });
});

describe('tags.json: problems are located, unknown fields kept', () => {
  it('a trailing comma is a problem with its line and column, and no tags', () => {
    const text = '{\n  "version": 1,\n  "tags": [\n    { "name": "car noise", "description": "engine" },\n  ]\n}\n';
    const parsed = parseTagCatalog(text);
    assert.deepEqual(parsed.catalog.tags, []);
    assert.equal(parsed.problem?.line, 5);
    assert.equal(parsed.problem?.column, 3);
    assert.equal(formatCatalogProblem('.loupe/tags.json', parsed.problem!).startsWith('.loupe/tags.json:5:3: not valid JSON'), true);
  });

  it('a tag listed twice is a problem at the second definition; the first is used', () => {
    const text = '{"version":1,"tags":[\n{"name":"a","ease":2},\n{"name":"b"},\n{"name":"a","ease":5}\n]}';
    const parsed = parseTagCatalog(text);
    assert.deepEqual(parsed.catalog.tags.map((t) => [t.name, t.ease]), [['a', 2], ['b', 1]]);
    assert.equal(parsed.problem?.line, 4);
    assert.match(parsed.problem!.message, /"a" is listed twice/);
  });

  it('fields Loupe does not know survive a rewrite, __proto__ included', () => {
    const text = '{"version":1,"owner":"team","tags":[{"name":"a","__proto__":{"x":1},"reviewer":"kim"}]}';
    const parsed = parseTagCatalog(text);
    assert.equal(parsed.problem, undefined);
    const back = JSON.parse(serializeTagCatalog(parsed.catalog));
    assert.equal(back.owner, 'team');
    assert.equal(back.tags[0].reviewer, 'kim');
    assert.deepEqual(Object.getOwnPropertyDescriptor(back.tags[0], '__proto__')?.value, { x: 1 });
  });

  it('weights have no prototype: a tag named toString is a tag, an unknown one is undefined', () => {
    const weights = catalogWeights({ ...emptyCatalog(), tags: [{ ...defineTag('__proto__'), ease: 3 }] });
    assert.equal(weights['__proto__'].ease, 3);
    assert.equal(weights['toString'], undefined);
    assert.equal(Object.getPrototypeOf(weights), null);
  });
});

describe('tag catalog: keys 1-9 stay with their tags', () => {
  const keysOf = (c: TagCatalog) => Object.fromEntries(c.tags.map((t) => [t.name, t.hotkey]));

  it('a tags.json without keys gets them in its order; one with keys keeps them', () => {
    const legacy = { ...emptyCatalog(), tags: ['a', 'b', 'c'].map(defineTag) };
    assert.deepEqual(keysOf(withHotkeys(legacy)), { a: '1', b: '2', c: '3' });
    const kept = { ...emptyCatalog(), tags: [{ ...defineTag('a'), hotkey: '5' }, defineTag('b')] };
    assert.deepEqual(keysOf(withHotkeys(kept)), { a: '5', b: '1' });
  });

  it('a new tag takes the smallest free key, whatever order the tags are used in', () => {
    let c = withTags(emptyCatalog(), ['far field']);
    c = withTags(c, ['music']);
    c = setHotkey(c, 'far field', null);
    c = withTags(c, ['reverb', 'music']);
    assert.deepEqual(keysOf(c), { 'far field': null, music: '2', reverb: '1' });
    assert.deepEqual([...tagKeys(c)], [['music', '2'], ['reverb', '1']]);
  });

  it('deleting or renaming a tag does not move the others', () => {
    const c = withTags(emptyCatalog(), ['a', 'b', 'c']);
    assert.deepEqual(keysOf(withTags(replaceInCatalog(c, 'a', null), ['d'])), { b: '2', c: '3', d: '1' });
    assert.deepEqual(keysOf(replaceInCatalog(c, 'b', 'bee')), { a: '1', bee: '2', c: '3' });
  });

  it('setting a key another tag holds swaps the two; a key listed twice stays with the first tag', () => {
    const c = withTags(emptyCatalog(), ['a', 'b', 'c']);
    assert.deepEqual(keysOf(setHotkey(c, 'c', '1')), { a: '3', b: '2', c: '1' });
    const twice = { ...emptyCatalog(), tags: [{ ...defineTag('a'), hotkey: '4' }, { ...defineTag('b'), hotkey: '4' }] };
    assert.deepEqual(keysOf(withHotkeys(twice)), { a: '4', b: '1' });
  });

  it('past nine tags, new tags have no key; the keys survive a write and a read of tags.json', () => {
    const names = Array.from({ length: 11 }, (_, i) => `t${i}`);
    const c = withTags(emptyCatalog(), names);
    assert.deepEqual(c.tags.map((t) => t.hotkey), ['1', '2', '3', '4', '5', '6', '7', '8', '9', undefined, undefined], 'no key is free for them yet');
    const read = parseTagCatalog(serializeTagCatalog(setHotkey(c, 't10', '3'))).catalog;
    assert.deepEqual(keysOf(read).t10, '3');
    assert.equal(keysOf(read).t2, null, 't10 had no key to give back');
  });
});
