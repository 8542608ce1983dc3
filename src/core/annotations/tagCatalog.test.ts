import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineTag, emptyCatalog, replaceInCatalog, undoReplaceInCatalog, type TagCatalog } from './tagCatalog';

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
