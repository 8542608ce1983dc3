import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseCsvBytes } from '../core/csv/rows';
import { formatCsvRow } from '../core/csv/write';
import { writeLabelFixes } from './applyLabelFixes';
import { loadDatasetFile } from './loadDataset';

const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-fixes-'));

describe('applying label fixes', () => {
  it('keeps stray quotes and ragged rows as they are', async () => {
    const source = path.join(dir, 'odd.csv');
    writeFileSync(source, 'id,text,label\nu1,5" screen,go\nu2,short\n');
    const { dataset } = await loadDatasetFile(source);
    const target = path.join(dir, 'odd-out.csv');
    await writeLabelFixes(source, dataset, 2, new Map([[0, 'up'], [1, 'no']]), target);
    assert.equal(readFileSync(target, 'utf8'), 'id,text,label\nu1,5" screen,up\nu2,short,no\n');
  });

  it('changes only the fixed label cells; every other byte is identical', async () => {
    const source = path.join(dir, 'in.csv');
    const text = 'id,text,label\r\nu1,"say, ""hi""",go\r\nu2,plain,no\r\nu3,"two\nlines",up\r\n';
    writeFileSync(source, text);
    const { dataset } = await loadDatasetFile(source);
    const target = path.join(dir, 'out.csv');
    const changed = await writeLabelFixes(source, dataset, 2, new Map([[0, 'stop'], [2, 'needs, "quotes"']]), target);
    assert.equal(changed, 2);
    assert.equal(readFileSync(target, 'utf8'), 'id,text,label\r\nu1,"say, ""hi""",stop\r\nu2,plain,no\r\nu3,"two\nlines","needs, ""quotes"""\r\n');
  });

  it('fixes the last record of a file with no final line ending (plain and quoted label)', async () => {
    for (const [text, expected] of [
      ['id,text,label\nu1,a,go\nu2,b,no', 'id,text,label\nu1,a,go\nu2,b,yes'],
      ['id,text,label\nu1,a,go\nu2,b,"no, really"', 'id,text,label\nu1,a,go\nu2,b,yes'],
      ['id,label,text\r\nu1,go,a\r\nu2,no,"b\nc"', 'id,label,text\r\nu1,go,a\r\nu2,yes,"b\nc"'],
    ]) {
      const source = path.join(dir, 'no-eol.csv');
      writeFileSync(source, text);
      const { dataset } = await loadDatasetFile(source);
      const label = dataset.columns.findIndex((c) => c.name === 'label');
      const target = path.join(dir, 'no-eol-out.csv');
      assert.equal(await writeLabelFixes(source, dataset, label, new Map([[1, 'yes']]), target), 1);
      assert.equal(readFileSync(target, 'utf8'), expected);
    }
  });

  it('rewrites only the fixed row label; bytes outside that row are identical (property)', async () => {
    const value = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é') });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(value, value, value), { minLength: 1, maxLength: 20 }), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 19 }), async (rows, crlf, finalEol, pick) => {
        const eol = crlf ? '\r\n' : '\n';
        // With and without a line ending after the last record.
        const text = ['id,text,label', ...rows.map((r, i) => formatCsvRow([`k${i}`, r[0], r[2]]))].join(eol) + (finalEol ? eol : '');
        const source = path.join(dir, 'p.csv');
        writeFileSync(source, text);
        const { dataset } = await loadDatasetFile(source);
        const row = pick % dataset.rowCount;
        const target = path.join(dir, 'p-out.csv');
        await writeLabelFixes(source, dataset, 2, new Map([[row, 'FIXED']]), target);
        const before = parseCsvBytes(readFileSync(source)).records.map((r) => r.fields);
        const after = parseCsvBytes(readFileSync(target)).records.map((r) => r.fields);
        assert.equal(after.length, before.length);
        after.forEach((fields, i) => {
          const expected = i === row + 1 ? [...before[i].slice(0, 2), 'FIXED'] : before[i];
          assert.deepEqual(fields, expected);
        });
        // Outside the fixed row, bytes are untouched.
        const original = readFileSync(source);
        const rewritten = readFileSync(target);
        assert.ok(rewritten.subarray(0, dataset.rowStarts[row]).equals(original.subarray(0, dataset.rowStarts[row])));
        const tail = original.length - dataset.rowStarts[row + 1];
        assert.ok(rewritten.subarray(rewritten.length - tail).equals(original.subarray(original.length - tail)));
      }),
      { numRuns: 150 },
    );
  });
});
