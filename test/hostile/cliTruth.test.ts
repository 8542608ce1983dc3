/**
 * The CLI never prints a number for a file Loupe could not read correctly. Each corpus file
 * (corpus/cli/) is run through the commands as `loupe` runs them: the exact exit code, the
 * located `file:line` message on stderr, and no figure on stdout; with --allow-problems the
 * figures are computed. Scores that are not decimal numbers are counted, never ranked.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { CliError } from '../../src/cli/cliError';
import { runAgreement } from '../../src/cli/commands/agreement';
import { runAudit } from '../../src/cli/commands/audit';
import { runInfo } from '../../src/cli/commands/info';
import { runMetrics } from '../../src/cli/commands/metrics';
import { runRecord } from '../../src/cli/commands/record';
import { runTags } from '../../src/cli/commands/tags';
import { parseNumberBytes } from '../../src/core/csv/number';

const CORPUS = path.join(__dirname, 'corpus', 'cli');
const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'src', 'cli', 'loupe.ts');
const TSX = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'] as const;
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
const run = promisify(execFile);

interface Outcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

type Command = 'info' | 'metrics' | 'tags' | 'audit' | 'agreement';

let work: string;
let previousCwd: string;

/** Runs a command in-process as `loupe` does (stdout, `details` then `loupe: message` on stderr, exit code). */
async function loupe(command: Command, file: string, flags: { allowProblems?: boolean; failOnFlagged?: boolean } = {}): Promise<Outcome> {
  const stderr: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const allowProblems = flags.allowProblems ?? false;
    let result: { output: string; exitCode: number };
    if (command === 'info') result = await runInfo(file, { json: false });
    else if (command === 'audit') result = await runAudit(file, { json: false, md: false, failOnFlagged: flags.failOnFlagged ?? false, allowProblems }, ['audit', file]);
    else if (command === 'metrics') result = { output: await runMetrics(file, { json: false, allowProblems }), exitCode: 0 };
    else if (command === 'tags') result = { output: await runTags(file, { json: false, md: false, allowProblems }), exitCode: 0 };
    else result = { output: await runAgreement(file, { json: false, long: false, allowProblems }), exitCode: 0 };
    return { exitCode: result.exitCode, stdout: result.output, stderr: stderr.join('') };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    stderr.push(...error.details.map((l) => `${l}\n`), `loupe: ${error.message}\n`);
    return { exitCode: error.exitCode, stdout: '', stderr: stderr.join('') };
  } finally {
    process.stderr.write = write;
  }
}

/** The CLI in its own process, as a CI script runs it. */
async function loupeProcess(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', TSX, CLI, ...args], { cwd: work });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { exitCode: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const REFUSED = (file: string, n = 1) =>
  `loupe: ${file}: ${n} error-level CSV problem${n === 1 ? '' : 's'}: the file was not read correctly, so no figures are printed. Fix the file (or choose its encoding in .loupe/config.json), or pass --allow-problems to compute anyway\n`;
const UNTERMINATED = 'error: a quote opened here is never closed; the next 2 lines were read as part of one field. Close the quote or escape it as ""';
const NOT_UTF8 = (byte: number) => `error: bytes that are not valid UTF-8 (first at byte ${byte}); the file may be in another encoding such as Windows-1252 or Latin-1. Run "Loupe: Reopen Label File with Encoding" to choose it.`;

/** Error-level corpus files: the one located problem each must report. */
const CORRUPT: { file: string; problem: string }[] = [
  { file: 'unterminated-quote.csv', problem: `unterminated-quote.csv:3: ${UNTERMINATED}` },
  { file: 'invalid-utf8.csv', problem: `invalid-utf8.csv:3: ${NOT_UTF8(35)}` },
  { file: 'png-header.csv', problem: `png-header.csv:1: ${NOT_UTF8(0)}` },
];

before(async () => {
  previousCwd = process.cwd();
  work = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-cli-truth-')));
  await fs.mkdir(path.join(work, '.loupe'));
  for (const name of await fs.readdir(CORPUS)) await fs.copyFile(path.join(CORPUS, name), path.join(work, name));
  process.chdir(work);
});

after(async () => {
  process.chdir(previousCwd);
  await fs.rm(work, { recursive: true, force: true });
});

describe('error-level CSV problems: no figures, exit 2, the problem located', () => {
  for (const { file, problem } of CORRUPT) {
    for (const command of ['metrics', 'tags', 'audit'] as const) {
      it(`${command} ${file}`, async () => {
        const out = await loupe(command, file);
        assert.equal(out.exitCode, 2);
        assert.equal(out.stdout, '');
        assert.equal(out.stderr, `${problem}\n${REFUSED(file)}`);
      });
    }
    it(`info ${file} lists the problem and exits 2, counting no misclassified rows`, async () => {
      const out = await loupe('info', file);
      assert.equal(out.exitCode, 2);
      assert.ok(out.stdout.split('\n').includes(problem), out.stdout);
      assert.match(out.stdout, /^misclassified: not counted \(the file has error-level problems, listed below\)$/m);
    });
  }

  it('agreement on labeler columns with an unterminated quote', async () => {
    const out = await loupe('agreement', 'agreement-unterminated.csv');
    assert.equal(out.exitCode, 2);
    assert.equal(out.stdout, '');
    assert.equal(out.stderr, `agreement-unterminated.csv:2: ${UNTERMINATED.replace('the next 2 lines were', 'the next line was')}\n${REFUSED('agreement-unterminated.csv')}`);
  });

  it('record --score refuses to record metrics of a corrupt dataset', async () => {
    await assert.rejects(runRecord({ name: 'corrupt', dataset: 'unterminated-quote.csv', score: true, json: true, cwd: work }), (error: CliError) => {
      assert.equal(error.exitCode, 2);
      assert.deepEqual(error.details, [`unterminated-quote.csv:3: ${UNTERMINATED}`]);
      return true;
    });
    await assert.rejects(fs.access(path.join(work, '.loupe', 'experiments')), 'nothing was recorded');
  });

  it('--allow-problems computes anyway, the problem still on stderr', async () => {
    const out = await loupe('metrics', 'unterminated-quote.csv', { allowProblems: true });
    assert.equal(out.exitCode, 0);
    assert.equal(out.stderr, `unterminated-quote.csv:3: ${UNTERMINATED}\nloupe: unterminated-quote.csv: 1 error-level CSV problem; computed anyway (--allow-problems): the figures may be wrong\n`);
    // Rows 1 and 2 (the quote swallowed the rest, with no prediction): one example, correct.
    assert.match(out.stdout, /^unterminated-quote\.csv: 1 examples with a label and a prediction \(1 without, left out\); accuracy 1\.0000$/m);
    const tags = await loupe('tags', 'invalid-utf8.csv', { allowProblems: true });
    assert.equal(tags.exitCode, 0);
    assert.match(tags.stdout, /^3 examples with a label and a prediction, 1 errors \(accuracy 66\.7%\)/);
  });
});

describe('nothing to compute is an error that says why', () => {
  const cases: [string, string][] = [
    ['header-only.csv', 'loupe: header-only.csv: nothing to compute: the file has a header and no data rows\n'],
    ['labels-empty.csv', 'loupe: labels-empty.csv: nothing to compute: every cell of the label column "label" is empty\n'],
    ['predictions-empty.csv', 'loupe: predictions-empty.csv: nothing to compute: every cell of the prediction column "prediction" is empty\n'],
    ['empty.csv', 'loupe: empty.csv:1: empty file: no header (a label file starts with a header row naming its columns)\n'],
  ];
  for (const [file, stderr] of cases) {
    for (const command of ['metrics', 'tags', 'audit'] as const) {
      it(`${command} ${file}`, async () => {
        assert.deepEqual(await loupe(command, file), { exitCode: 2, stdout: '', stderr });
      });
    }
  }

  it('info on an empty file exits 2: empty file, no header', async () => {
    assert.deepEqual(await loupe('info', 'empty.csv'), { exitCode: 2, stdout: '', stderr: cases[3][1] });
  });

  it('a file without a label column', async () => {
    assert.deepEqual(await loupe('metrics', 'no-label-column.csv'), { exitCode: 2, stdout: '', stderr: 'loupe: no-label-column.csv: no label column (name one with --label, or set its role)\n' });
  });

  it('--positive names a class the file does not have', async () => {
    await assert.rejects(runMetrics('scores-not-decimal.csv', { json: true, positive: 'Pos' }), /^Error: --positive Pos: not a class of scores-not-decimal\.csv \(classes: neg, pos\)$/);
  });
});

describe('score cells that are not decimal numbers', () => {
  it('are left out of ROC AUC and average precision, and counted', async () => {
    const m = JSON.parse(await runMetrics('scores-not-decimal.csv', { json: true, positive: 'pos' })) as { n: number; binary: { rocAuc: number; averagePrecision: number; scoresNotANumber: number; scoresEmpty: number } };
    assert.equal(m.n, 8, 'every row still counts for accuracy and F1');
    // Ranked rows: pos 0.9, 0.8 against neg 0.7, 0.1 → AUC 1, AP 1 (0x10 = 16 or Infinity would rank a negative first).
    assert.equal(m.binary.rocAuc, 1);
    assert.equal(m.binary.averagePrecision, 1);
    assert.equal(m.binary.scoresNotANumber, 3);
    assert.equal(m.binary.scoresEmpty, 1);
    const text = await runMetrics('scores-not-decimal.csv', { json: false, positive: 'pos' });
    assert.match(text, /^score column "score": 3 not a decimal number \(first "0x10" at scores-not-decimal\.csv:3\), 1 empty; left out of the ranking metrics only$/m);
  });

  it('parseNumberBytes reads decimal numbers only (fuzzed)', () => {
    const decimal = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
    const piece = fc.constantFrom('0x10', '0X1f', 'Infinity', '-Infinity', 'inf', 'NaN', '0b11', '0o7', '1e999', '1_000', ' 2.5 ', '-.5', '+3.', '1e-3', '007', '', ' ', 'n/a', ...HOSTILE_KEYS);
    const text = fc.oneof(piece, fc.string(), fc.double().map(String), fc.integer().map(String));
    fc.assert(
      fc.property(text, (t) => {
        const bytes = new TextEncoder().encode(t);
        const value = parseNumberBytes(bytes, 0, bytes.length);
        const trimmed = t.trim();
        const expected = decimal.test(trimmed) && Number.isFinite(Number(trimmed)) ? Number(trimmed) : Number.NaN;
        assert.ok(Object.is(value, expected) || (value === 0 && expected === 0), `${JSON.stringify(t)}: ${value}, expected ${expected}`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('hostile keys and torn files', () => {
  it('class names such as __proto__ are data in metrics, tags and audit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), fc.constantFrom(...HOSTILE_KEYS)), { minLength: 1, maxLength: 12 }), async (rows) => {
        const file = path.join(work, 'hostile-keys.csv');
        await fs.writeFile(file, `id,label,prediction\n${rows.map(([l, p], i) => `${i},${l},${p}`).join('\n')}\n`);
        const m = JSON.parse(await runMetrics(file, { json: true })) as { n: number; accuracy: number; labels: string[] };
        assert.equal(m.n, rows.length);
        assert.equal(m.accuracy, rows.filter(([l, p]) => l === p).length / rows.length);
        assert.deepEqual([...m.labels].sort(), [...new Set(rows.flat())].sort());
        const audit = JSON.parse((await runAudit(file, { json: true, md: false, failOnFlagged: false }, ['audit'])).output) as { metrics: { n: number } };
        assert.equal(audit.metrics.n, rows.length);
        assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTOTYPE_NAMES);
        assert.equal(Object.getPrototypeOf({}), Object.prototype);
      }),
      { numRuns: 25 },
    );
  });

  it('a file cut at any byte gives the complete rows before the cut or a located refusal, never invented values', async () => {
    const full = 'id,label,prediction\n1,cat,cat\n2,"dog, big",dog\n3,cat,dog\n4,"a ""b""",cat\n';
    const classes = new Set(['cat', 'dog', 'dog, big', 'a "b"']);
    const file = path.join(work, 'torn.csv');
    for (let cut = 0; cut <= full.length; cut++) {
      await fs.writeFile(file, full.slice(0, cut));
      const out = await loupe('metrics', 'torn.csv');
      if (out.exitCode !== 0) {
        assert.equal(out.exitCode, 2, `cut at ${cut}`);
        assert.equal(out.stdout, '');
        assert.match(out.stderr, /^(torn\.csv:\d+: error: .*\n)*loupe: torn\.csv(:\d+)?: .+\n$/, `cut at ${cut}: ${out.stderr}`);
        continue;
      }
      const m = JSON.parse(await runMetrics('torn.csv', { json: true })) as { n: number; labels: string[] };
      // A last line cut without its line ending reads as a record (its value cut short): every class is a class of the file, or the start of one.
      for (const label of m.labels) assert.ok([...classes].some((c) => c.startsWith(label)) && label !== '', `cut at ${cut}: invented class ${JSON.stringify(label)}`);
      assert.ok(m.n <= full.slice(0, cut).split('\n').length - 1, `cut at ${cut}: ${m.n} rows`);
    }
  });
});

describe('loupe in its own process', () => {
  it('exit codes 2 with the problem on stderr, and 0 with --allow-problems; audit --fail-on-flagged fails on a corrupt file', async () => {
    const [metrics, allowed, audit, info] = await Promise.all([
      loupeProcess('metrics', 'png-header.csv'),
      loupeProcess('metrics', 'unterminated-quote.csv', '--allow-problems', '--json'),
      loupeProcess('audit', 'invalid-utf8.csv', '--fail-on-flagged'),
      loupeProcess('info', 'empty.csv'),
    ]);
    assert.deepEqual(metrics, { exitCode: 2, stdout: '', stderr: `png-header.csv:1: ${NOT_UTF8(0)}\n${REFUSED('png-header.csv')}` });
    assert.equal(allowed.exitCode, 0);
    assert.equal((JSON.parse(allowed.stdout) as { n: number }).n, 1);
    assert.match(allowed.stderr, /^unterminated-quote\.csv:3: error: /);
    assert.deepEqual(audit, { exitCode: 2, stdout: '', stderr: `invalid-utf8.csv:3: ${NOT_UTF8(35)}\n${REFUSED('invalid-utf8.csv')}` });
    assert.deepEqual(info, { exitCode: 2, stdout: '', stderr: 'loupe: empty.csv:1: empty file: no header (a label file starts with a header row naming its columns)\n' });
  });
});
