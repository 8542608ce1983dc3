/** `loupe agreement --json` carries every figure of the Agreement view, with what it was computed on (fixtures/agreementReference.py). */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { agreement as reference } from './fixtures/agreementReference';
import { runAgreement } from './agreement';

const TOLERANCE = 1e-12;

function file(csv: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-agreement-'));
  writeFileSync(path.join(dir, 'labels.csv'), csv);
  return path.join(dir, 'labels.csv');
}

function close(actual: number | null, expected: number | null, what: string): void {
  assert.ok(actual !== null && expected !== null && Math.abs(actual - expected) <= TOLERANCE, `${what}: ${actual} != ${expected}`);
}

interface Json {
  items: number;
  labelsPerItem: { labels: number; items: number }[];
  fleissKappa: number;
  fleissItems: number;
  fleissLabelsPerItem: number;
  fleissExcludedItems: number;
  alphaItems: number;
  alphaJudgements: number;
  percentAgreementItems: number;
  perLabeler: { labeler: string; n: number; compared: number; agreed: number; agreementWithConsensus: number; kappa: number; mostDisagreedClass: string | null }[];
  ambiguousPairs: { a: string; b: string; count: number; items: number; rate: number }[];
  consensus: { labeled: number; tied: number; disagreements: number };
  confusion: { categories: string[]; matrix: number[][] };
  hlp: number;
  hlpCompared: number;
  hlpItems: number;
  hlpBySlice: { column: string; value: string; hlp: number; items: number; compared: number }[];
}

describe('loupe agreement --json (pandas, scikit-learn and statsmodels reference)', () => {
  it('labels per item, and Fleiss on the items with the most common count', async () => {
    const j = JSON.parse(await runAgreement(file(reference.csv), { json: true, long: false })) as Json;
    assert.deepEqual(j.labelsPerItem, reference.labelsPerItem);
    assert.equal(j.items, reference.labelsPerItem.reduce((sum, l) => sum + l.items, 0));
    assert.deepEqual([j.fleissItems, j.fleissLabelsPerItem], [reference.fleissItems, 3]);
    assert.equal(j.fleissItems + j.fleissExcludedItems, j.items);
    close(j.fleissKappa, reference.fleissKappa, "Fleiss' kappa");
    assert.equal(j.alphaItems, reference.labelsPerItem.filter((l) => l.labels >= 2).reduce((sum, l) => sum + l.items, 0));
    assert.equal(j.alphaJudgements, reference.labelsPerItem.filter((l) => l.labels >= 2).reduce((sum, l) => sum + l.items * l.labels, 0));
  });

  it('per-labeler kappa against the leave-one-out majority of the others, with the items compared', async () => {
    const j = JSON.parse(await runAgreement(file(reference.csv), { json: true, long: false })) as Json;
    assert.equal(j.perLabeler.length, reference.perLabeler.length);
    j.perLabeler.forEach((l, i) => {
      const expected = reference.perLabeler[i];
      assert.deepEqual([l.labeler, l.n, l.compared, l.agreed], [expected.labeler, expected.n, expected.compared, expected.agreed]);
      close(l.agreementWithConsensus, expected.agreementWithConsensus, `${l.labeler} agreement`);
      close(l.kappa, expected.kappa, `${l.labeler} kappa`);
    });
  });

  it('HLP overall and per slice value, with the items and comparisons behind each', async () => {
    const j = JSON.parse(await runAgreement(file(reference.csv), { json: true, long: false })) as Json;
    close(j.hlp, reference.hlp.hlp, 'HLP');
    assert.deepEqual([j.hlpItems, j.hlpCompared], [reference.hlp.items, reference.hlp.compared]);
    assert.equal(j.hlpBySlice.length, reference.hlpBySlice.length);
    for (const expected of reference.hlpBySlice) {
      const got = j.hlpBySlice.find((h) => h.column === expected.column && h.value === expected.value);
      assert.ok(got, `${expected.column} = ${expected.value}`);
      assert.deepEqual([got.items, got.compared], [expected.items, expected.compared]);
      close(got.hlp, expected.hlp, `HLP of ${expected.value}`);
    }
  });

  it('the view’s other figures: consensus counts, the labeler-vs-labeler confusion, pairs with their examples', async () => {
    const j = JSON.parse(await runAgreement(file(reference.csv), { json: true, long: false })) as Json;
    assert.equal(j.consensus.labeled, j.items);
    assert.ok(j.consensus.disagreements > 0 && j.consensus.tied <= j.consensus.disagreements);
    assert.deepEqual(j.confusion.categories, ['cat', 'dog', 'fox']);
    const m = j.confusion.matrix;
    assert.deepEqual(m, m.map((row, a) => row.map((_, b) => m[b][a])), 'symmetric');
    for (const p of j.ambiguousPairs) {
      assert.equal(p.count, m[j.confusion.categories.indexOf(p.a)][j.confusion.categories.indexOf(p.b)]);
      assert.ok(p.items > 0 && p.items <= j.items);
    }
  });

  it('the text output gives HLP per slice and the labels per item', async () => {
    const text = await runAgreement(file(reference.csv), { json: false, long: false });
    assert.match(text, /labels per item: 5 with 1, 34 with 2, 81 with 3/);
    const web = reference.hlpBySlice.find((h) => h.value === 'web')!;
    assert.ok(text.includes(`| device = web | ${web.items} | ${web.compared} | ${(web.hlp * 100).toFixed(1)}% |`), text);
  });
});
