import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { confidentLearningCases, type ConfidentLearningCase } from '../../core/labelIssues/fixtures/confidentLearningReference';
import { runAudit } from './audit';

function file(csv: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loupe-cli-audit-issues-'));
  writeFileSync(path.join(root, 'labels.csv'), csv);
  return path.join(root, 'labels.csv');
}

const argMax = (p: number[]) => p.reduce((best, v, j) => (v > p[best] ? j : best), 0);

/** A reference case as a label file: id, label, the model's arg-max as prediction, and p_c<j> per class. */
function multiclassCsv(c: ConfidentLearningCase): string {
  const k = c.classCount;
  const name = (j: number) => `c${j}`;
  const lines = [`id,label,prediction,${Array.from({ length: k }, (_, j) => `p_${name(j)}`).join(',')}`];
  c.given.forEach((g, i) => {
    const p = c.probabilities.slice(i * k, (i + 1) * k);
    lines.push([`r${i}`, name(g), name(argMax(p)), ...p].join(','));
  });
  return `${lines.join('\n')}\n`;
}

async function audit(csv: string) {
  const json = JSON.parse((await runAudit(file(csv), { json: true, md: false, failOnFlagged: false }, ['audit'])).output);
  const md = (await runAudit(file(csv), { json: false, md: true, failOnFlagged: false }, ['audit'])).output;
  return { json, md };
}

describe('loupe audit: likely label errors', () => {
  it('counts, shares per class and lists the lowest self-confidence issues as the reference implementation finds them', async () => {
    const ref = confidentLearningCases.digits;
    const { json, md } = await audit(multiclassCsv(ref));
    const s = json.labelIssues;
    assert.equal(s.count, ref.issues.length);
    assert.equal(s.used, ref.given.length);
    assert.equal(s.share, ref.issues.length / ref.given.length);
    s.perClass.forEach((c: { class: string; rows: number; issues: number; share: number }, j: number) => {
      assert.equal(c.class, `c${j}`);
      assert.equal(c.rows, ref.given.filter((g) => g === j).length);
      assert.equal(c.issues, ref.issues.filter((e) => e.given === j).length);
      assert.equal(c.share, c.issues / c.rows);
    });
    assert.deepEqual(
      s.top.map((e: { row: number; id: string; label: string; suggested: string }) => [e.row, e.id, e.label, e.suggested]),
      ref.issues.slice(0, 20).map((e) => [e.row + 1, `r${e.row}`, `c${e.given}`, `c${e.suggested}`]),
    );
    s.top.forEach((e: { selfConfidence: number }, i: number) => assert.ok(Math.abs(e.selfConfidence - ref.issues[i].selfConfidence) < 1e-12));
    assert.match(md, new RegExp(`## Likely label errors\\n\\nConfident learning .*\\*\\*${ref.issues.length}\\*\\* likely label errors among 600 rows`));
    assert.match(md, /must be out-of-sample/);
    assert.match(md, new RegExp(`\\| ${ref.issues[0].row + 1} \\| r${ref.issues[0].row} \\| c${ref.issues[0].given} \\| c${ref.issues[0].suggested} \\|`));
  });

  it('reads a binary score column on the probability scale as P(positive)', async () => {
    const ref = confidentLearningCases.breastCancerBinary;
    const lines = ['id,label,prediction,score', ...ref.given.map((g, i) => [`r${i}`, g, ref.positive![i] >= 0.5 ? 1 : 0, ref.positive![i]].join(','))];
    const { json } = await audit(`${lines.join('\n')}\n`);
    assert.equal(json.labelIssues.count, ref.issues.length);
    assert.deepEqual(json.labelIssues.probabilityColumns, ['score', 'score']);
    assert.deepEqual(json.labelIssues.top.map((e: { row: number }) => e.row), ref.issues.slice(0, 20).map((e) => e.row + 1));
  });

  it('has no section without probabilities', async () => {
    const { json, md } = await audit('id,label,prediction\na,x,x\nb,y,x\nc,y,y\n');
    assert.equal(json.labelIssues, null);
    assert.doesNotMatch(md, /Likely label errors/);
  });
});
