/**
 * One reading of values through the CLI and the loaded file: spellings of one number agree,
 * look-alike classes are warnings in `loupe metrics`, `agreement` and `audit` (text and JSON)
 * and in the file's problems (what the Problems panel shows).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { filterRows } from '../../core/dataset/view';
import { loadDatasetFile } from '../../node/loadDataset';
import { runAgreement } from './agreement';
import { runAudit } from './audit';
import { runMetrics } from './metrics';
import { runTags } from './tags';

function file(csv: string): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loupe-values-'));
  writeFileSync(path.join(root, 'labels.csv'), csv);
  return path.join(root, 'labels.csv');
}

// labeler_1 has no gaps and is written as integers; labeler_2 has gaps, so pandas wrote it as floats.
const NUMERIC = ['id,label,prediction,labeler_1,labeler_2', '1,6,6.0,6,6.0', '2,1,1.0,1,', '3,6,1.0,6,6.0', '4,1,1.0,1,1.0', '5,6,6.0,6,', '6,1,6.0,6,6.0', ''].join('\n');
const LOOK_ALIKE = ['id,label,prediction,labeler_1,labeler_2', '1,cat,cat,cat,cat', '2,dog,Dog,dog,dog', '3,cat, cat,cat, cat', '4,dog,dog,dog,dog', ''].join('\n');
const CAT = 'classes " cat" (prediction, labeler_2) and "cat" (label, prediction, labeler_1, labeler_2) differ only in surrounding whitespace: they are counted as 2 different classes. If they mean one class, write them the same way.';
const DOG = 'classes "Dog" (prediction) and "dog" (label, prediction, labeler_1, labeler_2) differ only in letter case: they are counted as 2 different classes. If they mean one class, write them the same way.';

describe('labeler columns written 6 and 6.0 are read as one class', () => {
  it('gives the agreement of identical spellings (loupe agreement)', async () => {
    const mixed = JSON.parse(await runAgreement(file(NUMERIC), { json: true, long: false }));
    const plain = JSON.parse(await runAgreement(file(NUMERIC.replaceAll('.0', '')), { json: true, long: false }));
    assert.equal(mixed.krippendorffAlpha, plain.krippendorffAlpha);
    assert.equal(mixed.fleissKappa, plain.fleissKappa);
    assert.equal(mixed.hlp, 1);
    assert.deepEqual(mixed.cohen, plain.cohen);
    assert.deepEqual(mixed.ambiguousPairs, []);
    assert.deepEqual(mixed.warnings, []);
  });

  it('gives the per-tag HLP and accuracy of identical spellings (loupe tags)', async () => {
    const tagged = (csv: string) => csv.split('\n').map((line, i) => (line === '' ? line : `${line},${i === 0 ? 'tags' : i % 2 ? 'noisy' : 'clean'}`)).join('\n');
    const mixed = JSON.parse(await runTags(file(tagged(NUMERIC)), { json: true, md: false }));
    const plain = JSON.parse(await runTags(file(tagged(NUMERIC.replaceAll('.0', ''))), { json: true, md: false }));
    assert.deepEqual(mixed.tags, plain.tags);
    const named = mixed.tags.filter((t: { tag: string | null }) => t.tag !== null);
    assert.deepEqual(named.map((t: { tag: string }) => t.tag).sort(), ['clean', 'noisy']);
    for (const t of named) assert.equal(t.hlp, 1, `HLP in ${t.tag}: the labelers agree on every example`);
  });

  it('counts the prediction 6.0 as right for the label 6 (loupe metrics)', async () => {
    const m = JSON.parse(await runMetrics(file(NUMERIC), { json: true }));
    assert.deepEqual(m.labels, ['1', '6']);
    assert.equal(m.accuracy, 4 / 6);
  });

  it('shows every spelling of a class when a confusion cell is opened in the table', async () => {
    const { dataset } = await loadDatasetFile(file(NUMERIC));
    const label = dataset.columns.find((c) => c.name === 'label')!.index;
    const prediction = dataset.columns.find((c) => c.name === 'prediction')!.index;
    const rows = filterRows({ dataset, outcomes: undefined }, { columns: [{ column: label, values: ['6'], byClass: true }, { column: prediction, values: ['6'], byClass: true }] });
    assert.deepEqual([...rows], [0, 4]);
    assert.deepEqual([...filterRows({ dataset, outcomes: undefined }, { columns: [{ column: prediction, values: ['6'] }] })], [], 'exact text without byClass');
  });
});

describe('look-alike classes are warnings everywhere', () => {
  it('in loupe metrics, text and JSON', async () => {
    const f = file(LOOK_ALIKE);
    assert.deepEqual(JSON.parse(await runMetrics(f, { json: true })).warnings, [CAT, DOG]);
    const text = (await runMetrics(f, { json: false })).split('\n');
    assert.deepEqual(text.slice(0, 2), [`${f}: warning: ${CAT}`, `${f}: warning: ${DOG}`]);
  });

  it('in loupe agreement, text and JSON', async () => {
    const f = file(LOOK_ALIKE);
    assert.deepEqual(JSON.parse(await runAgreement(f, { json: true, long: false })).warnings, [CAT, DOG]);
    assert.ok((await runAgreement(f, { json: false, long: false })).startsWith(`${f}: warning: ${CAT}\n`));
  });

  it('in loupe audit, JSON and markdown, and not twice among the CSV problems', async () => {
    const f = file(LOOK_ALIKE);
    const report = JSON.parse((await runAudit(f, { json: true, md: false, failOnFlagged: false }, ['audit'])).output);
    assert.deepEqual(report.warnings, [CAT, DOG]);
    assert.deepEqual(report.csvProblems, []);
    assert.equal(report.csvProblemCount, 0);
    const markdown = (await runAudit(f, { json: false, md: false, failOnFlagged: false }, ['audit'])).output;
    assert.ok(markdown.includes('## Warnings\n\n- ⚠ classes " cat" (prediction, labeler\\_2) and "cat"'), markdown.slice(0, 600));
  });

  it("in the file's problems, at the first line where a spelling occurs", async () => {
    const { dataset } = await loadDatasetFile(file(LOOK_ALIKE));
    const warnings = dataset.problems.filter((p) => p.kind === 'look-alike-classes');
    assert.deepEqual(
      warnings.map((p) => [p.line, p.severity, p.message]),
      [
        [2, 'warning', CAT],
        [3, 'warning', DOG],
      ],
    );
  });
});
