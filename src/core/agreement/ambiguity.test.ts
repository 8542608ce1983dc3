import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeAmbiguity, itemsConfusing } from './ambiguity';
import { judgementsFromRows } from './fixtures/tables';

// Items: {cat,cat,dog}, {cat,dog}, {dog,dog,bird}, {bird}, {cat,cat,cat}.
const rows = ['cat cat dog  bird cat', 'cat dog dog  .    cat', 'dog .   bird .    cat'];

describe('labeler-vs-labeler confusion', () => {
  const j = judgementsFromRows(rows);
  const [bird, cat, dog] = [0, 1, 2];
  const result = computeAmbiguity(j);

  it('counts each unordered judgement pair once per direction', () => {
    const m = result.matrix!;
    const at = (a: number, b: number) => m[a * 3 + b];
    // cat–dog: item 0 has 2·1 split pairs, item 1 has 1.
    assert.equal(at(cat, dog), 3);
    assert.equal(at(dog, cat), 3);
    assert.equal(at(dog, bird), 2);
    assert.equal(at(cat, bird), 0);
    // Diagonal = 2 × agreeing pairs: cat 1 (item 0) + 3 (item 4); dog 1 (item 2).
    assert.equal(at(cat, cat), 8);
    assert.equal(at(dog, dog), 2);
    // Σ M = Σ n(n − 1) = 6 + 2 + 6 + 0 + 6.
    assert.equal(m.reduce((s, v) => s + v, 0), 20);
    assert.equal(result.totalPairs, 10);
  });

  it('ranks class pairs by count with a rate over the pairs touching either class', () => {
    // involving(cat) = 3 + 4 = 7, involving(dog) = 3 + 2 + 1 = 6, involving(bird) = 2.
    assert.deepEqual(result.pairs, [
      { a: cat, b: dog, count: 3, items: 2, rate: 3 / (7 + 6 - 3) },
      { a: bird, b: dog, count: 2, items: 1, rate: 2 / (2 + 6 - 2) },
    ]);
  });

  it('lists the items behind a pair', () => {
    assert.deepEqual([...itemsConfusing(j, cat, dog)], [0, 1]);
    assert.deepEqual([...itemsConfusing(j, dog, cat, Uint32Array.of(1, 2))], [1]);
    assert.deepEqual([...itemsConfusing(j, cat, cat)], []);
  });
});
