import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withClassNote } from './classNotes';

describe('withClassNote', () => {
  it('keeps a note for a class named __proto__ as data, without touching Object.prototype', () => {
    const notes = withClassNote(undefined, ['__proto__', 'constructor'], '  a tricky class ');
    assert.deepEqual(Object.keys(notes), ['__proto__', 'constructor']);
    assert.equal(notes['__proto__'], 'a tricky class');
    assert.equal(Object.getPrototypeOf(notes), null);
    assert.equal(JSON.stringify(notes), '{"__proto__":"a tricky class","constructor":"a tricky class"}');
    assert.equal(({} as Record<string, unknown>).tricky, undefined);
  });

  it('removes the notes of the classes when the note is blank, and keeps the others', () => {
    const before = JSON.parse('{"__proto__":"x","cat":"y","dog":"z"}') as Record<string, string>;
    assert.deepEqual(Object.entries(withClassNote(before, ['__proto__', 'cat'], ' ')), [['dog', 'z']]);
    assert.deepEqual(Object.keys(before), ['__proto__', 'cat', 'dog']);
  });
});
