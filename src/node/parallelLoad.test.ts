import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ColumnarParser } from '../core/dataset/columnarParser';
import type { ColumnInfo } from '../core/dataset/dataset';
import { partMisaligned } from './parallelLoad';

const COLUMNS: ColumnInfo[] = ['id', 'text', 'label'].map((name, index) => ({ index, name, role: 'other', kind: 'text' }));

/** A part parsed from `text` (headerless, as the worker parses it). */
function part(text: string) {
  const parser = new ColumnarParser(COLUMNS, 16, 0x2c, 0, true);
  const bytes = new TextEncoder().encode(text);
  parser.push(bytes);
  return { parser, bytes: bytes.length };
}

describe('a part of a file split in two', () => {
  const rows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `${from + i},"text ${i}, ""quoted""",yes\n`).join('');

  it('starting at a row: trusted once 16 rows read cleanly, undecided before', () => {
    const twenty = part(rows(20));
    assert.equal(partMisaligned(twenty.parser, twenty.bytes, false), false);
    const few = part(rows(5));
    assert.equal(partMisaligned(few.parser, few.bytes, false), undefined);
    assert.equal(partMisaligned(few.parser, few.bytes, true), false);
  });

  it('starting inside a quoted field: its first rows have stray quotes or the wrong width', () => {
    const inside = part('more words, ""quoted"" words\nspeaker 2: the end"\n' + rows(30));
    assert.equal(partMisaligned(inside.parser, inside.bytes, false), true);
  });

  it("a problem after the first 16 rows is the file's own: the part is trusted", () => {
    const later = part(rows(20) + 'ragged\n' + rows(5, 20));
    assert.equal(partMisaligned(later.parser, later.bytes, false), false);
  });

  it('no row ended in its first megabyte: most likely inside one huge field', () => {
    const huge = part('x'.repeat(1 << 20));
    assert.equal(partMisaligned(huge.parser, huge.bytes, false), true);
    const short = part('x'.repeat(1000));
    assert.equal(partMisaligned(short.parser, short.bytes, false), undefined);
  });
});
