import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assignClasses } from './classes';
import { encodeColumn } from './fixtures/encode';
import { slices as reference } from './fixtures/sklearnReference';
import { auditSlices, type SliceAudit, type SliceColumn, type SliceKeyPart } from './slices';

const TOLERANCE = 1e-12;

function close(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= TOLERANCE, `${what}: ${actual} != ${expected}`);
}

function sliceColumn(name: string, values: readonly string[]): SliceColumn {
  return { name, ...encodeColumn(values) };
}

function audit(options = {}): SliceAudit {
  const { columns } = reference;
  const label = encodeColumn(columns.label);
  const prediction = encodeColumn(columns.prediction);
  const a = assignClasses(label.dictionary, prediction.dictionary, label.codes, prediction.codes);
  return auditSlices(a.truth, a.prediction, a.classes.length, [sliceColumn('device', columns.device), sliceColumn('accent', columns.accent)], options);
}

const keyText = (key: readonly SliceKeyPart[] | readonly (readonly [string, string | null])[]): string =>
  key.map((part) => (Array.isArray(part) ? `${part[0]}=${part[1]}` : `${(part as SliceKeyPart).column}=${(part as SliceKeyPart).value}`)).join('&');

describe('auditSlices (pandas groupby + sklearn f1_score + statsmodels Wilson)', () => {
  it('matches the reference overall figures', () => {
    const result = audit();
    assert.equal(result.overall.n, reference.overall.n);
    close(result.overall.accuracy, reference.overall.accuracy, 'overall accuracy');
    close(result.overall.macroF1, reference.overall.macroF1, 'overall macro F1');
    assert.equal(result.skipped, reference.skipped);
    assert.equal(result.margin, 0.02);
  });

  it('matches every slice and every pair of columns', () => {
    const result = audit();
    const byKey = new Map(result.slices.map((s) => [keyText(s.key), s]));
    assert.equal(result.slices.length, reference.slices.length);
    for (const expected of reference.slices) {
      const name = keyText(expected.key as unknown as [string, string | null][]);
      const actual = byKey.get(name);
      assert.ok(actual, `missing slice ${name}`);
      assert.equal(actual.n, expected.n, name);
      assert.equal(actual.correct, expected.correct, name);
      close(actual.accuracy, expected.accuracy!, `${name} accuracy`);
      close(actual.macroF1, expected.macroF1!, `${name} macro F1`);
      close(actual.interval.lower, expected.lower!, `${name} lower`);
      close(actual.interval.upper, expected.upper!, `${name} upper`);
      close(actual.difference, expected.accuracy! - reference.overall.accuracy!, `${name} difference`);
      assert.equal(actual.flagged, expected.flagged, name);
    }
  });

  it('does not flag a 3-example slice at 67% accuracy, but flags a large slice at 80%', () => {
    const result = audit();
    const watch = result.slices.find((s) => keyText(s.key) === 'device=watch')!;
    assert.equal(watch.n, 3);
    assert.equal(watch.correct, 2);
    assert.ok(watch.accuracy < result.overall.accuracy - 0.2);
    assert.equal(watch.flagged, false);
    const car = result.slices.find((s) => keyText(s.key) === 'device=car')!;
    assert.ok(car.n > 150);
    assert.equal(car.flagged, true);
    assert.ok(car.severity > 0.02);
  });

  it('sorts flagged slices first, then by severity', () => {
    const { slices } = audit();
    const firstUnflagged = slices.findIndex((s) => !s.flagged);
    assert.ok(firstUnflagged > 0);
    assert.ok(slices.slice(firstUnflagged).every((s) => !s.flagged));
    for (let i = 1; i < slices.length; i++) {
      if (slices[i].flagged === slices[i - 1].flagged) assert.ok(slices[i - 1].severity >= slices[i].severity);
    }
    assert.equal(keyText(slices[0].key), 'device=car'); // upper 0.848, below car & accent=in's 0.850
  });

  it('keeps empty slice values as their own slice', () => {
    const missing = audit().slices.find((s) => keyText(s.key) === 'device=null')!;
    assert.equal(missing.n, 17);
  });

  it('takes a margin, leaves pairs out on request, and skips groupings with too many slices', () => {
    assert.equal(audit({ margin: 0.2 }).slices.filter((s) => s.flagged).length, 0);
    const singles = audit({ pairs: false });
    assert.ok(singles.slices.every((s) => s.key.length === 1));
    assert.equal(singles.slices.length, 9);
    const capped = audit({ maxSlices: 4 });
    assert.deepEqual(capped.omitted, [['device'], ['device', 'accent']]);
    assert.ok(capped.slices.every((s) => s.key.length === 1 && s.key[0].column === 'accent'));
  });

  it('handles rows without labels and an empty file', () => {
    const none = auditSlices(Int32Array.of(-1, 0), Int32Array.of(0, -1), 1, [{ name: 'x', codes: Int32Array.of(0, 0), dictionary: ['a'] }]);
    assert.deepEqual(none.overall, { n: 0, correct: 0, accuracy: 0, macroF1: 0 });
    assert.equal(none.skipped, 2);
    assert.deepEqual(none.slices, []);
  });
});
