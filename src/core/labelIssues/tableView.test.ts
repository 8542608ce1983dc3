import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DatasetLoader } from '../dataset/loader';
import { filterRows } from '../dataset/view';
import { labelIssuesOfDataset } from './fromDataset';
import { labelIssueOfRow, labelQualityKeys, suggestedLabelRanks, summarizeLabelIssues } from './tableView';

function found(text: string) {
  const loader = new DatasetLoader({});
  loader.push(new TextEncoder().encode(text));
  const dataset = loader.end();
  return { dataset, found: labelIssuesOfDataset(dataset, { label: dataset.columns.findIndex((c) => c.name === 'label') }) };
}

// Rows 5 (cat, dog most likely) and 7 (dog, cat most likely) are flipped; g has no label, h no p_bird.
const FILE = [
  'id,label,p_cat,p_dog,p_bird',
  'a,cat,0.9,0.05,0.05',
  'b,cat,0.8,0.1,0.1',
  'c,dog,0.1,0.85,0.05',
  'd,dog,0.2,0.7,0.1',
  'e,bird,0.05,0.05,0.9',
  'f,cat,0.05,0.9,0.05',
  'g,,0.3,0.3,0.4',
  'h,bird,0.1,0.1,',
  'i,dog,0.75,0.2,0.05',
].join('\n');

test('the summary counts likely errors per given label among the rows used', () => {
  const summary = summarizeLabelIssues(found(FILE).found);
  assert.deepEqual([summary.used, summary.leftOut, summary.issues], [7, 2, 2]);
  assert.deepEqual(summary.perClass, [
    { label: 'bird', rows: 1, issues: 0 },
    { label: 'cat', rows: 3, issues: 1 },
    { label: 'dog', rows: 3, issues: 1 },
  ]);
});

test('a row: given, suggested (likely errors only), self-confidence and the top classes, most probable first', () => {
  const { found: f } = found(FILE);
  assert.deepEqual(labelIssueOfRow(f, 5), { given: 'cat', suggested: 'dog', selfConfidence: 0.05, issue: true, top: [{ label: 'dog', p: 0.9 }, { label: 'bird', p: 0.05 }, { label: 'cat', p: 0.05 }] });
  assert.deepEqual(labelIssueOfRow(f, 0)?.suggested, null);
  assert.equal(labelIssueOfRow(f, 6), undefined, 'no label');
  assert.equal(labelIssueOfRow(f, 7), undefined, 'a probability missing');
});

test('sort keys: self-confidence (NaN for rows left out) and the suggested label\'s rank (-1 when not a likely error)', () => {
  const { found: f } = found(FILE);
  assert.deepEqual(Array.from(labelQualityKeys(f)), [0.9, 0.8, 0.85, 0.7, 0.9, 0.05, Number.NaN, Number.NaN, 0.2]);
  const { ranks, rankCount } = suggestedLabelRanks(f);
  assert.equal(rankCount, 3);
  assert.deepEqual(Array.from(ranks), [-1, -1, -1, -1, -1, 2, -1, -1, 1], 'dog ranks after cat');
});

test('the view filter keeps likely errors not yet decided in review', () => {
  const { dataset, found: f } = found(FILE);
  const reviewedRows = new Uint8Array(dataset.rowCount);
  const view = () => Array.from(filterRows({ dataset, outcomes: undefined, reviewedRows, labelIssueRows: f.result.isIssue }, { likelyError: true }));
  assert.deepEqual(view(), [5, 8]);
  reviewedRows[5] = 1;
  assert.deepEqual(view(), [8]);
  assert.deepEqual(Array.from(filterRows({ dataset, outcomes: undefined }, { likelyError: true })), [], 'no probabilities: no row');
});
