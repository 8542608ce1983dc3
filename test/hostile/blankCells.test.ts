/**
 * Whitespace-only label, prediction and labeler cells (DOMAIN.md §1: an empty or
 * whitespace-only cell is missing, never a class), for every reader of labels: metrics (core
 * and `loupe metrics`), the misclassified filter and error analysis's outcomes, agreement.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { judgementsOfDataset } from '../../src/core/agreement/fromDataset';
import { NOT_LABELED } from '../../src/core/agreement/judgements';
import { summarizeAgreement } from '../../src/core/agreement/summary';
import { computeModelMetrics, resolveMetricColumns } from '../../src/core/audit/modelMetrics';
import type { Dataset } from '../../src/core/dataset/dataset';
import { DatasetLoader } from '../../src/core/dataset/loader';
import { computeOutcomes, OUTCOME_CORRECT, OUTCOME_ERROR, OUTCOME_UNKNOWN } from '../../src/core/dataset/outcome';
import { filterRows } from '../../src/core/dataset/view';
import { runMetrics } from '../../src/cli/commands/metrics';

// Rows 2, 4 and 6 hold a label, a prediction or a labeler's answer of spaces or a tab only.
const CSV = ['id,label,prediction,ann,bob', '1,cat,cat,cat,cat', '2,   ,dog,dog, ', '3,dog,cat,dog,cat', '4,cat,\t,cat,cat', '5,dog,dog,dog,dog', '6,  ,  ,  ,\t', ''].join('\n');

function loadText(text: string): Dataset {
  const loader = new DatasetLoader({ headBytes: 16, roles: { label: 'label', prediction: 'prediction', ann: 'labeler', bob: 'labeler' } });
  loader.push(new TextEncoder().encode(text));
  return loader.end();
}

describe('whitespace-only cells are missing, never a class', () => {
  let work: string;
  before(async () => (work = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-blank-'))));
  after(async () => fs.rm(work, { recursive: true, force: true }));

  it('metrics leave the rows out (counted as skipped) and list no blank class', () => {
    const dataset = loadText(CSV);
    const columns = resolveMetricColumns(dataset, {});
    assert.ok(typeof columns !== 'string', String(columns));
    const metrics = computeModelMetrics(dataset, columns);
    assert.deepEqual(metrics.labels, ['cat', 'dog']);
    assert.equal(metrics.n, 3);
    assert.equal(metrics.skipped, 3);
    assert.equal(metrics.accuracy, 2 / 3);
  });

  it('a blank label or prediction is neither right nor wrong: the misclassified filter shows only row 3', () => {
    const dataset = loadText(CSV);
    const outcomes = computeOutcomes(dataset)!;
    assert.deepEqual([...outcomes], [OUTCOME_CORRECT, OUTCOME_UNKNOWN, OUTCOME_ERROR, OUTCOME_UNKNOWN, OUTCOME_CORRECT, OUTCOME_UNKNOWN]);
    assert.deepEqual([...filterRows({ dataset, outcomes }, { misclassified: true })], [2]);
  });

  it('a blank labeler cell is a missing judgement, not a category', () => {
    const judgements = judgementsOfDataset(loadText(CSV))!;
    assert.deepEqual(judgements.categories, ['cat', 'dog']);
    assert.deepEqual([...judgements.raters[1]], [0, NOT_LABELED, 0, 0, 1, NOT_LABELED]);
    assert.deepEqual([...judgements.raters[0]], [0, 1, 1, 0, 1, NOT_LABELED]);
    // Rows 1-5 hold at least one answer; row 6 none.
    assert.equal(summarizeAgreement(judgements, { replicates: 0 }).items, 5);
  });

  it('loupe metrics counts the rows with a blank label or prediction as left out', async () => {
    const file = path.join(work, 'blank.csv');
    await fs.writeFile(file, CSV);
    const json = JSON.parse(await runMetrics(file, { json: true, allowProblems: false })) as { n: number; labels: string[] };
    assert.deepEqual([json.n, json.labels], [3, ['cat', 'dog']]);
    const text = await runMetrics(file, { json: false, allowProblems: false });
    assert.match(text, /3 examples with a label and a prediction \(3 without, left out\); accuracy 0\.6667\n/);
  });
});
