import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { encodeColumn } from '../metrics/fixtures/encode';
import { CONFLICT, DUPLICATE, findDuplicates, LEAKED, normalizeInput } from './findDuplicates';
import { unifyValues } from './values';

const HOSTILE = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

describe('normalizeInput', () => {
  it('NFC, trim, collapse inner whitespace, lower case; blank is no key', () => {
    assert.equal(normalizeInput('  Hello\t\n  World  '), 'hello world');
    assert.equal(normalizeInput('Cafe\u0301'), normalizeInput('CAFÉ'));
    assert.equal(normalizeInput('a\u00a0b'), 'a b');
    assert.equal(normalizeInput('   '), null);
    assert.equal(normalizeInput(''), null);
    assert.notEqual(normalizeInput('straße'), normalizeInput('STRASSE'));
  });
});

describe('findDuplicates', () => {
  it('groups, conflicts and leakage with per-row flags', () => {
    const texts = ['The cat', 'the  CAT ', 'dog', 'Dog', 'bird', '', 'fish', 'FISH'];
    const labels = ['pos', 'neg', 'pos', 'pos', 'neg', 'pos', 'neg', ''];
    const splits = ['train', 'train', 'train', 'test', 'dev', 'dev', 'dev', 'dev'];
    const report = findDuplicates({ keys: texts.map(normalizeInput), label: encodeColumn(labels), split: encodeColumn(splits) });
    assert.equal(report.rows, 8);
    assert.equal(report.keyedRows, 7);
    assert.equal(report.duplicateGroups, 3);
    assert.equal(report.duplicateRows, 6);
    assert.equal(report.conflictingGroups, 1);
    assert.equal(report.leakedGroups, 1);
    assert.deepEqual([...report.flags], [DUPLICATE | CONFLICT, DUPLICATE | CONFLICT, DUPLICATE | LEAKED, DUPLICATE | LEAKED, 0, 0, DUPLICATE, DUPLICATE]);
    assert.deepEqual(report.examples, [
      { rows: [0, 1], size: 2, labels: ['pos', 'neg'], splits: ['train'], conflict: true, leaked: false },
      { rows: [2, 3], size: 2, labels: ['pos'], splits: ['train', 'test'], conflict: false, leaked: true },
      { rows: [6, 7], size: 2, labels: ['neg'], splits: ['dev'], conflict: false, leaked: false },
    ]);
  });
  it('labels are compared by value: 1 and 1.0 agree when every label is a number', () => {
    const report = findDuplicates({ keys: ['k', 'k'], label: encodeColumn(['1', '1.0']) });
    assert.equal(report.conflictingGroups, 0);
    const text = findDuplicates({ keys: ['k', 'k', 'j'], label: encodeColumn(['1', '1.0', 'x']) });
    assert.equal(text.conflictingGroups, 1);
  });
  it('content hashes as keys, no label or split column', () => {
    const report = findDuplicates({ keys: ['sha256:aa', 'sha256:bb', 'sha256:aa', null] });
    assert.equal(report.duplicateGroups, 1);
    assert.equal(report.conflictingGroups, 0);
    assert.equal(report.leakedGroups, 0);
  });
  it('hostile keys and values are kept as data; Object.prototype untouched (property)', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const cell = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { maxLength: 60 }), (rows) => {
        const keys = rows.map(([k]) => normalizeInput(k));
        const report = findDuplicates({ keys, label: encodeColumn(rows.map(([, l]) => l)), split: encodeColumn(rows.map(([, , s]) => s)) });
        const expected = new Map<string, number>();
        for (const k of keys) if (k !== null) expected.set(k, (expected.get(k) ?? 0) + 1);
        const dupGroups = [...expected.values()].filter((n) => n > 1);
        assert.equal(report.duplicateGroups, dupGroups.length);
        assert.equal(report.duplicateRows, dupGroups.reduce((a, b) => a + b, 0));
        report.flags.forEach((f, r) => assert.equal((f & DUPLICATE) !== 0, keys[r] !== null && expected.get(keys[r]!)! > 1));
      }),
    );
    const report = findDuplicates({ keys: HOSTILE.concat(HOSTILE), label: encodeColumn(HOSTILE.concat(HOSTILE.slice().reverse())) });
    assert.equal(report.duplicateGroups, 5);
    assert.equal(report.conflictingGroups, 4);
    assert.deepEqual(report.examples[0].labels, ['__proto__', 'hasOwnProperty']);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('unifyValues', () => {
  it('numbers by value, booleans by truth, else exact text; blank is missing; hostile values kept', () => {
    const numbers = unifyValues([encodeColumn(['1', '01', ' ', '2.5']), encodeColumn(['1.0', '2.50'])]);
    assert.equal(numbers.comparedAs, 'number');
    assert.deepEqual(numbers.values, ['1', '2.5']);
    assert.deepEqual([...numbers.rows[0]], [0, 0, -1, 1]);
    assert.deepEqual([...numbers.rows[1]], [0, 1]);
    const booleans = unifyValues([encodeColumn(['True', 'false', 'TRUE'])]);
    assert.equal(booleans.comparedAs, 'boolean');
    assert.deepEqual([...booleans.rows[0]], [1, 0, 1]);
    const text = unifyValues([encodeColumn(['__proto__', 'constructor', 'Cat', 'cat'])]);
    assert.deepEqual(text.values, ['Cat', '__proto__', 'cat', 'constructor']);
  });
});
