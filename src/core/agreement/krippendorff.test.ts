import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { KRIPPENDORFF_2011, WIKIPEDIA_FLEISS, judgementsFromCountTable, judgementsFromRows } from './fixtures/tables';
import { coincidenceMatrix, krippendorffAlpha } from './krippendorff';
import { naiveAlpha } from './fixtures/naiveAlpha';

const example = () => judgementsFromRows(KRIPPENDORFF_2011.rows, KRIPPENDORFF_2011.coders);

describe("Krippendorff's alpha (nominal)", () => {
  it("reproduces Krippendorff's worked example with missing data: 0.743", () => {
    const result = krippendorffAlpha(example());
    assert.equal(result.pairableValues, 40);
    assert.equal(result.pairableUnits, 11);
    assert.equal(Number(result.alpha!.toFixed(3)), 0.743);
    // Exactly 1 − 39·8 / (40² − 384) = 113/152.
    assert.ok(Math.abs(result.alpha! - 113 / 152) < 1e-15);
    assert.ok(Math.abs(result.alpha! - 0.743421052631579) < 1e-15);
  });

  it('builds the published coincidence matrix', () => {
    const o = coincidenceMatrix(example());
    const expected = [
      [7, 4 / 3, 1 / 3, 1 / 3, 0],
      [4 / 3, 10, 4 / 3, 1 / 3, 0],
      [1 / 3, 4 / 3, 8, 1 / 3, 0],
      [1 / 3, 1 / 3, 1 / 3, 4, 0],
      [0, 0, 0, 0, 3],
    ];
    expected.flat().forEach((v, at) => assert.ok(Math.abs(o[at] - v) < 1e-12, `o[${at}] = ${o[at]}, expected ${v}`));
  });

  it('agrees with the numpy coincidence-matrix reference on the Fleiss table', () => {
    const j = judgementsFromCountTable(WIKIPEDIA_FLEISS, ['1', '2', '3', '4', '5']);
    assert.ok(Math.abs(krippendorffAlpha(j).alpha! - 0.21557405653322692) < 1e-15);
  });

  it('reports undefined cases with a reason', () => {
    assert.equal(krippendorffAlpha(judgementsFromRows(['a b .', '. . c'])).reason, 'no unit has two or more values');
    const same = krippendorffAlpha(judgementsFromRows(['a a a', 'a a b']), Uint32Array.of(0, 1));
    assert.equal(same.alpha, null);
    assert.match(same.reason!, /same category/);
  });

  it('restricts to a subset given as a mask or an index list', () => {
    const j = example();
    const mask = Uint8Array.from({ length: 12 }, (_, i) => (i < 6 ? 1 : 0));
    assert.equal(krippendorffAlpha(j, mask).alpha, krippendorffAlpha(j, Uint32Array.of(0, 1, 2, 3, 4, 5)).alpha);
    assert.ok(Math.abs(krippendorffAlpha(j, mask).alpha! - naiveAlpha(j, [0, 1, 2, 3, 4, 5])) < 1e-12);
  });

  it('matches a naive implementation on random data', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 8, maxLength: 8 }), { minLength: 2, maxLength: 5 }), (rows) => {
        const j = judgementsFromRows(rows.map((r) => r.map((v) => (v < 0 ? '.' : `c${v}`)).join(' ')));
        const fast = krippendorffAlpha(j).alpha;
        const units = Array.from({ length: 8 }, (_, i) => i);
        if (fast === null) return;
        assert.ok(Math.abs(fast - naiveAlpha(j, units)) < 1e-12);
      }),
    );
  });
});
