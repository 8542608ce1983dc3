import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OUTCOME_CORRECT, OUTCOME_ERROR, OUTCOME_UNKNOWN } from '../dataset/outcome';
import { wilsonInterval } from '../metrics/wilson';
import { computeTagTable, suggestAction, tagRow } from './tagMetrics';

/** Rows per tag with a number of errors; each row carries exactly one tag (set id = tag id + 1). */
function build(groups: { tag: string; rows: number; errors: number }[], extra: { untagged?: number; untaggedErrors?: number; unknown?: number } = {}) {
  const outcomes: number[] = [];
  const rowSet: number[] = [];
  groups.forEach((g, id) => {
    for (let i = 0; i < g.rows; i++) {
      outcomes.push(i < g.errors ? OUTCOME_ERROR : OUTCOME_CORRECT);
      rowSet.push(id + 1);
    }
  });
  for (let i = 0; i < (extra.untagged ?? 0); i++) {
    outcomes.push(i < (extra.untaggedErrors ?? 0) ? OUTCOME_ERROR : OUTCOME_CORRECT);
    rowSet.push(0);
  }
  for (let i = 0; i < (extra.unknown ?? 0); i++) {
    outcomes.push(OUTCOME_UNKNOWN);
    rowSet.push(1);
  }
  return {
    outcomes: Uint8Array.from(outcomes),
    rowSet: Int32Array.from(rowSet),
    setTags: [[], ...groups.map((_, id) => [id])],
    tagNames: groups.map((g) => g.tag),
  };
}

const close = (actual: number | null, expected: number) => assert.ok(actual !== null && Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

describe('tag metrics: the course table', () => {
  // Speech: clean 94% accurate / HLP 95% / 60% of data; car noise 89/93/4%; people noise 87/89/30%; low bandwidth 70/70/6%.
  const inputs = build([
    { tag: 'clean speech', rows: 6000, errors: 360 },
    { tag: 'car noise', rows: 400, errors: 44 },
    { tag: 'people noise', rows: 3000, errors: 390 },
    { tag: 'low bandwidth', rows: 600, errors: 180 },
  ]);
  const hlp: Record<string, number> = { 'clean speech': 0.95, 'car noise': 0.93, 'people noise': 0.89, 'low bandwidth': 0.7 };
  const table = computeTagTable({ ...inputs, weights: (tag) => ({ hlp: hlp[tag] }) });
  const row = (tag: string | null) => table.tags.find((t) => t.tag === tag)!;

  it('reproduces accuracy, share of data, gap and potential gain', () => {
    close(row('clean speech').accuracy, 0.94);
    close(row('clean speech').shareOfData, 0.6);
    close(row('clean speech').gapToHlp, 0.01);
    close(row('clean speech').potentialGain, 0.006);
    close(row('car noise').potentialGain, 0.0016);
    close(row('people noise').potentialGain, 0.006);
    assert.equal(row('low bandwidth').potentialGain, 0);
    close(row('car noise').shareOfErrors, 44 / 974);
    close(row('car noise').errorRateInTag, 0.11);
    assert.equal(table.total, 10000);
    assert.equal(table.errors, 974);
  });

  it('ranks by potential gain × ease × importance (ties by errors), untagged last when it has no HLP', () => {
    // Clean and people noise tie at 0.6%; people noise explains more errors (390 vs 360).
    assert.deepEqual(table.tags.map((t) => t.tag), ['people noise', 'clean speech', 'car noise', 'low bandwidth', null]);
    const weighted = computeTagTable({ ...inputs, weights: (tag) => ({ hlp: hlp[tag], ease: tag === 'car noise' ? 5 : 1 }) });
    assert.equal(weighted.tags[0].tag, 'car noise');
    close(weighted.tags[0].priority, 0.008);
  });

  it('suggests what to do next', () => {
    assert.equal(suggestAction(row('car noise'), 0.93).action, 'collect-data');
    assert.equal(suggestAction(row('clean speech'), 0.93).action, 'augment');
    assert.equal(suggestAction(row('low bandwidth'), 0.93).action, 'at-human-level');
    assert.equal(suggestAction(row(null), 0.93).action, 'tag-more');
    assert.equal(suggestAction({ ...row('car noise'), hlp: null, gapToHlp: null }, 0.93).action, 'set-hlp');
    assert.equal(suggestAction({ ...row('car noise'), hlp: 0.8, hlpSource: 'labelers' }, 0.93).action, 'fix-labels');
    assert.equal(suggestAction({ ...row('car noise'), count: 3, hlp: 0.8, hlpSource: 'labelers' }, 0.93).action, 'collect-data', 'too few examples to blame the labels');
  });

  it('puts a small-sample warning next to a recommendation drawn from few examples (the issue\'s 2-example tag)', () => {
    // 2 examples, 1 right, HLP 75%: "collect more data", but with the Wilson interval beside it.
    const few = tagRow('blurry', 2, 1, 200, 20, 0.75, 'labelers');
    assert.equal(few.smallSample, true);
    assert.deepEqual(few.accuracyInterval, wilsonInterval(1, 2));
    const suggestion = suggestAction(few, 0.9);
    assert.equal(suggestion.action, 'collect-data');
    assert.match(suggestion.caution ?? '', /^Small sample: only 2 examples; the accuracy's 95% interval is 9\.5%–90\.5%/);
    assert.equal(suggestAction(row('car noise'), 0.93).caution, null, '400 examples: no caution');
    assert.equal(suggestAction(tagRow(null, 5, 5, 200, 20, null, null), 0.9).caution, null, 'untagged errors: the advice is to tag them');
  });
});

describe('tag metrics: edge cases', () => {
  it('no errors: share of errors is undefined, accuracy is 1', () => {
    const table = computeTagTable(build([{ tag: 'a', rows: 10, errors: 0 }]));
    assert.equal(table.errors, 0);
    assert.equal(table.tags[0].shareOfErrors, null);
    assert.equal(table.tags[0].accuracy, 1);
  });

  it('a tag on no rows has no rate or accuracy, and share of data 0', () => {
    const t = tagRow('empty', 0, 0, 100, 10, 0.9, 'manual');
    assert.deepEqual([t.errorRateInTag, t.accuracy, t.gapToHlp, t.potentialGain, t.priority, t.shareOfData], [null, null, null, null, null, 0]);
  });

  it('no scored rows at all: share of data is undefined (null), not 0', () => {
    const t = tagRow('a', 0, 0, 0, 0, 0.9, 'manual');
    assert.deepEqual([t.shareOfData, t.shareOfErrors, t.potentialGain], [null, null, null]);
  });

  it('lists a tag on no rows only when it is a project tag (tags.json): a renamed tag leaves the table', () => {
    const inputs = {
      outcomes: Uint8Array.from([OUTCOME_ERROR, OUTCOME_CORRECT]),
      rowSet: Int32Array.from([1, 0]),
      setTags: [[], [0]],
      tagNames: ['muffled', 'blurry'],
    };
    const names = (listed?: string[]) => computeTagTable({ ...inputs, listed }).tags.map((t) => t.tag);
    assert.deepEqual(names(), ['muffled', null], '"blurry" is on no row any more');
    assert.deepEqual(names(['blurry', 'car noise']).sort(), ['blurry', 'car noise', 'muffled', null].sort());
  });

  it('an example with several tags counts in each; untagged rows form their own group', () => {
    const inputs = {
      outcomes: Uint8Array.from([OUTCOME_ERROR, OUTCOME_CORRECT, OUTCOME_ERROR, OUTCOME_CORRECT]),
      rowSet: Int32Array.from([1, 1, 0, 2]),
      setTags: [[], [0, 1], [1]],
      tagNames: ['car noise', 'blurry'],
    };
    const table = computeTagTable(inputs);
    const get = (t: string | null) => table.tags.find((r) => r.tag === t)!;
    assert.deepEqual([get('car noise').count, get('car noise').errors], [2, 1]);
    assert.deepEqual([get('blurry').count, get('blurry').errors], [3, 1]);
    assert.deepEqual([get(null).count, get(null).errors], [1, 1]);
    assert.equal(get(null).shareOfErrors, 0.5);
  });

  it('HLP unknown: gap, gain and priority are null; rows without label or prediction are left out', () => {
    const table = computeTagTable(build([{ tag: 'a', rows: 4, errors: 1 }], { unknown: 3 }));
    assert.equal(table.total, 4);
    assert.deepEqual([table.tags[0].hlp, table.tags[0].gapToHlp, table.tags[0].potentialGain, table.tags[0].priority], [null, null, null, null]);
  });

  it('HLP from the labelers wins over a manual value', () => {
    const inputs = build([{ tag: 'a', rows: 2, errors: 1 }]);
    const agreement = { compared: Uint8Array.from([3, 3]), agreed: Uint8Array.from([3, 1]) };
    const table = computeTagTable({ ...inputs, agreement, weights: () => ({ hlp: 0.5 }) });
    close(table.tags[0].hlp, 4 / 6);
    assert.equal(table.tags[0].hlpSource, 'labelers');
  });
});

describe('tag set counts follow tag edits', () => {
  it('moving rows between sets gives the counts of a fresh pass', async () => {
    const { TagSetCounts } = await import('./tagMetrics');
    const outcomes = Uint8Array.from({ length: 50 }, (_, i) => (i % 7 === 0 ? OUTCOME_UNKNOWN : i % 3 === 0 ? OUTCOME_ERROR : OUTCOME_CORRECT));
    const rowSet = Int32Array.from({ length: 50 }, (_, i) => i % 4);
    const agreement = { compared: Uint8Array.from({ length: 50 }, (_, i) => i % 3), agreed: Uint8Array.from({ length: 50 }, (_, i) => (i % 3 ? 1 : 0)) };
    const counts = new TagSetCounts(outcomes, rowSet, agreement);
    const changes = [1, 6, 9, 14, 21, 33].map((row) => ({ row, from: rowSet[row], to: 5 }));
    for (const c of changes) rowSet[c.row] = c.to;
    counts.move(changes);
    const fresh = new TagSetCounts(outcomes, rowSet, agreement);
    for (const field of ['rows', 'errors', 'compared', 'agreed'] as const) assert.deepEqual(counts[field], fresh[field], field);
    assert.deepEqual([counts.total, counts.totalErrors], [fresh.total, fresh.totalErrors]);
  });
});
