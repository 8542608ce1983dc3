import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ColumnarParser, RecordEndFinder } from './columnarParser';
import type { ColumnInfo } from './dataset';
import { CsvScanner } from '../csv/scanner';

const COLUMNS: ColumnInfo[] = [
  { index: 0, name: 'id', role: 'id', kind: 'key' },
  { index: 1, name: 'text', role: 'input', kind: 'text' },
  { index: 2, name: 'label', role: 'label', kind: 'categorical' },
  { index: 3, name: 'score', role: 'score', kind: 'numeric' },
];

const encoder = new TextEncoder();

/** Parses `bytes` fed in chunks of `chunk` bytes; records above `huge` bytes are read as they arrive. */
function parse(bytes: Uint8Array, chunk: number, huge?: number) {
  const parser = new ColumnarParser(
    COLUMNS.map((c) => ({ ...c })),
    4,
    0x2c,
    0,
    false,
    100,
    huge,
  );
  for (let at = 0; at < bytes.length; at += chunk) parser.push(bytes.subarray(at, at + chunk));
  return parser.finish();
}

const unit = fc.constantFrom('a', 'b', '1', '.', ',', '"', '""', '\n', '\r', '\r\n', 'é');
/** Mostly field text, so that records often span several chunks. */
const longRecords = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('a', 'bc', '1', '.', 'é') }, { weight: 3, arbitrary: fc.constantFrom(',', '"', '""') }, { weight: 1, arbitrary: fc.constantFrom('\n', '\r', '\r\n') });

describe('ColumnarParser on records bigger than a chunk', () => {
  it('reads a record that outgrows the huge-record size as one carried whole (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(unit, longRecords), maxLength: 200 }), fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 40 }), (body, chunk, huge) => {
        const bytes = encoder.encode('id,text,label,score\n' + body);
        const whole = parse(bytes, bytes.length + 1);
        assert.deepEqual(parse(bytes, chunk, huge), whole);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads one multi-MB quoted field of line breaks and doubled quotes once, with the rows around it', () => {
    const field = 'a "b", c\nd\r\n'.repeat(300_000).replaceAll('"', '""');
    const text = `id,text,label,score\nr1,x,yes,1\nr2,"${field}",no,"2.5"\nr3,y,"m""n",3\n`;
    const bytes = encoder.encode(text);
    for (const chunk of [65_536, 1 << 20, 999_983]) {
      const dataset = parse(bytes, chunk);
      assert.equal(dataset.rowCount, 3);
      assert.deepEqual(Array.from(dataset.rowLines), [2, 3, 600_004]);
      assert.deepEqual(Array.from(dataset.numbers[3]!), [1, 2.5, 3]);
      assert.deepEqual(Array.from(dataset.codes[2]!, (c) => dataset.dictionaries[2]![c]), ['yes', 'no', 'm"n']);
      assert.equal(dataset.rowStarts[2] - dataset.rowStarts[1], encoder.encode(`r2,"${field}",no,"2.5"\n`).length);
      assert.deepEqual(dataset.problems, []);
      assert.deepEqual({ lf: dataset.lineEndings.lf, crlf: dataset.lineEndings.crlf, cr: dataset.lineEndings.cr }, { lf: 4, crlf: 0, cr: 0 });
    }
  });

  it('says where a huge field whose quote never closes opened', () => {
    const bytes = encoder.encode('id,text,label,score\nr1,"' + 'words\n'.repeat(400_000));
    const dataset = parse(bytes, 65_536);
    assert.equal(dataset.rowCount, 1);
    assert.deepEqual(
      dataset.problems.map((p) => [p.kind, p.line]),
      [
        ['unterminated-quote', 2],
        ['ragged-row', 2],
      ],
    );
    assert.match(dataset.problems[0].message, /the next 399999 lines were read as part of one field/);
  });
});

describe('ColumnarParser: names that are Object.prototype own, in records read as they arrive', () => {
  const HOSTILE = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

  it('are kept as categories and keys; Object.prototype is untouched (fuzz)', () => {
    const before = Reflect.ownKeys(Object.prototype).map((k) => [k, Object.getOwnPropertyDescriptor(Object.prototype, k)?.value]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...HOSTILE), fc.constantFrom(...HOSTILE), fc.string({ maxLength: 30 })), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 11 }), (rows, chunk) => {
        const text = 'id,text,label,score\n' + rows.map(([id, label, filler]) => `${id},"${filler.replaceAll('"', '""')}\n${filler.replaceAll('"', '""')}","${label}",1\n`).join('');
        const dataset = parse(encoder.encode(text), chunk, 4);
        assert.equal(dataset.rowCount, rows.length);
        assert.deepEqual(Array.from(dataset.codes[2]!, (c) => dataset.dictionaries[2]![c]), rows.map((r) => r[1]));
        assert.deepEqual(dataset, parse(encoder.encode(text), text.length + 1));
      }),
      { numRuns: 400 },
    );
    assert.deepEqual(Reflect.ownKeys(Object.prototype).map((k) => [k, Object.getOwnPropertyDescriptor(Object.prototype, k)?.value]), before);
  });
});

describe('RecordEndFinder', () => {
  it('finds the end of the first record wherever the chunks are cut (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), fc.integer({ min: 1, max: 9 }), (text, chunk) => {
        const bytes = encoder.encode(text);
        // The reference scanner's answer: where its first record (blank or not) ends, if it ends.
        let expected = -1;
        const scanner = new CsvScanner({ wantsBytes: () => false, field: () => undefined, record: (_n, _s, end) => void (expected = expected < 0 ? end : expected) });
        scanner.push(bytes);
        const finder = new RecordEndFinder(0x2c);
        let found = -1;
        for (let at = 0; at < bytes.length && found < 0; at += chunk) {
          const end = finder.find(bytes.subarray(at, at + chunk), 0, Math.min(chunk, bytes.length - at));
          if (end >= 0) found = at + end;
        }
        assert.equal(found, expected);
      }),
      { numRuns: 3000 },
    );
  });
});
