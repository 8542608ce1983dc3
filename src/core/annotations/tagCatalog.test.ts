import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogWeights, defineTag, emptyCatalog, formatCatalogProblem, parseTagCatalog, replaceInCatalog, serializeTagCatalog, undoReplaceInCatalog, type TagCatalog } from './tagCatalog';

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
