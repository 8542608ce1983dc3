/** `loupe audit --threshold`: the same figures as `loupe metrics --threshold`, on the scale the score was read (fixtures/scoreReadingReference.py). */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as reference from '../../core/metrics/fixtures/scoreReadingReference';
import { runAudit } from './audit';

const run = promisify(execFile);
const CLI = path.join(__dirname, '..', 'loupe.ts');
const TSX = pathToFileURL(path.join(__dirname, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

function file(csv: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-audit-threshold-'));
  writeFileSync(path.join(dir, 'labels.csv'), csv);
  return path.join(dir, 'labels.csv');
}

/** The CLI in its own process: exit code, stdout and stderr. */
async function loupe(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', TSX, CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface AtThreshold {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12;

describe('loupe audit --threshold', () => {
  for (const [name, fixture] of [
    ['logit negated', reference.logitNegated],
    ['integer percent', reference.integerPercent],
  ] as const) {
    it(`${name}: the JSON has the counts, precision, recall and F1 at the threshold, as scikit-learn gives them`, async () => {
      const csv = file(fixture.csv);
      for (const expected of fixture.atThreshold) {
        const { output, exitCode } = await runAudit(csv, { json: true, md: false, failOnFlagged: false, positive: fixture.positive, threshold: expected.threshold }, ['audit']);
        assert.equal(exitCode, 0);
        const t = (JSON.parse(output) as { metrics: { binary: { atThreshold: AtThreshold; scoreReadAs: string } } }).metrics.binary.atThreshold;
        assert.equal(t.threshold, expected.threshold);
        assert.deepEqual([t.truePositives, t.falsePositives, t.falseNegatives, t.trueNegatives], [expected.truePositives, expected.falsePositives, expected.falseNegatives, expected.trueNegatives], `${name} at ${expected.threshold}`);
        assert.ok(close(t.precision, expected.precision) && close(t.recall, expected.recall) && close(t.f1, expected.f1), `${name} at ${expected.threshold}: ${JSON.stringify(t)}`);
      }
    });
  }

  it('reports the threshold in the markdown, and the default when none is given', async () => {
    const fixture = reference.logitNegated;
    const expected = fixture.atThreshold.find((a) => a.threshold === 0.2)!;
    const markdown = (await runAudit(file(fixture.csv), { json: false, md: true, failOnFlagged: false, positive: fixture.positive, threshold: 0.2 }, ['audit'])).output;
    assert.ok(markdown.includes(`At threshold 0.2 (on the scale read): TP ${expected.truePositives}, FP ${expected.falsePositives}, FN ${expected.falseNegatives}, TN ${expected.trueNegatives}`), markdown);
    const byDefault = (await runAudit(file(fixture.csv), { json: false, md: true, failOnFlagged: false, positive: fixture.positive }, ['audit'])).output;
    assert.match(byDefault, /At threshold 0 \(on the scale read\)/, 'a logit is cut at 0');
  });

  it('exits 0 with the flag, 2 on a threshold that is not a number, and warns when the data are not binary with a score', async () => {
    const csv = file(reference.integerPercent.csv);
    const ok = await loupe('audit', csv, '--json', '--positive', reference.integerPercent.positive, '--threshold', '0.3');
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { metrics: { binary: { atThreshold: AtThreshold } } }).metrics.binary.atThreshold.threshold, 0.3);
    const bad = await loupe('audit', csv, '--threshold', 'high');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--threshold/);
    const multi = file('id,label,prediction\n1,a,a\n2,b,c\n3,c,c\n');
    const unused = await loupe('audit', multi, '--json', '--threshold', '0.3');
    assert.equal(unused.code, 0);
    assert.match(unused.stderr, /--threshold 0\.3 not used: it applies to two classes with a score column/);
  });
});
