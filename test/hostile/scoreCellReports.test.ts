/**
 * Score cells that are not decimal numbers (DOMAIN §1) are counted and reported by the Metrics
 * view (through the dataset worker) and the audit report as they are by `loupe metrics`: the
 * same counts, the first such cell with its line, the cell's text kept as data (hostile text
 * quoted, never markup), and nothing said when every score is a number or there is no ranking.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { runAudit } from '../../src/cli/commands/audit';
import { runMetrics } from '../../src/cli/commands/metrics';
import type { AuditReport } from '../../src/core/audit/auditReport';
import { describeLeftOutScores, type ScoreCellCounts } from '../../src/core/audit/scoreCells';
import { withCsvProblemsSection } from '../../src/extension/commands/auditProblems';
import { DatasetSession } from '../../src/worker/datasetSession';

const CORPUS = path.join(__dirname, 'corpus', 'cli');
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'] as const;
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-score-cells-'));
let written = 0;

function write(text: string): string {
  const file = path.join(dir, `labels-${written++}.csv`);
  writeFileSync(file, text);
  return file;
}

/** A binary file whose score column holds `scores`, one row each (quoted as CSV). */
function binaryFile(scores: string[]): string {
  const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  return write(`id,label,prediction,score\n${scores.map((s, i) => `r${i},${i % 2 ? 'neg' : 'pos'},${i % 3 ? 'neg' : 'pos'},${cell(s)}`).join('\n')}\n`);
}

async function audit(file: string, allowProblems = false): Promise<{ json: AuditReport; markdown: string; exitCode: number }> {
  const json = await runAudit(file, { json: true, md: false, failOnFlagged: false, allowProblems }, ['audit', file]);
  const md = await runAudit(file, { json: false, md: true, failOnFlagged: false, allowProblems }, ['audit', file]);
  return { json: JSON.parse(json.output) as AuditReport, markdown: md.output, exitCode: json.exitCode };
}

async function viewMetrics(file: string) {
  const session = await DatasetSession.load(file, {});
  try {
    return await session.modelMetrics('pos', undefined);
  } finally {
    session.close();
  }
}

describe('score cells that are not numbers, in the Metrics view and the audit', () => {
  it('the corpus file: the view, the audit JSON and markdown give the counts loupe metrics gives', async () => {
    const file = path.join(CORPUS, 'scores-not-decimal.csv');
    const cli = JSON.parse(await runMetrics(file, { json: true, positive: 'pos' })) as { binary: { scoresNotANumber: number; scoresEmpty: number } };
    const expected: ScoreCellCounts = { empty: 1, notANumber: 3, first: { line: 3, text: '0x10' } };
    assert.deepEqual([cli.binary.scoresNotANumber, cli.binary.scoresEmpty], [expected.notANumber, expected.empty]);
    assert.deepEqual((await viewMetrics(file)).scoreCells, expected);
    const report = await audit(file);
    assert.equal(report.exitCode, 0);
    assert.deepEqual(report.json.metrics.scoreCells, expected);
    const lines = report.markdown.split('\n');
    const ranking = lines.indexOf('## Ranking (binary)');
    assert.ok(ranking >= 0);
    assert.equal(lines[ranking + 4], '3 score cells are not numbers (first "0x10" on line 3) and 1 is empty: left out of ROC AUC and AP');
    assert.ok(lines.indexOf('## All slices') > ranking + 4, 'the line is in the ranking section');
  });

  it('hostile first cells are quoted as data: newlines, markup, prototype keys, long text', async () => {
    const cases: [string, string][] = [
      // JSON's backslash, escaped for markdown (it renders as "a\nb").
      ['a\nb', '"a\\\\nb"'],
      ['say "hi"', '"say \\\\"hi\\\\""'],
      ['<img src=x onerror=alert(1)>', '"\\<img src=x onerror=alert(1)\\>"'],
      ['[x](javascript:alert(1))', '"\\[x\\](javascript:alert(1))"'],
      ['`code` **b** _i_ # h | t ~', '"\\`code\\` \\*\\*b\\*\\* \\_i\\_ \\# h \\| t \\~"'],
      ...HOSTILE_KEYS.map((k): [string, string] => [k, `"${k.replaceAll('_', '\\_')}"`]),
      ['x'.repeat(200), `"${'x'.repeat(40)}…"`],
    ];
    for (const [text, shown] of cases) {
      const file = binaryFile(['0.9', '0.1', '0.8', text, '0.3', '0.6']);
      const report = await audit(file);
      assert.deepEqual(report.json.metrics.scoreCells, { empty: 0, notANumber: 1, first: { line: 5, text } }, text);
      assert.ok(report.markdown.split('\n').includes(`1 score cell is not a number (first ${shown} on line 5): left out of ROC AUC and AP`), text);
      assert.deepEqual((await viewMetrics(file)).scoreCells?.first, { line: 5, text });
    }
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTOTYPE_NAMES);
  });

  it('says nothing when every score is a number, and has no field when nothing is ranked', async () => {
    const clean = await audit(binaryFile(['0.9', '0.1', '0.8', '0.2']));
    assert.deepEqual(clean.json.metrics.scoreCells, { empty: 0, notANumber: 0, first: null });
    assert.doesNotMatch(clean.markdown, /score cells?/);
    const threeClasses = write('id,label,prediction,score\na,x,x,n/a\nb,y,z,0.5\nc,z,y,\n');
    const multi = await audit(threeClasses);
    assert.equal(multi.json.metrics.binary, null);
    assert.equal('scoreCells' in multi.json.metrics, false);
    assert.doesNotMatch(multi.markdown, /left out of ROC AUC/);
    const noScore = await audit(write('id,label,prediction\na,x,x\nb,y,x\n'));
    assert.equal('scoreCells' in noScore.json.metrics, false);
  });

  it('empty cells only, and a file generated with 100,000 rows', async () => {
    const blanks = await audit(binaryFile(['0.9', '', '0.8', '  ', '0.3']));
    assert.deepEqual(blanks.json.metrics.scoreCells, { empty: 2, notANumber: 0, first: null });
    assert.ok(blanks.markdown.split('\n').includes('2 score cells are empty: left out of ROC AUC and AP'));
    const scores = Array.from({ length: 100_000 }, (_, i) => (i % 1000 === 999 ? 'n/a' : i % 5000 === 7 ? '' : String((i % 97) / 97)));
    const big = binaryFile(scores);
    const expected = { empty: 20, notANumber: 100, first: { line: 1001, text: 'n/a' } };
    assert.deepEqual((await audit(big)).json.metrics.scoreCells, expected);
    assert.deepEqual((await viewMetrics(big)).scoreCells, expected);
  });

  it('a report made anyway has "## CSV problems" first and "## CSV problems and warnings" once, near the end', async () => {
    const file = write('id,label,prediction,score\n1,pos,pos,0.9\n2,neg,neg,n/a\n3,pos,neg,0.2,extra\n4,"neg,pos,0.7\n');
    const report = await audit(file, true);
    const errors = report.json.csvProblems.filter((p) => p.severity === 'error');
    assert.ok(errors.length > 0, 'the file has an error-level problem');
    const full = withCsvProblemsSection(report.markdown, path.basename(file), errors.map((p) => ({ ...p, kind: 'unterminated-quote', severity: 'error' as const })));
    const headings = full.split('\n').filter((l) => l.startsWith('## CSV problems'));
    assert.deepEqual(headings, ['## CSV problems', '## CSV problems and warnings']);
    assert.ok(full.indexOf('## CSV problems and warnings') > full.indexOf('## All slices'));
  });

  it('fuzzed score columns: the counts, the first cell and its line are exact; keys stay data', async () => {
    const decimal = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
    const cell = fc.oneof(
      fc.constantFrom(...HOSTILE_KEYS, 'n/a', '0x10', 'Infinity', '-Infinity', 'NaN', '', ' ', '1e999', '1_000'),
      fc.double({ min: -10, max: 10, noNaN: true }).map(String),
      fc.stringMatching(/^[a-z0-9 ._-]{0,6}$/),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 4, maxLength: 30 }), async (cells) => {
        const scores = ['0.9', '0.1', '0.8', '0.2', ...cells];
        const expected: ScoreCellCounts = { empty: 0, notANumber: 0, first: null };
        scores.forEach((s, i) => {
          if (s.trim() === '') expected.empty++;
          else if (!decimal.test(s) || !Number.isFinite(Number(s))) {
            expected.notANumber++;
            expected.first ??= { line: i + 2, text: s };
          }
        });
        const counts = (await viewMetrics(binaryFile(scores))).scoreCells;
        assert.deepEqual(counts, expected);
        assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTOTYPE_NAMES);
      }),
      { numRuns: 60 },
    );
  });

  it('the line says one and many, with thousands separated', () => {
    assert.equal(describeLeftOutScores(undefined), '');
    assert.equal(describeLeftOutScores({ empty: 0, notANumber: 0, first: null }), '');
    assert.equal(describeLeftOutScores({ empty: 1, notANumber: 0, first: null }), '1 score cell is empty: left out of ROC AUC and AP');
    assert.equal(describeLeftOutScores({ empty: 3, notANumber: 12, first: { line: 40, text: 'n/a' } }), '12 score cells are not numbers (first "n/a" on line 40) and 3 are empty: left out of ROC AUC and AP');
    assert.equal(describeLeftOutScores({ empty: 0, notANumber: 1234, first: { line: 2, text: '-' } }), '1,234 score cells are not numbers (first "-" on line 2): left out of ROC AUC and AP');
  });
});
