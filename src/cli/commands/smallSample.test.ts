/**
 * Small samples are not findings: per-tag accuracy intervals and small-n warnings in `loupe tags`
 * and `loupe audit` (JSON and markdown), tags put only on errors kept out of the slice flags, and
 * gaps, gains and priorities in one unit (statsmodels reference: fixtures/smallSampleReference.py).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as reference from '../../core/errorAnalysis/fixtures/smallSampleReference';
import { formatPoints } from '../../core/metrics/units';
import { runAudit } from './audit';
import { runTags } from './tags';

const TOLERANCE = 1e-12;
const close = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE;

function file(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-small-sample-'));
  writeFileSync(path.join(dir, 'labels.csv'), reference.csv);
  return path.join(dir, 'labels.csv');
}

interface TagJson {
  tag: string | null;
  count: number;
  accuracy: number;
  accuracyInterval: { lower: number; upper: number } | null;
  smallSample: boolean;
}

describe('per-tag figures carry their interval and a small-sample flag', () => {
  it('gives each tag the 95% Wilson interval of its accuracy, as statsmodels does, and flags fewer than 30 examples', async () => {
    const out = JSON.parse(await runTags(file(), { json: true, md: false })) as { tags: TagJson[]; suggestions: { tag: string | null; caution: string | null }[] };
    for (const [name, expected] of Object.entries(reference.tags)) {
      const row = out.tags.find((t) => t.tag === name)!;
      assert.equal(row.count, expected.n, name);
      assert.ok(close(row.accuracy, expected.accuracy), name);
      assert.ok(close(row.accuracyInterval!.lower, expected.lower) && close(row.accuracyInterval!.upper, expected.upper), `${name}: ${JSON.stringify(row.accuracyInterval)}`);
      assert.equal(row.smallSample, expected.n < 30, name);
    }
    const mislabeled = out.suggestions.find((s) => s.tag === 'mislabeled');
    assert.equal(mislabeled?.caution, 'Small sample: only 6 examples; the accuracy\'s 95% interval is 0.0%–39.0%, so treat this as a lead, not a finding (tag more examples first).');
    assert.equal(out.suggestions.find((s) => s.tag === 'car noise')?.caution ?? null, null, '48 examples: no caution');
  });

  it('puts the interval and the warning in the markdown table and next to the recommendation', async () => {
    const text = await runTags(file(), { json: false, md: true });
    assert.match(text, /\| blurry \|.*\| 50\.0% \| 9\.5%–90\.5% ⚠ small n \|/);
    assert.match(text, /- \*\*mislabeled\*\*: .* ⚠ Small sample: only 6 examples/);
  });
});

describe('slices in the audit', () => {
  interface SliceJson {
    key: { column: string; value: string | null }[];
    n: number;
    interval: { lower: number; upper: number };
    flagged: boolean;
    smallSample: boolean;
    errorOnlyTag?: boolean;
  }
  const slice = (results: SliceJson[], column: string, value: string) => results.find((s) => s.key.length === 1 && s.key[0].column === column && s.key[0].value === value)!;

  it('keeps a tag put only on errors out of the flags and says why; small slices carry the flag and their interval', async () => {
    const { output, exitCode } = await runAudit(file(), { json: true, md: false, failOnFlagged: true, slices: 'device,tags' }, ['audit']);
    const report = JSON.parse(output) as { slices: { results: SliceJson[]; flagged: number } };
    const mislabeled = slice(report.slices.results, 'tag', 'mislabeled');
    assert.ok(reference.tags.mislabeled.errorOnly && reference.tags.mislabeled.upper < reference.overall.accuracy - 0.02, 'the fixture would be flagged without the rule');
    assert.deepEqual([mislabeled.n, mislabeled.flagged, mislabeled.errorOnlyTag], [reference.tags.mislabeled.n, false, true]);
    const watch = slice(report.slices.results, 'device', 'watch');
    assert.deepEqual([watch.n, watch.smallSample, watch.flagged], [3, true, false]);
    assert.ok(close(watch.interval.lower, reference.slices.watch.lower) && close(watch.interval.upper, reference.slices.watch.upper));
    assert.equal(slice(report.slices.results, 'device', 'phone').smallSample, false);
    assert.equal(report.slices.flagged, 0);
    assert.equal(exitCode, 0, '--fail-on-flagged does not fail on a tag chosen because its rows were wrong');
    const markdown = (await runAudit(file(), { json: false, md: true, failOnFlagged: false, slices: 'device,tags' }, ['audit'])).output;
    assert.match(markdown, /Not flagged: "mislabeled" is a tag put only on misclassified examples/);
  });
});

describe('one unit for amounts of accuracy', () => {
  it('writes gaps, gains and priorities as points of accuracy everywhere', async () => {
    assert.deepEqual([formatPoints(0.02347), formatPoints(0), formatPoints(null), formatPoints(-0.012, 1, true), formatPoints(0.05, 1, true)], ['2.35 pts', '0.00 pts', '—', '−1.2 pts', '+5.0 pts']);
    const text = await runTags(file(), { json: false, md: true });
    const header = text.split('\n').find((l) => l.startsWith('| tag'))!;
    const carNoise = text.split('\n').find((l) => l.startsWith('| car noise'))!.split('|').map((c) => c.trim());
    const columns = header.split('|').map((c) => c.trim());
    for (const name of ['gap to HLP', 'potential gain', 'priority']) {
      const value = carNoise[columns.indexOf(name)];
      assert.ok(value === '—' || / pts$/.test(value), `${name}: ${value}`);
    }
  });
});
