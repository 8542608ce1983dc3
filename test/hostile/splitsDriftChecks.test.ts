// Hostile inputs for splits, drift and data checks: each case asserts the exact outcome.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runAudit } from '../../src/cli/commands/audit';
import { describeDataChecks } from '../../src/extension/dataChecks/dataCheckProblems';
import { checkLoadedFile } from '../../src/node/dataChecksOfFile';
import { loadWithSettings } from '../../src/node/loadWithSettings';
import { findDuplicates, normalizeInput } from '../../src/core/dataChecks/findDuplicates';
import { driftCategorical, driftNumeric } from '../../src/core/drift/detectDrift';
import { encodeColumn } from '../../src/core/metrics/fixtures/encode';
import { SplitError, splitRows } from '../../src/core/splits/splitRows';

const HOSTILE = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

function prototypeUntouched(run: () => void): void {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  run();
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
}

describe('hostile: splits', () => {
  it('classes named like Object keys are strata of their own, with exact counts', () => {
    prototypeUntouched(() => {
      const labels = HOSTILE.flatMap((name) => new Array<string>(10).fill(name));
      const { summary } = splitRows({ rowCount: labels.length, ratios: [0.6, 0.2, 0.2], seed: 5, label: encodeColumn(labels) });
      assert.deepEqual(
        summary.byStratum.map((s) => [s.stratum, { ...s.counts }]),
        ['__proto__', 'constructor', 'hasOwnProperty', 'prototype', 'toString'].map((name) => [name, { train: 6, dev: 2, test: 2 }]),
      );
      assert.equal(summary.warnings.length, 15);
    });
  });
  it('one group holding 200,000 rows stays whole (generated)', () => {
    const n = 200_000;
    const group = { codes: new Int32Array(n), dictionary: ['__proto__'] };
    const { assignment, summary } = splitRows({ rowCount: n, ratios: [0.6, 0.2, 0.2], seed: 1, group });
    assert.ok(assignment.every((s) => s === assignment[0]));
    assert.equal(summary.groups, 1);
    assert.equal(summary.groupsSpanning, 0);
    assert.deepEqual({ ...summary.counts }, { train: n, dev: 0, test: 0 });
  });
  it('refuses ratios that are not numbers, with a code', () => {
    for (const ratios of [[Number.NaN], [Number.POSITIVE_INFINITY, 1], [0, 0], []]) {
      assert.throws(() => splitRows({ rowCount: 1, ratios, seed: 1 }), (e: unknown) => e instanceof SplitError && e.code === 'badRatios');
    }
  });
  it('codes outside the dictionary read as missing, never as a class', () => {
    const label = { codes: Int32Array.from([0, 7, -3]), dictionary: ['a'] };
    const { summary } = splitRows({ rowCount: 3, ratios: [1], seed: 1, label });
    assert.deepEqual(summary.byStratum.map((s) => [s.label, s.counts.split1]), [['a', 1], [null, 2]]);
  });
});

describe('hostile: drift', () => {
  it('a new category named constructor is reported as data', () => {
    prototypeUntouched(() => {
      const drift = driftCategorical('__proto__', encodeColumn(['toString', 'toString']), encodeColumn(['toString', 'constructor']));
      assert.deepEqual(drift.newCategories, ['constructor']);
      assert.equal(drift.name, '__proto__');
      assert.equal(drift.psiLevel, 'drifted');
    });
  });
  it('an empty current file prints no number: every figure is null, never NaN', () => {
    const categorical = driftCategorical('label', encodeColumn(['a']), encodeColumn([]));
    const numeric = driftNumeric('age', Float64Array.from([1, 2]), new Float64Array(0));
    assert.equal(JSON.stringify(categorical).includes('NaN'), false);
    assert.deepEqual([categorical.psi, categorical.chi2, categorical.chi2P, categorical.missing.current], [null, null, null, null]);
    assert.deepEqual([numeric.ks, numeric.missing.current, numeric.drifted], [null, null, false]);
  });
  it('infinite values are values: D 0 between identical samples holding ±Infinity', () => {
    const values = Float64Array.from([Number.NEGATIVE_INFINITY, 0, Number.POSITIVE_INFINITY]);
    assert.deepEqual(driftNumeric('x', values, values).ks, { d: 0, p: 1 });
  });
});

describe('hostile: data checks', () => {
  it('inputs that differ only by case, width of whitespace or Unicode form are one group', () => {
    const keys = ['__PROTO__', ' __proto__ ', 'Constructor', 'constructor', 'e\u0301', '\u00e9'].map(normalizeInput);
    const report = findDuplicates({ keys, label: encodeColumn(['x', 'y', 'x', 'x', 'a', 'a']) });
    assert.deepEqual([report.duplicateGroups, report.duplicateRows, report.conflictingGroups], [3, 6, 1]);
    assert.deepEqual(report.examples[0], { rows: [0, 1], size: 2, labels: ['x', 'y'], splits: [], conflict: true, leaked: false });
  });
  it('a million distinct keys: no duplicates (generated)', () => {
    const keys = Array.from({ length: 1_000_000 }, (_, i) => `k${i}`);
    const report = findDuplicates({ keys });
    assert.deepEqual([report.keyedRows, report.duplicateGroups, report.examples.length], [1_000_000, 0, 0]);
  });
});

describe('hostile: data checks in the Problems panel and in the audit', () => {
  it('the open table finds what `loupe audit --json` finds, with inputs, labels and splits named like Object keys', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-hostile-checks-'));
    const file = path.join(dir, 'labels.csv');
    const rows = HOSTILE.flatMap((name, i) => [`a${i},${name},${name},${name},train`, `b${i}, ${name.toUpperCase()} ,${i % 2 ? name : 'other'},${name},${i % 2 ? 'test' : 'train'}`]);
    writeFileSync(file, ['id,text,label,prediction,split', ...rows].join('\n') + '\n');
    const audit = JSON.parse((await runAudit(file, { json: true, md: false, failOnFlagged: false }, ['audit'])).output).dataChecks;
    const section = await checkLoadedFile(await loadWithSettings(file), file, dir, { hashMedia: false });
    assert.deepEqual(JSON.parse(JSON.stringify(section)), audit);
    assert.deepEqual([section!.duplicateGroups, section!.conflictingGroups, section!.leakedGroups], [5, 3, 2]);
    const problems = describeDataChecks(section);
    assert.equal(problems.filter((p) => p.code === 'leakage').length + problems.filter((p) => p.code === 'conflictingLabels').length, section!.examples.filter((e) => e.leaked || e.conflict).length);
    assert.ok(problems.some((p) => p.message.includes('"__proto__"')));
  });
});
