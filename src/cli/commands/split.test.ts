import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CliError } from '../cliError';
import { runSplit, type SplitCliOptions } from './split';

function folder(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'loupe-cli-split-'));
}

function write(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function split(file: string, options: Partial<SplitCliOptions>): Promise<{ json: Record<string, unknown> & { counts: Record<string, number> }; output: Buffer }> {
  const out = options.out ?? path.join(path.dirname(file), `out-${Math.random().toString(16).slice(2)}.csv`);
  const json = JSON.parse(await runSplit(file, { json: true, ratios: '0.5,0.5', ...options, out }));
  return { json, output: readFileSync(out) };
}

/**
 * The input again, from an output that must equal it plus `,<value>` inserted before line
 * endings (or at the very end): walks both files, and an insertion is only accepted where
 * the input has a CR, an LF or its end. Returns the inserted values in order.
 */
function removeAddedColumn(output: Buffer, input: Buffer): string[] {
  const inserted: string[] = [];
  let i = 0;
  let j = 0;
  while (j < output.length) {
    if (i < input.length && input[i] === output[j]) {
      i++;
      j++;
      continue;
    }
    assert.ok(i === input.length || input[i] === 0x0a || input[i] === 0x0d, `output differs from the input at byte ${i} outside a record end`);
    assert.equal(output[j], 0x2c, `an insertion starts with the delimiter at byte ${j}`);
    let end = j + 1;
    while (end < output.length && output[end] !== 0x0a && output[end] !== 0x0d) end++;
    inserted.push(output.subarray(j + 1, end).toString('utf8'));
    j = end;
  }
  assert.equal(i, input.length, 'every input byte is in the output');
  return inserted;
}

const SHAPES: [string, string][] = [
  ['LF', 'id,text,label\n1,hello,a\n2,world,b\n3,again,a\n4,more,b\n'],
  ['CRLF with a byte-order mark and blank lines', '\ufeffid,text,label\r\n1,hello,a\r\n\r\n2,world,b\r\n3,again,a\r\n4,more,b\r\n\r\n'],
  ['quoted fields with delimiters and quotes', 'id,text,label\n1,"a, b",a\n2,"say ""hi""",b\n3,"x",a\n4,"",b\n'],
  ['multiline quoted fields', 'id,text,label\n1,"line one\nline two",a\n2,"crlf\r\ninside",b\n3,plain,a\n4,"end\n",b\n'],
  ['no final newline', 'id,text,label\n1,hello,a\n2,world,b\n3,again,a\n4,more,b'],
];

describe('loupe split writes the input plus one column, byte for byte', () => {
  for (const [name, content] of SHAPES) {
    it(name, async () => {
      const dir = folder();
      const input = Buffer.from(content);
      const file = write(dir, 'labels.csv', input);
      const { json, output } = await split(file, { names: 'train,test', seed: 7 });
      const values = removeAddedColumn(output, input);
      assert.equal(values[0], 'split', 'the header gets the column name');
      assert.equal(values.length, 5);
      assert.deepEqual(values.slice(1).filter((v) => v === 'train').length, json.counts.train);
      assert.deepEqual({ ...json.counts }, { train: 2, test: 2 });
      assert.deepEqual(readFileSync(file), input, 'the input file is unchanged');
    });
  }

  it('stratifies by label: each class split as floor/ceil of n·r, reported per stratum', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => `${i},text ${i},${i < 30 ? 'pos' : 'neg'}`);
    const file = write(folder(), 'labels.csv', `id,text,label\n${rows.join('\n')}\n`);
    const { json } = await split(file, { ratios: '0.6,0.2,0.2' });
    assert.deepEqual({ ...json.counts }, { train: 60, dev: 20, test: 20 });
    const byStratum = json.byStratum as { stratum: string; counts: Record<string, number> }[];
    assert.deepEqual(byStratum.map((s) => [s.stratum, { ...s.counts }]), [['neg', { train: 42, dev: 14, test: 14 }], ['pos', { train: 18, dev: 6, test: 6 }]]);
    assert.deepEqual(json.warnings, ['dev has 6 examples of class "pos" (fewer than 10).', 'test has 6 examples of class "pos" (fewer than 10).']);
  });

  it('the same seed writes the same file; another seed another split', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i},t${i},${i % 3}`);
    const file = write(folder(), 'labels.csv', `id,text,label\n${rows.join('\n')}\n`);
    const a = await split(file, { seed: 3 });
    const b = await split(file, { seed: 3 });
    const c = await split(file, { seed: 4 });
    assert.deepEqual(a.output, b.output);
    assert.notDeepEqual(a.output, c.output);
  });

  it('keeps groups whole and reports none spanning two splits', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i},speaker${i % 8},${i % 2 ? 'a' : 'b'}`);
    const file = write(folder(), 'labels.csv', `id,speaker,label\n${rows.join('\n')}\n`);
    const { json, output } = await split(file, { group: 'speaker' });
    assert.equal(json.groupsSpanning, 0);
    const splitOf = new Map<string, Set<string>>();
    for (const line of output.toString().trim().split('\n').slice(1)) {
      const [, speaker, , value] = line.split(',');
      splitOf.set(speaker, (splitOf.get(speaker) ?? new Set()).add(value));
    }
    assert.equal(splitOf.size, 8);
    for (const values of splitOf.values()) assert.equal(values.size, 1);
  });

  it('keeps hostile split and column names as data, quoting them when needed', async () => {
    const file = write(folder(), 'labels.csv', 'id,label\n1,__proto__\n2,constructor\n3,__proto__\n4,constructor\n');
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const { json, output } = await split(file, { names: '__proto__,say "x"', column: 'constructor' });
    assert.deepEqual(Object.keys(json.counts), ['__proto__', 'say "x"']);
    assert.equal(json.counts.__proto__, 2);
    const lines = output.toString().trim().split('\n');
    assert.equal(lines[0], 'id,label,constructor');
    assert.ok(lines.slice(1).every((l) => l.endsWith(',__proto__') || l.endsWith(',"say ""x"""')));
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  });
});

describe('loupe split refuses', () => {
  const csv = 'id,label,split\n1,a,train\n2,b,test\n';

  it('an existing column unless --overwrite-column, which rewrites its cells in the new file', async () => {
    const file = write(folder(), 'labels.csv', csv);
    await assert.rejects(split(file, { column: 'split' }), (e: unknown) => e instanceof CliError && e.exitCode === 2 && /already has a column "split"/.test(e.message));
    const { output } = await split(file, { overwriteColumn: true, names: 'x,y' });
    const lines = output.toString().split('\n');
    assert.equal(lines[0], 'id,label,split');
    assert.ok(lines.slice(1, 3).every((l) => /^\d,[ab],[xy]$/.test(l)), lines.join('|'));
  });

  it('to write over the input (also through a link), or over an existing file without --force', async () => {
    const dir = folder();
    const file = write(dir, 'labels.csv', 'id,label\n1,a\n2,b\n');
    await assert.rejects(split(file, { out: file, force: true }), /is the input file/);
    symlinkSync(file, path.join(dir, 'link.csv'));
    await assert.rejects(split(file, { out: path.join(dir, 'link.csv'), force: true }), /is the input file/);
    const existing = write(dir, 'existing.csv', 'keep me');
    await assert.rejects(split(file, { out: existing }), /exists: pass --force/);
    assert.equal(readFileSync(existing, 'utf8'), 'keep me');
    await split(file, { out: existing, force: true });
    assert.match(readFileSync(existing, 'utf8'), /^id,label,split\n/);
  });

  it('a file with an error-level CSV problem, with exit 2 and nothing written', async () => {
    const dir = folder();
    const file = write(dir, 'labels.csv', 'id,label\n1,"a\n2,b\n');
    const out = path.join(dir, 'out.csv');
    await assert.rejects(runSplit(file, { json: true, ratios: '0.5,0.5', out }), (e: unknown) => e instanceof CliError && e.exitCode === 2 && /not read correctly/.test(e.message));
    assert.throws(() => readFileSync(out));
  });

  it('bad ratios and names', async () => {
    const file = write(folder(), 'labels.csv', 'id,label\n1,a\n2,b\n');
    await assert.rejects(split(file, { ratios: '0.5,x' }), /--ratios needs numbers/);
    await assert.rejects(split(file, { ratios: '0.5,0.5', names: 'a,a' }), /distinct/);
    await assert.rejects(split(file, { stratify: 'nope' }), /--stratify nope: no such column/);
  });
});
