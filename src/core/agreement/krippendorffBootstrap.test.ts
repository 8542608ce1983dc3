import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KRIPPENDORFF_2011, judgementsFromRows } from './fixtures/tables';
import { naiveAlpha } from './fixtures/naiveAlpha';
import type { Judgements } from './judgements';
import { bootstrapKrippendorffAlpha } from './krippendorffBootstrap';
import { mulberry32 } from './random';

/** Percentiles of alpha over `replicates` resamples of the pairable units, one draw at a time. */
function naiveInterval(j: Judgements, replicates: number, seed: number, level: number): [number, number] {
  const units = Array.from({ length: j.itemCount }, (_, i) => i).filter((u) => j.raters.filter((r) => r[u] >= 0).length >= 2);
  const uniform = mulberry32(seed);
  const alphas: number[] = [];
  for (let r = 0; r < replicates; r++) {
    const alpha = naiveAlpha(j, units.map(() => units[Math.floor(uniform() * units.length)]));
    if (Number.isFinite(alpha)) alphas.push(alpha);
  }
  alphas.sort((x, y) => x - y);
  return [alphas[Math.floor(((1 - level) / 2) * alphas.length)], alphas[Math.floor(((1 + level) / 2) * alphas.length)]];
}

/** 3 raters × 300 units, 4 classes, 70% agreement: many rare patterns sharing unit counts. */
function noisyJudgements(): Judgements {
  const uniform = mulberry32(11);
  const truth = Array.from({ length: 300 }, () => Math.floor(uniform() * 4));
  const rows = [0, 1, 2].map(() => truth.map((t) => (uniform() < 0.1 ? '.' : String(uniform() < 0.7 ? t : Math.floor(uniform() * 4)))).join(' '));
  return judgementsFromRows(rows);
}

describe('bootstrap interval for alpha', () => {
  it('is deterministic for a seed and brackets the estimate', () => {
    const j = judgementsFromRows(KRIPPENDORFF_2011.rows);
    const a = bootstrapKrippendorffAlpha(j, { seed: 7 });
    assert.deepEqual(bootstrapKrippendorffAlpha(j, { seed: 7 }), a);
    assert.deepEqual([a.replicates, a.level, a.seed], [1000, 0.95, 7]);
    assert.ok(a.lower! < 0.743 && 0.743 < a.upper!, `${a.lower} .. ${a.upper}`);
    assert.notDeepEqual(bootstrapKrippendorffAlpha(j, { seed: 8 }), a);
  });

  it('leaves out replicates that drew no variation', () => {
    const interval = bootstrapKrippendorffAlpha(judgementsFromRows(['a b a b', 'a b a b']), { replicates: 50 });
    assert.deepEqual([interval.patterns, interval.lower, interval.upper], [2, 1, 1]);
    assert.ok(interval.undefinedReplicates > 0 && interval.undefinedReplicates < 50);
  });

  it('has no interval without pairable units', () => {
    const interval = bootstrapKrippendorffAlpha(judgementsFromRows(['a .', '. b']));
    assert.deepEqual([interval.lower, interval.upper, interval.undefinedReplicates], [null, null, 1000]);
  });

  // Krippendorff's example: 8 of 11 units agree, so P(α* = 1) = (8/11)^11 ≈ 3%: a level whose
  // upper quantile sits on that jump would compare noise, hence 0.8 there.
  for (const [name, build, level] of [
    ["Krippendorff's example", () => judgementsFromRows(KRIPPENDORFF_2011.rows), 0.8],
    ['300 noisy units', noisyJudgements, 0.95],
  ] as const) {
    it(`matches naive unit-by-unit resampling in distribution (${name})`, () => {
      const j = build();
      const [lower, upper] = naiveInterval(j, 4000, 99, level);
      const fast = bootstrapKrippendorffAlpha(j, { replicates: 4000, seed: 3, level });
      assert.ok(Math.abs(fast.lower! - lower) < 0.03, `lower ${fast.lower} vs ${lower}`);
      assert.ok(Math.abs(fast.upper! - upper) < 0.03, `upper ${fast.upper} vs ${upper}`);
    });
  }
});
