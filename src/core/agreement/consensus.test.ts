import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_MAJORITY, TIE, computeConsensus, modalLabelsOf } from './consensus';
import { KRIPPENDORFF_2011, WIKIPEDIA_FLEISS, judgementsFromCountTable, judgementsFromRows } from './fixtures/tables';
import { NOT_LABELED } from './judgements';
import { percentAgreement } from './percentAgreement';

// Items: unanimous, 2–1, 1–1 tie, single label, unlabeled, 2–2 tie, 2–1–1.
const rows = ['cat cat cat dog .   cat cat', 'cat cat dog .   .   cat dog', 'cat dog .   .   .   dog cat', '.   .   .   .   .   dog bird'];

describe('per-item consensus', () => {
  const j = judgementsFromRows(rows);
  const [bird, cat, dog] = [0, 1, 2];

  it('sorts the shared categories', () => {
    assert.deepEqual(j.categories, ['bird', 'cat', 'dog']);
  });

  it('counts labels, finds the modal label, and reports ties as ties', () => {
    const c = computeConsensus(j);
    assert.deepEqual([...c.labelCount], [3, 3, 2, 1, 0, 4, 4]);
    assert.deepEqual([...c.modal], [cat, cat, TIE, dog, NOT_LABELED, TIE, cat]);
    assert.deepEqual([...c.consensus], [...c.modal]);
    assert.deepEqual([...c.agreement].slice(0, 4), [1, 2 / 3, 1 / 2, 1]);
    assert.ok(Number.isNaN(c.agreement[4]));
    assert.deepEqual([...c.agreement].slice(5), [1 / 2, 1 / 2]);
    assert.deepEqual([...c.disagreement], [0, 1, 1, 0, 0, 1, 1]);
    assert.deepEqual([c.labeledItems, c.tiedItems, c.disagreementItems], [6, 2, 4]);
    assert.equal(bird, 0);
  });

  it("with rule 'majority', needs more than half of the labels", () => {
    const c = computeConsensus(j, { rule: 'majority' });
    assert.deepEqual([...c.consensus], [cat, cat, TIE, dog, NOT_LABELED, TIE, NO_MAJORITY]);
  });

  it('lists the tied labels of an item', () => {
    assert.deepEqual(modalLabelsOf(j, 5), [cat, dog]);
    assert.deepEqual(modalLabelsOf(j, 6), [cat]);
    assert.deepEqual(modalLabelsOf(j, 4), []);
  });

  it('leaves items outside a subset unlabeled', () => {
    const c = computeConsensus(j, { subset: Uint32Array.of(1, 5) });
    assert.deepEqual([...c.modal], [NOT_LABELED, cat, NOT_LABELED, NOT_LABELED, NOT_LABELED, TIE, NOT_LABELED]);
  });
});

describe('percent agreement', () => {
  it('averages the agreeing-pair share over items with two or more labels', () => {
    const j = judgementsFromRows(rows);
    // Items 0, 1, 2, 5, 6: 1, 1/3, 0, 2/6, 1/6.
    const result = percentAgreement(j);
    assert.equal(result.items, 5);
    assert.ok(Math.abs(result.value! - (1 + 1 / 3 + 0 + 1 / 3 + 1 / 6) / 5) < 1e-15);
  });

  it('matches the numpy reference on the published examples', () => {
    const k = percentAgreement(judgementsFromRows(KRIPPENDORFF_2011.rows));
    assert.equal(k.items, 11);
    assert.ok(Math.abs(k.value! - 0.8181818181818182) < 1e-15);
    // Wikipedia's P̄ = 0.378.
    const w = percentAgreement(judgementsFromCountTable(WIKIPEDIA_FLEISS, ['1', '2', '3', '4', '5']));
    assert.ok(Math.abs(w.value! - 0.378021978021978) < 1e-15);
  });

  it('is null when no item has a pair', () => {
    assert.equal(percentAgreement(judgementsFromRows(['a .', '. b'])).value, null);
  });
});
