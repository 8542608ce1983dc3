import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeDuplicate, parseSidecar, serializeSidecar } from './sidecar';

const header = '{"loupe":"annotations","version":1,"dataset":"labels.csv","key":"id"}';

describe('sidecar: a key on two lines', () => {
  it('reports both lines and merges them: tags united, different notes both kept', () => {
    const text = [header, '{"id":"a","tags":["blurry"],"note":"mine"}', '{"id":"b","tags":["x"]}', '{"id":"a","tags":["car noise","blurry"],"note":"theirs"}'].join('\n');
    const parsed = parseSidecar(text);
    assert.deepEqual(parsed.entries, [
      ['a', { tags: ['blurry', 'car noise'], note: 'mine\ntheirs' }],
      ['b', { tags: ['x'] }],
    ]);
    assert.equal(parsed.problems.length, 1);
    assert.equal(parsed.problems[0].line, 4);
    assert.equal(parsed.problems[0].firstLine, 2);
    assert.equal(parsed.problems[0].kind, 'duplicate');
    assert.match(parsed.problems[0].message, /id "a" is also on line 2/);
  });

  it('equal notes are kept once; the same label fix stays applied', () => {
    const merged = mergeDuplicate({ note: 'n', label: 'cat' }, { note: 'n', label: 'cat', ambiguous: true });
    assert.deepEqual(merged.annotation, { note: 'n', label: 'cat', ambiguous: true });
    assert.deepEqual(merged.notes, []);
  });

  it('two different label fixes: none applied, both kept in conflictingLabels, and said so', () => {
    const parsed = parseSidecar([header, '{"id":"a","label":"cat"}', '{"id":"a","label":"dog"}', '{"id":"a","label":"cat"}'].join('\n'));
    const [[, a]] = parsed.entries;
    assert.equal(a.label, undefined);
    assert.deepEqual({ ...a.extra }, { conflictingLabels: ['cat', 'dog'] });
    assert.match(parsed.problems[0].message, /label fixes "cat" and "dog" differ, so none is applied/);
    // Written back, nothing is lost: the conflict is in the line itself.
    assert.match(serializeSidecar({ loupe: 'annotations', version: 1, dataset: 'labels.csv', key: 'id' }, parsed.entries), /"conflictingLabels":\["cat","dog"\]/);
  });

  it('row keys: a row on two lines is named as a row', () => {
    const parsed = parseSidecar(['{"loupe":"annotations","version":1,"dataset":"l.csv","key":null}', '{"row":3,"tags":["a"]}', '{"row":3,"tags":["b"]}'].join('\n'));
    assert.deepEqual(parsed.entries, [['3', { tags: ['a', 'b'] }]]);
    assert.match(parsed.problems[0].message, /^row 3 is also on line 2/);
  });
});

describe('sidecar: fields of any name are data', () => {
  it('keeps __proto__, constructor and toString fields and writes them back', () => {
    const line = '{"id":"__proto__","tags":["toString"],"__proto__":{"polluted":1},"constructor":2,"toString":"x"}';
    const parsed = parseSidecar([header, line].join('\n'));
    assert.equal(parsed.problems.length, 0);
    const [[key, a]] = parsed.entries;
    assert.equal(key, '__proto__');
    assert.deepEqual(Object.keys(a.extra ?? {}), ['__proto__', 'constructor', 'toString']);
    const out = serializeSidecar({ loupe: 'annotations', version: 1, dataset: 'labels.csv', key: 'id' }, parsed.entries).split('\n')[1];
    assert.deepEqual(JSON.parse(out), JSON.parse(line));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
