import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { confidentLearningCases } from '../../core/labelIssues/fixtures/confidentLearningReference';
import { CliError } from '../cliError';
import * as scoreReading from '../../core/labelIssues/fixtures/scoreReadingReference';
import { runIssues } from './issues';

function file(csv: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loupe-cli-issues-'));
  writeFileSync(path.join(root, 'labels.csv'), csv);
  return path.join(root, 'labels.csv');
}

const NAMES = ['setosa', 'versicolor', 'virginica'];
/** The iris reference case as a label file: ids, class names and p_<class> columns. */
function irisCsv(names = NAMES): string {
  const c = confidentLearningCases.iris;
  const lines = [`id,label,${names.map((n) => `p_${n}`).join(',')}`];
  c.given.forEach((g, i) => lines.push([`f${i}`, names[g], ...c.probabilities.slice(i * 3, i * 3 + 3)].join(',')));
  return `${lines.join('\n')}\n`;
}

describe('loupe issues', () => {
  it('prints the reference thresholds, confident joint and ranked issues, with 1-based rows and ids', async () => {
    const ref = confidentLearningCases.iris;
    const { output, exitCode } = await runIssues(file(irisCsv()), { json: true });
    const out = JSON.parse(output);
    assert.equal(exitCode, 0);
    assert.deepEqual([out.rows, out.used, out.leftOut, out.classes], [150, 150, 0, NAMES]);
    assert.deepEqual(out.confidentJoint, ref.confidentJoint);
    NAMES.forEach((n, j) => assert.ok(Math.abs(out.thresholds[n] - ref.thresholds[j]) < 1e-12));
    assert.deepEqual(
      out.issues.map((e: { row: number; id: string; label: string; suggested: string }) => [e.row, e.id, e.label, e.suggested]),
      ref.issues.map((e) => [e.row + 1, `f${e.row}`, NAMES[e.given], NAMES[e.suggested]]),
    );
  });

  it('exits 1 with --fail-above when the share of likely errors is higher, 0 when it is not', async () => {
    const csv = file(irisCsv());
    const share = confidentLearningCases.iris.issues.length / 150;
    assert.equal((await runIssues(csv, { json: true, failAbove: share - 0.001 })).exitCode, 1);
    assert.equal((await runIssues(csv, { json: true, failAbove: share })).exitCode, 0);
  });

  it('keeps class names that are Object.prototype keys as data', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const names = ['__proto__', 'constructor', 'toString'];
    const out = JSON.parse((await runIssues(file(irisCsv(names)), { json: true })).output);
    assert.deepEqual(out.classes, names);
    assert.deepEqual(Object.keys(out.thresholds), names);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  });

  it('names a class without a probability column, and refuses a file with an error-level problem', async () => {
    await assert.rejects(runIssues(file(irisCsv().replace('p_virginica', 'q_virginica')), { json: true }), (e: unknown) => e instanceof CliError && /"virginica"/.test(e.message));
    await assert.rejects(runIssues(file(`${irisCsv()}f150,setosa,"0.5,0.5,0\n`), { json: true }), CliError);
  });

  it('reports rows whose probabilities do not sum to 1 with their rows and lines, and uses them as they are', async () => {
    const lines = irisCsv().trimEnd().split('\n');
    const cells = lines[3].split(',');
    cells[2] = String(Number(cells[2]) / 2);
    lines[3] = cells.join(',');
    const out = JSON.parse((await runIssues(file(`${lines.join('\n')}\n`), { json: true })).output);
    assert.deepEqual(out.probabilityProblems, [{ kind: 'notSummingToOne', count: 1, rows: [3], lines: [4] }]);
    assert.equal(out.used, 150);
  });

  it('reads the probability role from .loupe/config.json: a column given another role is not used', async () => {
    const csv = file(irisCsv());
    const root = path.dirname(csv);
    mkdirSync(path.join(root, '.loupe'));
    writeFileSync(path.join(root, '.loupe', 'config.json'), JSON.stringify({ version: 1, datasets: { 'labels.csv': { roles: { p_virginica: 'other' } } } }));
    await assert.rejects(runIssues(csv, { json: true }), (e: unknown) => e instanceof CliError && /"virginica"/.test(e.message));
    writeFileSync(path.join(root, '.loupe', 'config.json'), JSON.stringify({ version: 1, datasets: { 'labels.csv': { roles: { p_virginica: 'probability' } } } }));
    assert.equal(JSON.parse((await runIssues(csv, { json: true })).output).used, 150);
  });
});

describe('loupe issues --score reads the score as loupe metrics does (fixtures/scoreReadingReference.py)', () => {
  type Issue = { row: number; label: string; suggested: string; selfConfidence: number; normalizedMargin: number };
  const CLASSES = ['benign', 'malignant'];
  for (const [name, ref] of Object.entries(scoreReading)) {
    it(`${name}: read as ${ref.scoreScale} (${ref.scoreReadAs}); thresholds, confident joint and ranked issues match the reference`, async () => {
      const { output, exitCode } = await runIssues(file(ref.csv), { json: true, score: 'score', positive: ref.positive });
      assert.equal(exitCode, 0);
      const out = JSON.parse(output) as { scoreScale: string; scoreReadAs: string; scoreReading: string; thresholds: Record<string, number>; confidentJoint: number[][]; issues: Issue[] };
      assert.deepEqual([out.scoreScale, out.scoreReadAs], [ref.scoreScale, ref.scoreReadAs]);
      CLASSES.forEach((c, j) => assert.ok(Math.abs(out.thresholds[c] - ref.thresholds[j]) < 1e-12, `${c}: ${out.thresholds[c]} != ${ref.thresholds[j]}`));
      assert.deepEqual(out.confidentJoint, ref.confidentJoint);
      assert.deepEqual(
        out.issues.map((e) => [e.row, e.label, e.suggested]),
        ref.issues.map((e) => [e.row + 1, CLASSES[e.given], CLASSES[e.suggested]]),
      );
      out.issues.forEach((e, i) => assert.ok(Math.abs(e.selfConfidence - ref.issues[i].selfConfidence) < 1e-12 && Math.abs(e.normalizedMargin - ref.issues[i].normalizedMargin) < 1e-12, `row ${e.row}`));
    });
  }

  it('says how the score was read in the text output, never as 1 − logit', async () => {
    const text = (await runIssues(file(scoreReading.logitOtherClass.csv), { json: false, score: 'score', positive: 'malignant' })).output;
    assert.match(text, /score: score read as a logit or margin for the other class, negated: score for malignant = −score .*; P\(malignant\) = 1 \/ \(1 \+ e\^−score\)/);
    const percent = (await runIssues(file(scoreReading.percent.csv), { json: false, score: 'score', positive: 'malignant' })).output;
    assert.match(percent, /score: score read as a percent: P\(malignant\) = score \/ 100/);
  });

  it('an unknown positive class is an error (exit code 2) that lists the classes', async () => {
    await assert.rejects(runIssues(file(scoreReading.percent.csv), { json: true, score: 'score', positive: 'Malignant' }), (e: unknown) => e instanceof CliError && e.exitCode === 2 && /Malignant.*benign, malignant/.test(e.message));
  });
});
