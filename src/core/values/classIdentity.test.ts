import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildJudgements, type LabelerColumn } from '../agreement/judgements';
import { summarizeAgreement } from '../agreement/summary';
import { assignClasses } from '../metrics/classes';
import { lookAlikeWarnings, readClasses, visible, type ValueColumn } from './classIdentity';

/** A column of cell texts, dictionary in order of first sight ('' = empty cell, code -1). */
function column(name: string, cells: readonly string[]): ValueColumn & LabelerColumn {
  const index = new Map<string, number>();
  const codes = Int32Array.from(cells, (cell) => {
    if (cell === '') return -1;
    let code = index.get(cell);
    if (code === undefined) index.set(cell, (code = index.size));
    return code;
  });
  return { name, dictionary: [...index.keys()], codes };
}

/** Per row of each column: the class name it was read as (null when missing). */
function classesOfCells(columns: readonly ValueColumn[]): (string | null)[][] {
  const identity = readClasses(columns);
  return columns.map((c, k) => Array.from(c.codes!, (code) => (code < 0 || identity.classOfCode[k][code] < 0 ? null : identity.classes[identity.classOfCode[k][code]])));
}

describe('readClasses: one reading of class values (DOMAIN.md §1)', () => {
  it('reads numbers by value when every present value is a decimal number', () => {
    const identity = readClasses([column('a', ['1', '1.0', '01', ' 2 ', '1e1']), column('b', ['10', '2.00', '', '+1', '.5'])]);
    assert.equal(identity.reading, 'number');
    assert.deepEqual(identity.classes, ['.5', '1', '2', '10']);
    assert.deepEqual(classesOfCells([column('a', ['1', '1.0', '01', ' 2 ', '1e1'])]), [['1', '1', '1', '2', '1e1']]);
  });

  it('reads booleans by truth value in any case, named by the most frequent spelling', () => {
    const identity = readClasses([column('a', ['True', 'true', 'TRUE', 'false', 'FALSE']), column('b', ['true', 'False', 'false'])]);
    assert.equal(identity.reading, 'boolean');
    assert.deepEqual(identity.classes, ['false', 'true']);
    assert.deepEqual(identity.lookAlikes, []);
  });

  it('reads exact text as soon as one value is neither, and sorts by code point', () => {
    const identity = readClasses([column('a', ['1', '1.0', 'true', 'n/a', 'b', 'B', 'é'])]);
    assert.equal(identity.reading, 'text');
    assert.deepEqual(identity.classes, ['1', '1.0', 'B', 'b', 'n/a', 'true', 'é']);
  });

  it('does not read hexadecimal, infinities, underscores or NaN as numbers', () => {
    for (const odd of ['0x10', 'Infinity', '1_000', 'NaN', '1e999']) assert.equal(readClasses([column('a', ['1', odd])]).reading, 'text', odd);
  });

  it('treats empty and whitespace-only cells as missing, never a class', () => {
    const identity = readClasses([column('a', ['cat', '  ', '\t', '', 'dog'])]);
    assert.deepEqual(identity.classes, ['cat', 'dog']);
    assert.deepEqual(classesOfCells([column('a', ['cat', '  ', '\t', '', 'dog'])]), [['cat', null, null, null, 'dog']]);
    assert.equal(readClasses([column('a', ['  ', ''])]).reading, 'text');
    assert.deepEqual(readClasses([]).classes, []);
  });

  it('reports classes that differ only in whitespace, case or normalization, naming both spellings and their columns', () => {
    const identity = readClasses([column('label', ['cat', 'dog', 'café']), column('labeler_1', [' cat', 'Dog', 'cafe\u0301'])]);
    assert.equal(identity.reading, 'text');
    assert.equal(identity.classes.length, 6, 'kept apart, as scikit-learn does');
    assert.deepEqual(
      identity.lookAlikes.map((l) => [l.spellings, l.differences, l.row]),
      [
        [[' cat', 'cat'], ['surrounding whitespace'], 0],
        [['Dog', 'dog'], ['letter case'], 1],
        [['cafe\u0301', 'café'], ['Unicode normalization'], 2],
      ],
    );
    assert.equal(identity.lookAlikes[0].message, 'classes " cat" (labeler_1) and "cat" (label) differ only in surrounding whitespace: they are counted as 2 different classes. If they mean one class, write them the same way.');
    assert.match(identity.lookAlikes[2].message, /"cafe\\u0301" \(labeler_1\) and "café" \(label\)/);
  });

  it('shows invisible differences in a spelling', () => {
    assert.equal(visible('a\u00a0b'), '"a\\u00a0b"');
    assert.equal(visible('x\u200b'), '"x\\u200b"');
    assert.equal(visible('tab\t'), '"tab\\t"');
  });

  it('caps the look-alikes it lists and says how many more there are', () => {
    const cells = Array.from({ length: 60 }, (_, i) => [`c${i}`, `C${i}`]).flat();
    const identity = readClasses([column('a', cells)]);
    assert.equal(identity.lookAlikeCount, 60);
    assert.equal(identity.lookAlikes.length, 50);
    assert.equal(lookAlikeWarnings(identity).at(-1), '… and 10 more groups of look-alike classes');
  });

  it('gives metrics one class for 1 and 1.0 across label and prediction', () => {
    const l = column('label', ['1', '0', '1.0', 'true']);
    const p = column('prediction', ['1.0', '0.0', '1', 'true']);
    // 'true' makes the whole reading text: "1" and "1.0" are then different classes.
    assert.deepEqual(assignClasses(l.dictionary, p.dictionary, l.codes, p.codes).classes, ['0', '0.0', '1', '1.0', 'true']);
    const l2 = column('label', ['True', 'false', 'TRUE']);
    const p2 = column('prediction', ['true', 'false', 'true']);
    const a = assignClasses(l2.dictionary, p2.dictionary, l2.codes, p2.codes);
    assert.deepEqual(a.classes, ['false', 'true']);
    assert.deepEqual([...a.truth], [...a.prediction]);
  });
});

// ----- properties -----

const SPELLINGS: Record<number, string[]> = { 0: ['0', '0.0', '00', '-0', '0e0'], 1: ['1', '1.0', '01', '1.00', '+1', '10e-1'], 2: ['2', '2.0', '02', '2e0'], 7: ['7', '7.0', '007'] };
const BOOLEANS: Record<number, string[]> = { 0: ['false', 'False', 'FALSE', 'fAlSe'], 1: ['true', 'True', 'TRUE', 'tRuE'] };
const VALUES = [0, 1, 2, 7];

/** Labeler rows of class values (-1 missing) and, per cell, which spelling to write. */
const labelerRows = fc
  .record({ raters: fc.integer({ min: 2, max: 5 }), items: fc.integer({ min: 1, max: 25 }), k: fc.integer({ min: 2, max: 4 }) })
  .chain(({ raters, items, k }) =>
    fc.record({
      k: fc.constant(k),
      rows: fc.array(fc.array(fc.integer({ min: -1, max: k - 1 }), { minLength: items, maxLength: items }), { minLength: raters, maxLength: raters }),
      spelling: fc.array(fc.array(fc.nat(), { minLength: items, maxLength: items }), { minLength: raters, maxLength: raters }),
      blank: fc.constantFrom('', ' ', '\t '),
      order: fc.shuffledSubarray([...Array(raters).keys()], { minLength: raters, maxLength: raters }),
    }),
  );

function write(rows: number[][], spell: (value: number, rater: number, item: number) => string, blank: string): (ValueColumn & LabelerColumn)[] {
  return rows.map((row, r) => column(`r${r}`, row.map((v, i) => (v < 0 ? (i % 2 ? blank : '') : spell(v, r, i)))));
}

function statistics(columns: LabelerColumn[]) {
  const s = summarizeAgreement(buildJudgements(columns), { replicates: 0 });
  return { alpha: s.krippendorffAlpha, fleiss: s.fleissKappa, hlp: s.hlp, percent: s.percentAgreement, cohen: s.cohen.map((c) => [c.a, c.b, c.kappa, c.n]) };
}

const same = (a: number | null, b: number | null) => (a === null ? b === null : b !== null && Math.abs(a - b) < 1e-12);

describe('properties of the reading', () => {
  it('agreement is the same whatever spelling of a number each cell uses (1 vs 1.0 vs 01)', () => {
    fc.assert(
      fc.property(labelerRows, ({ rows, spelling, blank }) => {
        const plain = statistics(write(rows, (v) => String(VALUES[v]), blank));
        const mixed = statistics(write(rows, (v, r, i) => SPELLINGS[VALUES[v]][spelling[r][i] % SPELLINGS[VALUES[v]].length], blank));
        assert.ok(same(plain.alpha, mixed.alpha) && same(plain.fleiss, mixed.fleiss) && same(plain.hlp, mixed.hlp) && same(plain.percent, mixed.percent));
        assert.deepEqual(mixed.cohen, plain.cohen);
      }),
      { numRuns: 150 },
    );
  });

  it('agreement is the same whatever case a boolean is written in', () => {
    fc.assert(
      fc.property(labelerRows, ({ rows, spelling, blank }) => {
        const binary = rows.map((row) => row.map((v) => (v < 0 ? v : v % 2)));
        const plain = statistics(write(binary, (v) => (v ? 'true' : 'false'), blank));
        const mixed = statistics(write(binary, (v, r, i) => BOOLEANS[v][spelling[r][i] % 4], blank));
        assert.ok(same(plain.alpha, mixed.alpha) && same(plain.fleiss, mixed.fleiss) && same(plain.hlp, mixed.hlp));
        assert.deepEqual(mixed.cohen, plain.cohen);
      }),
      { numRuns: 150 },
    );
  });

  it('class identity does not depend on the order of the labeler columns', () => {
    fc.assert(
      fc.property(labelerRows, ({ rows, spelling, blank, order }) => {
        const columns = write(rows, (v, r, i) => SPELLINGS[VALUES[v]][spelling[r][i] % SPELLINGS[VALUES[v]].length], blank);
        const reordered = order.map((k) => columns[k]);
        const a = readClasses(columns);
        const b = readClasses(reordered);
        assert.deepEqual(b.classes, a.classes);
        assert.equal(b.reading, a.reading);
        const cellsA = classesOfCells(columns);
        const cellsB = classesOfCells(reordered);
        order.forEach((k, position) => assert.deepEqual(cellsB[position], cellsA[k]));
        const s = statistics(columns);
        const t = statistics(reordered);
        assert.ok(same(s.alpha, t.alpha) && same(s.fleiss, t.fleiss) && same(s.hlp, t.hlp));
      }),
      { numRuns: 150 },
    );
  });

  it('renaming the classes consistently (relabeling) changes no statistic', () => {
    fc.assert(
      fc.property(labelerRows, fc.shuffledSubarray(['cat', 'dog', '__proto__', 'constructor'], { minLength: 4, maxLength: 4 }), ({ rows, blank }, names) => {
        const a = statistics(write(rows, (v) => ['cat', 'dog', '__proto__', 'constructor'][v], blank));
        const b = statistics(write(rows, (v) => names[v], blank));
        assert.ok(same(a.alpha, b.alpha) && same(a.fleiss, b.fleiss) && same(a.hlp, b.hlp) && same(a.percent, b.percent));
      }),
      { numRuns: 150 },
    );
  });

  it('survives hostile class names (Object.prototype keys) and keeps each one a class of its own', () => {
    const hostile = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'prototype', ' __proto__', '__PROTO__', 'Constructor'];
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.constantFrom(...hostile), fc.constantFrom('', ' ')), { minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 4 }), (cells) => {
        const width = Math.min(...cells.map((c) => c.length));
        const columns = cells.map((c, k) => column(`c${k}`, c.slice(0, width)));
        const identity = readClasses(columns);
        const present = new Set(columns.flatMap((c) => c.dictionary.filter((v) => v.trim() !== '')));
        assert.equal(identity.reading, 'text');
        assert.deepEqual(new Set(identity.classes), present);
        for (const l of identity.lookAlikes) assert.ok(l.spellings.every((s) => present.has(s)));
        assert.equal(Object.getPrototypeOf({}), Object.prototype);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      }),
      { numRuns: 200 },
    );
  });
});
