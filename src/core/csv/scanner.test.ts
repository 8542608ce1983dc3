import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseCsvBytes, parseCsvText } from './rows';
import { formatCsvRow } from './write';

const fields = (text: string, chunkSize?: number) =>
  parseCsvText(text, { chunkSize }).records.map((r) => r.fields);

describe('CsvScanner (RFC 4180)', () => {
  it('reads plain rows with LF and CRLF', () => {
    assert.deepEqual(fields('a,b\n1,2\n'), [['a', 'b'], ['1', '2']]);
    assert.deepEqual(fields('a,b\r\n1,2\r\n'), [['a', 'b'], ['1', '2']]);
    assert.deepEqual(fields('a,b\r\n1,2'), [['a', 'b'], ['1', '2']]);
  });

  it('reads quoted fields with delimiters, quotes and newlines', () => {
    const text = 'id,text\n1,"hello, world"\n2,"she said ""hi"""\n3,"line one\nline two"\n4,"crlf\r\ninside"\n';
    assert.deepEqual(fields(text), [
      ['id', 'text'],
      ['1', 'hello, world'],
      ['2', 'she said "hi"'],
      ['3', 'line one\nline two'],
      ['4', 'crlf\r\ninside'],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    assert.deepEqual(fields('a,,c\n,,\n"",x,\n'), [['a', '', 'c'], ['', '', ''], ['', 'x', '']]);
    assert.deepEqual(fields('a,b,'), [['a', 'b', '']]);
  });

  it('skips blank lines but keeps a record of one quoted empty field', () => {
    assert.deepEqual(fields('a\n\nb\n\n'), [['a'], ['b']]);
    assert.deepEqual(fields('a\n""\nb\n'), [['a'], [''], ['b']]);
  });

  it('reports the physical line where each record starts', () => {
    const parsed = parseCsvText('h1,h2\n1,"two\nlines"\n3,x\n');
    assert.deepEqual(
      parsed.records.map((r) => r.line),
      [1, 2, 4],
    );
  });

  it('reports byte offsets that cover the whole record', () => {
    const text = 'a,b\n"x,y",2\r\nlast,3';
    const bytes = new TextEncoder().encode(text);
    const parsed = parseCsvBytes(bytes);
    const slices = parsed.records.map((r) => new TextDecoder().decode(bytes.subarray(r.start, r.end)));
    assert.deepEqual(slices, ['a,b\n', '"x,y",2\r\n', 'last,3']);
  });

  it('treats a lone CR as a line ending and warns about mixed endings', () => {
    const parsed = parseCsvText('a,b\r1,2\n3,4\r\n');
    assert.deepEqual(
      parsed.records.map((r) => r.fields),
      [['a', 'b'], ['1', '2'], ['3', '4']],
    );
    assert.equal(parsed.problems.find((p) => p.kind === 'mixed-line-endings')?.severity, 'warning');
  });

  it('reports an unterminated quote with the line where it opened', () => {
    const parsed = parseCsvText('id,text\n1,ok\n2,"never closed\n3,more\n');
    const problem = parsed.problems.find((p) => p.kind === 'unterminated-quote');
    assert.ok(problem);
    assert.equal(problem.line, 3);
    assert.equal(problem.severity, 'error');
    assert.equal(parsed.records.length, 3);
  });

  it('reads stray quotes literally and warns', () => {
    const parsed = parseCsvText('a,b\n5" screen,x\n"ab"cd,y\n');
    assert.deepEqual(
      parsed.records.map((r) => r.fields),
      [['a', 'b'], ['5" screen', 'x'], ['ab"cd', 'y']],
    );
    assert.deepEqual(
      parsed.problems.map((p) => [p.kind, p.line]),
      [
        ['stray-quote', 2],
        ['stray-quote', 3],
      ],
    );
  });

  it('supports other delimiters', () => {
    const parsed = parseCsvText('a\tb\n"x\ty"\t2\n', { delimiter: 0x09 });
    assert.deepEqual(
      parsed.records.map((r) => r.fields),
      [['a', 'b'], ['x\ty', '2']],
    );
  });

  it('gives the same result for every chunk size', () => {
    const text = 'id,text,label\n1,"a ""quoted"", text\nwith newline",yes\r\n2,plain,no\r3,"",\n4,"x"\n';
    const whole = fields(text);
    for (let size = 1; size < text.length; size++) assert.deepEqual(fields(text, size), whole, `chunk ${size}`);
  });
});

const cell = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é', '\t', ';', '😀') }),
  fc.string(),
);

describe('CsvScanner properties', () => {
  it('round-trips random rows written as CSV, whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 64 }),
        (rows, crlf, chunkSize) => {
          const eol = crlf ? '\r\n' : '\n';
          const text = rows.map((r) => formatCsvRow(r, ',', true)).join(eol) + eol;
          const bytes = new TextEncoder().encode(text);
          const parsed = parseCsvBytes(bytes, { chunkSize, keepBlank: true });
          assert.deepEqual(
            parsed.records.map((r) => r.fields),
            rows,
          );
          assert.equal(parsed.problems.length, 0);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never throws and never loses bytes on arbitrary input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 1, max: 17 }), (bytes, chunkSize) => {
        const whole = parseCsvBytes(bytes, { keepBlank: true });
        const chunked = parseCsvBytes(bytes, { keepBlank: true, chunkSize });
        assert.deepEqual(chunked.records, whole.records);
        // Records tile the input: each starts where the previous ended.
        let at = 0;
        for (const r of whole.records) {
          assert.equal(r.start, at);
          at = r.end;
        }
        if (whole.records.length > 0) assert.equal(at, bytes.length);
      }),
      { numRuns: 600 },
    );
  });
});
