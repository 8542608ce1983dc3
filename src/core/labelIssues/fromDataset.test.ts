import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DatasetLoader } from '../dataset/loader';
import { labelIssuesOfDataset, LabelIssuesUnavailable } from './fromDataset';
import { reportProbabilityProblems } from './probabilityProblems';

function load(text: string) {
  const loader = new DatasetLoader({});
  loader.push(new TextEncoder().encode(text));
  return loader.end();
}

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
].join('\n');

test('per-class columns are found by header and the flipped row is the issue', () => {
  const dataset = load(FILE);
  const label = dataset.columns.findIndex((c) => c.name === 'label');
  const { classes, probabilityColumns, result } = labelIssuesOfDataset(dataset, { label });
  assert.deepEqual(classes, ['bird', 'cat', 'dog']);
  assert.deepEqual(probabilityColumns, ['p_bird', 'p_cat', 'p_dog']);
  assert.equal(result.used, 6);
  assert.equal(result.leftOut, 2);
  assert.deepEqual(result.issues.map((e) => [e.row, classes[e.given], classes[e.suggested], e.selfConfidence]), [[5, 'cat', 'dog', 0.05]]);
});

test('a class without a probability column is an error that names it', () => {
  const dataset = load(FILE.replace('p_bird', 'q_bird'));
  const label = dataset.columns.findIndex((c) => c.name === 'label');
  assert.throws(() => labelIssuesOfDataset(dataset, { label }), (e: unknown) => e instanceof LabelIssuesUnavailable && /"bird"/.test(e.message));
});

test('binary data reads the P(positive) score column as p and 1 − p', () => {
  const dataset = load(['id,label,score', 'a,1,0.9', 'b,1,0.8', 'c,0,0.1', 'd,0,0.2', 'e,1,0.05'].join('\n'));
  const label = dataset.columns.findIndex((c) => c.name === 'label');
  const column = dataset.columns.findIndex((c) => c.name === 'score');
  const { result, probabilityColumns } = labelIssuesOfDataset(dataset, { label, positiveScore: { column, positiveClass: '1' } });
  assert.deepEqual(probabilityColumns, ['score', 'score']);
  assert.deepEqual(result.issues.map((e) => [e.row, e.suggested]), [[4, 0]]);
});

test('p_<class> headers beside the label get the probability role; another role chosen for one leaves it out', () => {
  const dataset = load(FILE);
  assert.deepEqual(dataset.columns.map((c) => c.role), ['id', 'label', 'probability', 'probability', 'probability']);
  const overridden = new DatasetLoader({ roles: { p_bird: 'other' } });
  overridden.push(new TextEncoder().encode(FILE));
  const other = overridden.end();
  const label = other.columns.findIndex((c) => c.name === 'label');
  assert.throws(() => labelIssuesOfDataset(other, { label }), (e: unknown) => e instanceof LabelIssuesUnavailable && /"bird"/.test(e.message));
});

test('probability problems are warnings of the file with their count and first lines, once', () => {
  const dataset = load([FILE, 'i,cat,0.9,0.3,0.1', 'j,dog,0.5,1.5,0', 'k,dog,,0.5,0.5'].join('\n'));
  assert.equal(reportProbabilityProblems(dataset), 4);
  assert.equal(reportProbabilityProblems(dataset), 0);
  const found = dataset.problems.filter((p) => p.kind === 'probability-values');
  assert.deepEqual(found.map((p) => [p.line, p.severity]), [[9, 'warning'], [11, 'warning'], [10, 'warning']]);
  assert.match(found[2].message, /^1 row has probabilities that do not sum to 1 ± 0\.01: used as they are, not renormalized.*first at line 10\)$/);
  assert.match(found[0].message, /^2 rows have an empty or non-numeric probability.*first at lines 9, 12\)$/);
});
