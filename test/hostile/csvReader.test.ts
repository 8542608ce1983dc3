/**
 * Hostile inputs for the CSV reader: runaway and stray quotes, UTF-16 and UTF-32, a file cut at
 * any byte, NUL and binary bytes, names that are Object.prototype's own, and one huge field.
 * Every case checks the exact rows and the located problem (line, severity), both through the
 * reference scanner and through the columnar loader the editor and the CLI use.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseCsvBytes, parseCsvText } from '../../src/core/csv/rows';
import { formatCsvRow } from '../../src/core/csv/write';
import type { Dataset } from '../../src/core/dataset/dataset';
import { DatasetLoader } from '../../src/core/dataset/loader';
import { loadDatasetFile } from '../../src/node/loadDataset';
import { RowReader } from '../../src/node/rowReader';

const HOSTILE = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'] as const;
const PROTOTYPE_BEFORE = describePrototype();
const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-hostile-csv-'));

function describePrototype(): [string, unknown][] {
  return Reflect.ownKeys(Object.prototype).map((k) => [String(k), Object.getOwnPropertyDescriptor(Object.prototype, k)?.value]);
}

const located = (problems: readonly { kind: string; line: number; severity: string }[]) => problems.map((p) => `${p.line}:${p.severity}:${p.kind}`);

/** The columnar loader fed in chunks of `chunk` bytes. */
function loadColumns(bytes: Uint8Array, chunk = 5): Dataset {
  const loader = new DatasetLoader({ headBytes: 16 });
  for (let at = 0; at < bytes.length; at += chunk) loader.push(bytes.subarray(at, at + chunk));
  return loader.end();
}

/** Rows as text, read back from the bytes at the loader's offsets (what the table shows). */
function rowsOf(dataset: Dataset, bytes: Uint8Array): string[][] {
  const rows: string[][] = [];
  for (let r = 0; r < dataset.rowCount; r++) {
    const record = parseCsvBytes(bytes.subarray(dataset.rowStarts[r], dataset.rowStarts[r + 1]), { delimiter: dataset.delimiter }).records[0];
    rows.push(record?.fields ?? []);
  }
  return rows;
}

function writeBytes(name: string, bytes: Uint8Array | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

describe('hostile CSV: quotes', () => {
  it('an unterminated quote mid-file is an error at the line it opened, with the lines it swallowed', () => {
    const text = 'id,text\n1,ok\n2,"never closed\n3,more\n4,"x"\n5,y\n';
    const parsed = parseCsvText(text);
    assert.deepEqual(
      parsed.records.map((r) => [r.line, r.fields]),
      [
        [1, ['id', 'text']],
        [2, ['1', 'ok']],
        [3, ['2', 'never closed\n3,more\n4,"x"']],
        [6, ['5', 'y']],
      ],
    );
    assert.deepEqual(parsed.problems, [
      { kind: 'unterminated-quote', line: 3, severity: 'error', message: 'a quote opened here is never closed; the next 2 lines were read as part of one field. Close the quote or escape it as ""' },
    ]);
    const dataset = loadColumns(new TextEncoder().encode(text));
    assert.deepEqual(Array.from(dataset.rowLines), [2, 3, 6]);
    assert.deepEqual(located(dataset.problems), ['3:error:unterminated-quote']);
  });

  it('a quote never closed before the end of the file is an error at its line', () => {
    for (const [text, swallowed] of [
      ['id,text\n1,"abc\n2,def\n', 'the next line was read as part of one field'],
      ['id,text\n1,"abc\n2,def\n3,ghi', 'the next 2 lines were read as part of one field'],
      ['id,text\n1,"abc', 'the rest of the file was read as one field'],
    ] as const) {
      const parsed = parseCsvText(text);
      assert.equal(parsed.records.length, 2, text);
      assert.equal(parsed.records[1].fields[1], text.slice(text.indexOf('"') + 1));
      assert.deepEqual(parsed.problems, [{ kind: 'unterminated-quote', line: 2, severity: 'error', message: `a quote opened here is never closed; ${swallowed}. Close the quote or escape it as ""` }]);
      const dataset = loadColumns(new TextEncoder().encode(text), 3);
      assert.equal(dataset.rowCount, 1);
      assert.deepEqual(dataset.problems, parsed.problems);
    }
  });

  it('a stray quote inside an unquoted field, or text after a closing quote on one line, is a warning and kept literally', () => {
    const text = 'a,b\n5" screen,x\n"ab"cd,y\n2"" x "",z\n';
    const parsed = parseCsvText(text);
    assert.deepEqual(
      parsed.records.map((r) => r.fields),
      [['a', 'b'], ['5" screen', 'x'], ['ab"cd', 'y'], ['2"" x ""', 'z']],
    );
    assert.deepEqual(located(parsed.problems), ['2:warning:stray-quote', '3:warning:stray-quote', '4:warning:stray-quote']);
    assert.deepEqual(located(loadColumns(new TextEncoder().encode(text)).problems), located(parsed.problems));
  });

  it('legitimate quoted fields (csv-spectrum cases, multi-line transcripts) raise no problem', () => {
    const cases = [
      'first,last,address,city,zip\nJohn,Doe,120 any st.,"Anytown, WW",08123\n',
      'a,b\n1,"ha ""ha"" ha"\n3,4\n',
      'a,b,c\n1,2,3\n"Once upon \na time",5,6\n7,8,9\n',
      'a,b\n1,"ha \n""ha"" \nha"\n3,4\n',
      'key,val\n1,"{""type"": ""Point"", ""coordinates"": [102.0, 0.5]}"\n',
      'a,b,c\r\n1,2,3\r\n"x\r\ny",5,6\r\n',
      'a,b,c\n1,"",""\n2,3,4\n',
      'id,transcript\n1,"speaker 1: hello, there\nspeaker 2: ""hi""\n\nspeaker 1: bye"\n2,"ünïcode ✓ 😀"\n',
    ];
    for (const text of cases) {
      assert.deepEqual(parseCsvText(text).problems, [], text);
      for (const chunk of [1, 4, 1024]) assert.deepEqual(loadColumns(new TextEncoder().encode(text), chunk).problems, [], text);
    }
  });
});

describe('hostile CSV: encodings and bytes', () => {
  const text = 'id,text,label\n1,café,oui\n2,"naïve",non\n';
  const rows = [
    ['1', 'café', 'oui'],
    ['2', 'naïve', 'non'],
  ];

  it('UTF-32 LE and BE (with or without a byte-order mark) are refused at line 1, never read as NUL-filled text', async () => {
    const utf32 = (le: boolean, bom: boolean) => {
      const points = [...(bom ? '\ufeff' : ''), ...text].map((c) => c.codePointAt(0)!);
      const out = Buffer.alloc(points.length * 4);
      points.forEach((p, i) => (le ? out.writeUInt32LE(p, i * 4) : out.writeUInt32BE(p, i * 4)));
      return out;
    };
    for (const [name, le, bom] of [['le-bom', true, true], ['be-bom', false, true], ['le', true, false], ['be', false, false]] as const) {
      const loaded = await loadDatasetFile(writeBytes(`utf32-${name}.csv`, utf32(le, bom)));
      assert.equal(loaded.encoding, le ? 'utf-32le' : 'utf-32be', name);
      assert.equal(loaded.dataset.rowCount, 0);
      assert.deepEqual(loaded.dataset.columns, []);
      assert.deepEqual(loaded.dataset.problems, [{ kind: 'invalid-encoding', line: 1, severity: 'error', message: 'UTF-32 is not supported: re-save as UTF-8' }]);
    }
  });

  it('UTF-16 with and without a byte-order mark reads the exact rows', async () => {
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const [name, bytes] of [
      ['le-bom', Buffer.concat([Buffer.from([0xff, 0xfe]), le])],
      ['be-bom', Buffer.concat([Buffer.from([0xfe, 0xff]), be])],
      ['le', le],
      ['be', be],
    ] as const) {
      const loaded = await loadDatasetFile(writeBytes(`utf16-${name}.csv`, bytes));
      assert.deepEqual(loaded.dataset.columns.map((c) => c.name), ['id', 'text', 'label'], name);
      const reader = new RowReader(loaded.rowSource, loaded.dataset);
      assert.deepEqual(reader.read([0, 1]), rows, name);
      reader.close();
      assert.deepEqual(loaded.dataset.problems, [], name);
    }
  });

  it('NUL bytes in a UTF-8 file are kept as data in their cell', async () => {
    const loaded = await loadDatasetFile(writeBytes('nul.csv', 'id,text,label\n1,a\u0000b,x\n2,\u0000,y\n'));
    const reader = new RowReader(loaded.rowSource, loaded.dataset);
    assert.deepEqual(reader.read([0, 1]), [
      ['1', 'a\u0000b', 'x'],
      ['2', '\u0000', 'y'],
    ]);
    reader.close();
    assert.equal(loaded.encoding, 'utf-8');
  });

  it('a binary file (PNG bytes) has an error-level problem, so no figure is printed for it', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e20000000049454e44ae426082', 'hex');
    const loaded = await loadDatasetFile(writeBytes('image.csv', png));
    const errors = loaded.dataset.problems.filter((p) => p.severity === 'error');
    assert.deepEqual(located(errors), ['1:error:invalid-encoding']);
  });
});

describe('hostile CSV: a file cut at any byte', () => {
  // Every row's last field is quoted, so a cut inside it is visible; a cut earlier in a row leaves it ragged.
  const full = 'id,label,text\n1,yes,"a, b"\n2,no,"two\nlines"\n3,yes,"say ""hi"""\n';
  const bytes = new TextEncoder().encode(full);
  const complete = parseCsvBytes(bytes).records.slice(1).map((r) => r.fields);

  it('gives the complete records before the cut and, for the cut one, a located problem or its exact cells', () => {
    let cases = 0;
    for (let cut = full.indexOf('\n') + 1; cut <= bytes.length; cut++) {
      const part = bytes.subarray(0, cut);
      for (const dataset of [loadColumns(part, 3), loadColumns(part, 1 << 20)]) {
        const rows = rowsOf(dataset, part);
        const whole = rows.slice(0, -1);
        assert.deepEqual(whole, complete.slice(0, whole.length), `cut at ${cut}`);
        const last = rows.at(-1);
        if (last === undefined) continue;
        const truth = complete[rows.length - 1];
        if (JSON.stringify(last) === JSON.stringify(truth)) continue;
        // Never a value that was not in the file: each cell is the start of the true one.
        last.forEach((cell, i) => assert.ok(truth[i].startsWith(cell), `cut at ${cut}: ${cell}`));
        // Cut inside a quoted field: an error; cut before the last field: a ragged row. A cut right
        // after a delimiter reads as an empty last cell, as a file that really ends there would.
        const line = dataset.rowLines[rows.length - 1];
        const start = dataset.rowStarts[rows.length - 1];
        const quotes = part.subarray(start).filter((b) => b === 0x22).length;
        const expected = quotes % 2 === 1 ? '2:error:unterminated-quote' : last.length < truth.length ? '2:warning:ragged-row' : undefined;
        const found = located(dataset.problems.filter((p) => p.line === line)).map((p) => p.replace(/^\d+/, '2'));
        if (expected) assert.deepEqual(found, [expected], `cut at ${cut}`);
        else assert.deepEqual(found, [], `cut at ${cut}`);
        if (expected) cases++;
      }
    }
    assert.ok(cases > 20);
  });

  it('the scanner agrees (fuzzed cuts of random quoted rows)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', ' ', 'é') });
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 6 }), fc.nat(), (rows, at) => {
        const text = 'a,b\n' + rows.map((r) => formatCsvRow(r, ',', true) + '\n').join('');
        const encoded = new TextEncoder().encode(text);
        let cut = 4 + (at % (encoded.length - 3));
        while (cut < encoded.length && (encoded[cut] & 0xc0) === 0x80) cut--; // at a character boundary: see the test below
        const parsed = parseCsvBytes(encoded.subarray(0, cut));
        const records = parsed.records.slice(1);
        for (let i = 0; i < records.length - 1; i++) assert.deepEqual(records[i].fields, rows[i]);
        const last = records.at(-1);
        if (!last || (last.fields.length === 2 && last.fields.every((f, i) => f === rows[records.length - 1][i]))) return;
        last.fields.forEach((f, i) => assert.ok(rows[records.length - 1][i].startsWith(f)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('hostile CSV: a file cut inside a character', () => {
  it('is an error at the line of the cut, not a silently replaced character', async () => {
    const bytes = Buffer.from('id,text\n1,ok\n2,café\n');
    const loaded = await loadDatasetFile(writeBytes('cut-char.csv', bytes.subarray(0, bytes.length - 2)));
    assert.equal(loaded.dataset.rowCount, 2);
    assert.deepEqual(located(loaded.dataset.problems), ['3:error:invalid-encoding']);
  });
});

describe('hostile CSV: names that are Object.prototype own', () => {
  it('are kept as data in headers, cells and dictionaries; Object.prototype is untouched (fuzz)', () => {
    const name = fc.constantFrom(...HOSTILE);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, name, fc.oneof(name, fc.string())), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 40 }), (rows, chunk) => {
        const text = [formatCsvRow(['label', 'prediction', '__proto__']), ...rows.map((r) => formatCsvRow(r, ',', true))].join('\n') + '\n';
        const encoded = new TextEncoder().encode(text);
        assert.deepEqual(
          parseCsvBytes(encoded, { chunkSize: chunk }).records.slice(1).map((r) => r.fields),
          rows,
        );
        const dataset = loadColumns(encoded, chunk);
        assert.deepEqual(dataset.columns.map((c) => c.name), ['label', 'prediction', '__proto__']);
        for (const column of [0, 1]) {
          const codes = dataset.codes[column]!;
          const dictionary = dataset.dictionaries[column]!;
          assert.deepEqual(Array.from(codes, (c) => dictionary[c]), rows.map((r) => r[column]));
        }
        assert.deepEqual(describePrototype(), PROTOTYPE_BEFORE);
      }),
      { numRuns: 300 },
    );
  });
});

describe('hostile CSV: one huge field', () => {
  it('a multi-MB quoted field with line breaks and quotes is read back byte for byte', async () => {
    const piece = 'speaker 1: "quoted", and a comma\nspeaker 2: é ✓\r\n';
    const big = piece.repeat(Math.ceil((3 << 20) / piece.length));
    const file = writeBytes('huge-field.csv', [formatCsvRow(['id', 'text', 'label']), formatCsvRow(['1', 'short', 'a']), formatCsvRow(['2', big, 'b']), formatCsvRow(['3', 'after', 'c'])].join('\n') + '\n');
    const loaded = await loadDatasetFile(file);
    assert.equal(loaded.dataset.rowCount, 3);
    assert.deepEqual(loaded.dataset.problems.filter((p) => p.kind !== 'mixed-line-endings'), []);
    assert.deepEqual(Array.from(loaded.dataset.rowLines), [2, 3, 3 + (big.match(/\n/g) ?? []).length + 1]);
    const reader = new RowReader(loaded.rowSource, loaded.dataset);
    const [, second, third] = reader.read([0, 1, 2]);
    reader.close();
    assert.equal(second[1].length, big.length);
    assert.ok(second[1] === big);
    assert.deepEqual(third, ['3', 'after', 'c']);
  });

  it('a multi-MB unquoted field is read back byte for byte, whatever the chunk size', () => {
    const big = 'x'.repeat(3 << 20);
    const encoded = new TextEncoder().encode(`id,text\n1,${big}\n2,y\n`);
    for (const chunk of [65_536, 1 << 20]) {
      const fields = parseCsvBytes(encoded, { chunkSize: chunk }).records.map((r) => r.fields);
      assert.equal(fields.length, 3);
      assert.ok(fields[1][1] === big);
      const dataset = loadColumns(encoded, chunk);
      assert.equal(dataset.rowCount, 2);
      assert.equal(dataset.rowStarts[1] - dataset.rowStarts[0], big.length + 3);
    }
  });

  it('a multi-MB quoted field in the first row: header, delimiter and sample rows as for a short one, whatever the chunking', async () => {
    const big = 'a; "b"\r\nc\n'.repeat(400_000);
    const after = Array.from({ length: 3000 }, (_, i) => formatCsvRow([`r${i}`, `t${i}`, i % 2 ? 'yes' : 'no'], ';'));
    const text = [formatCsvRow(['id', 'text', 'label'], ';'), formatCsvRow(['r', big, 'maybe'], ';'), ...after].join('\r\n') + '\r\n';
    const bytes = new TextEncoder().encode(text);
    const heads = [];
    for (const chunk of [4096, 65_536, 1 << 20]) {
      const loader = new DatasetLoader({ headBytes: 16 });
      for (let at = 0; at < bytes.length; at += chunk) loader.push(bytes.subarray(at, at + chunk));
      const dataset = loader.end();
      assert.equal(loader.head?.delimiter, ';');
      assert.deepEqual(dataset.columns.map((c) => [c.name, c.kind]), [['id', 'key'], ['text', 'text'], ['label', 'categorical']]);
      assert.equal(dataset.rowCount, 3001);
      assert.deepEqual(dataset.problems, []);
      assert.equal(dataset.rowLines[1], 2 + 800_000 + 1);
      assert.deepEqual(rowsOf(dataset, bytes)[0], ['r', big, 'maybe']);
      heads.push(loader.head);
    }
    // The head: the header, the big row (its cell cut to its first megabyte) and the rows that end
    // within 64 KB after it, for any chunking.
    assert.ok(heads[0]!.rows[0][1] === big.replaceAll('"', '""').slice(0, 1 << 20).replaceAll('""', '"'));
    assert.equal(heads[0]!.rows.length, 200);
    assert.deepEqual(heads[1], heads[0]);
    assert.deepEqual(heads[2], heads[0]);
    const loaded = await loadDatasetFile(writeBytes('huge-first-row.csv', bytes));
    assert.deepEqual(rowsOf(loaded.dataset, bytes), rowsOf(loadColumns(bytes, 65_536), bytes));
  });

  it('a header longer than 64 KB: the delimiter is read from the whole header', () => {
    const names = Array.from({ length: 9000 }, (_, i) => `feature_${i}`);
    const text = `${names.join('|')}\n${names.map((_, i) => String(i)).join('|')}\n`;
    const bytes = new TextEncoder().encode(text);
    for (const chunk of [1000, 65_536]) {
      const loader = new DatasetLoader({ headBytes: 16 });
      for (let at = 0; at < bytes.length; at += chunk) loader.push(bytes.subarray(at, at + chunk));
      const dataset = loader.end();
      assert.equal(loader.head?.delimiter, '|');
      assert.equal(dataset.columns.length, 9000);
      assert.equal(dataset.rowCount, 1);
      assert.deepEqual(dataset.problems, []);
    }
  });

  it('a file that ends inside a multi-MB first row is an error at the line its quote opened', () => {
    const bytes = new TextEncoder().encode(`id,text\n1,"${'never closed\n'.repeat(100_000)}`);
    const dataset = loadColumns(bytes, 65_536);
    assert.equal(dataset.rowCount, 1);
    assert.deepEqual(located(dataset.problems), ['2:error:unterminated-quote']);
    assert.match(dataset.problems[0].message, /the next 99999 lines were read as part of one field/);
  });
});
