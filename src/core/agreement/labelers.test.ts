import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgementsFromRows } from './fixtures/tables';
import { computeLabelerStats, estimateHlp, scoreLeaveOneOut, summarizeHlp } from './labelers';

// Items: unanimous, 2–1, 1–1, single label, unlabeled, 2–2, 2–1–1.
const rows = ['cat cat cat dog .   cat cat', 'cat cat dog .   .   cat dog', 'cat dog .   .   .   dog cat', '.   .   .   .   .   dog bird'];

describe('labelers against the leave-one-out consensus', () => {
  const j = judgementsFromRows(rows, ['ann', 'bob', 'cy', 'di']);
  const [cat, dog] = [1, 2];
  const stats = computeLabelerStats(j);

  it('counts labeled, compared, agreed, alone and tied items', () => {
    assert.deepEqual(
      stats.map((s) => [s.name, s.labeled, s.compared, s.agreed, s.alone, s.othersTied]),
      [
        ['ann', 6, 3, 1, 1, 2],
        ['bob', 5, 4, 1, 0, 1],
        ['cy', 4, 3, 1, 0, 1],
        ['di', 2, 2, 0, 0, 0],
      ],
    );
    assert.deepEqual(
      stats.map((s) => s.agreement),
      [1 / 3, 1 / 4, 1 / 3, 0],
    );
  });

  it("scores kappa against the others' consensus (sklearn on the compared pairs)", () => {
    // ann: given [cat, cat, cat] vs consensus [cat, dog, dog] → sklearn 0.0.
    assert.equal(stats[0].kappa.kappa, 0);
    assert.equal(stats[0].kappa.n, 3);
  });

  it('names the class each labeler disagrees on most', () => {
    assert.deepEqual(stats[0].mostDisagreed, { category: dog, disagreements: 2, compared: 2, mostGivenInstead: cat });
    assert.deepEqual(stats[1].mostDisagreed, { category: cat, disagreements: 2, compared: 3, mostGivenInstead: dog });
    assert.equal(computeLabelerStats(judgementsFromRows(['a b', 'a b']))[0].mostDisagreed, null);
  });

  it('estimates HLP as agreed over compared, pooled over labelers', () => {
    const hlp = estimateHlp(j);
    assert.deepEqual(hlp, { hlp: 3 / 12, agreed: 3, compared: 12, items: 5 });
  });

  it('estimates HLP on a subset from a mask, an index list, or precomputed scores', () => {
    const mask = Uint8Array.of(1, 1, 0, 0, 0, 0, 0);
    const list = Uint32Array.of(0, 1);
    const expected = { hlp: 3 / 4, agreed: 3, compared: 4, items: 2 };
    assert.deepEqual(estimateHlp(j, mask), expected);
    assert.deepEqual(estimateHlp(j, list), expected);
    assert.deepEqual(summarizeHlp(scoreLeaveOneOut(j), list), expected);
    assert.equal(estimateHlp(j, Uint32Array.of(3)).hlp, null);
  });

  it('rejects subsets that do not fit the items', () => {
    assert.throws(() => estimateHlp(j, Uint8Array.of(1)), RangeError);
    assert.throws(() => estimateHlp(j, Uint32Array.of(7)), RangeError);
  });
});
