import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { appendFieldFast, fieldRanges } from './cellEdits';

const enc = new TextEncoder();
const dec = new TextDecoder();
const COMMA = 0x2c;

/** The field appended the slow way: after the scanner's last field, before the line ending. */
function appendedByScanner(record: Uint8Array, field: Uint8Array): string {
  const ranges = fieldRanges(record, COMMA);
  const last = ranges[ranges.length - 1];
  return dec.decode(record.subarray(0, last.end)) + ',' + dec.decode(field) + dec.decode(record.subarray(last.end));
}

describe('appendFieldFast', () => {
  it('adds the field before the line ending of plain and quoted records', () => {
    const add = (text: string, at: number) => {
      const out = appendFieldFast(enc.encode(text), COMMA, at, enc.encode('train'));
      return out && dec.decode(out);
    };
    assert.equal(add('a,b,c\n', 3), 'a,b,c,train\n');
    assert.equal(add('a,"b, ""quoted""\nline",c\r\n', 3), 'a,"b, ""quoted""\nline",c,train\r\n');
    assert.equal(add('a,,\n', 3), 'a,,,train\n');
    assert.equal(add('last,row', 2), 'last,row,train');
  });

  it('leaves to the scanner what is not plainly formed, or has another field count', () => {
    const fast = (text: string, at: number) => appendFieldFast(enc.encode(text), COMMA, at, enc.encode('x'));
    assert.equal(fast('a,b\n', 3), undefined, 'a short record is padded by the caller');
    assert.equal(fast('a,b"c,d\n', 3), undefined, 'a quote inside an unquoted field');
    assert.equal(fast('a,"b"c,d\n', 3), undefined, 'text after a closing quote');
    assert.equal(fast('a,"never closed\n', 2), undefined);
  });

  it('when it answers, answers what the scanner-based edit writes', () => {
    const cell = fc.oneof(fc.stringMatching(/^[a-z ;]{0,6}$/), fc.stringMatching(/^[a-z,"\n ]{0,6}$/).map((s) => `"${s.replaceAll('"', '""')}"`), fc.stringMatching(/^[a-z"]{0,4}$/));
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 5 }), fc.constantFrom('\n', '\r\n', ''), fc.stringMatching(/^[a-z]{1,5}$/), (cells, ending, value) => {
        const record = enc.encode(cells.join(',') + ending);
        const field = enc.encode(value);
        const fast = appendFieldFast(record, COMMA, fieldRanges(record, COMMA).length, field);
        if (fast !== undefined) assert.equal(dec.decode(fast), appendedByScanner(record, field));
      }),
      { numRuns: 2000 },
    );
  });
});
