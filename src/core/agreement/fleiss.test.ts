import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KRIPPENDORFF_2011, WIKIPEDIA_FLEISS, judgementsFromCountTable, judgementsFromRows } from './fixtures/tables';
import { fleissKappa, fleissKappaFromTable } from './fleiss';

// statsmodels 0.13.5: fleiss_kappa(WIKIPEDIA_FLEISS, method='fleiss').
const STATSMODELS_WIKIPEDIA = 0.20993070442195522;

describe("Fleiss' kappa", () => {
  it("reproduces Wikipedia's example (0.210) and statsmodels to full precision", () => {
    const result = fleissKappaFromTable(WIKIPEDIA_FLEISS);
    assert.equal(Number(result.kappa!.toFixed(3)), 0.21);
    assert.equal(Number(result.observed.toFixed(3)), 0.378);
    assert.equal(Number(result.expected.toFixed(3)), 0.213);
    assert.ok(Math.abs(result.kappa! - STATSMODELS_WIKIPEDIA) < 1e-15, String(result.kappa));
  });

  it('gives the same from judgements (14 raters per item)', () => {
    const result = fleissKappa(judgementsFromCountTable(WIKIPEDIA_FLEISS, ['1', '2', '3', '4', '5']));
    assert.deepEqual([result.ratersPerItem, result.items, result.excludedItems], [14, 10, 0]);
    assert.ok(Math.abs(result.kappa! - STATSMODELS_WIKIPEDIA) < 1e-15);
  });

  it('uses only the items with the most common label count', () => {
    // Krippendorff's example: counts 3, 4×8, 3, 2, 1 → m = 4 over 8 units.
    const result = fleissKappa(judgementsFromRows(KRIPPENDORFF_2011.rows));
    assert.deepEqual([result.ratersPerItem, result.items, result.excludedItems], [4, 8, 4]);
    // statsmodels on those 8 rows: 0.6414565826330533.
    assert.ok(Math.abs(result.kappa! - 0.6414565826330533) < 1e-15);
  });

  it('breaks a tie between label counts toward more raters', () => {
    const result = fleissKappa(judgementsFromRows(['a b', 'a b', 'a .']));
    assert.deepEqual([result.ratersPerItem, result.items], [3, 1]);
  });

  it('ignores unlabeled and single-label items when choosing the label count', () => {
    const result = fleissKappa(judgementsFromRows(['. . . a b', '. . . a b']));
    assert.deepEqual([result.ratersPerItem, result.items, result.excludedItems, result.kappa], [2, 2, 0, 1]);
  });

  it('is null with a reason when undefined', () => {
    assert.equal(fleissKappa(judgementsFromRows(['a .', '. b'])).reason, 'no item has two or more labels');
    assert.equal(fleissKappa(judgementsFromRows(['a a', 'a a'])).kappa, null);
  });

  it('rejects tables whose rows differ in their number of ratings', () => {
    assert.throws(() => fleissKappaFromTable([[1, 1], [2, 1]]), RangeError);
  });
});
