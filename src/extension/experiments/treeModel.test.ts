import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildExperiment, codeWithoutGit, type Experiment } from '../../core/experiments/schema';
import { utcDay } from '../../core/experiments/compare';
import { buildTree } from './treeModel';

const now = new Date('2024-06-14T12:00:00.000Z');
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

function experiment(id: string, createdAt: string, extra: Partial<Experiment> = {}): Experiment {
  return {
    ...buildExperiment({ name: id, code: codeWithoutGit('test'), source: { kind: 'cli' } }, id, createdAt),
    ...extra,
  };
}

const runs = [
  experiment('old', '2024-06-12T09:00:00.000Z', { data: { path: 'data.csv', sha256: HASH_A, rows: 10, annotationsSha256: null, labelFixes: 0 }, metrics: { accuracy: 0.8, macro_f1: 0.71234 } }),
  experiment('new', '2024-06-14T11:55:00.000Z', {
    data: { path: 'data.csv', sha256: HASH_B, rows: 12, annotationsSha256: null, labelFixes: 0 },
    metrics: { accuracy: 0.9 },
    starred: true,
    code: { gitAvailable: true, commit: 'c'.repeat(40), branch: 'main', dirty: true, diffSha256: null, remote: null },
  }),
  experiment('hlp', '2024-06-13T10:00:00.000Z', { data: { path: 'data.csv', sha256: HASH_A, rows: 10, annotationsSha256: null, labelFixes: 0 }, baseline: 'human-level', starred: true, metrics: { accuracy: 0.95 } }),
  experiment('bare', '2024-06-14T08:00:00.000Z'),
];

describe('the Experiments tree', () => {
  it('groups by dataset version, newest group and newest run first', () => {
    const groups = buildTree(runs, 'dataset', now);
    assert.deepEqual(
      groups.map((g) => [g.label, g.description, g.items.map((i) => i.id)]),
      [
        ['data.csv @ bbbbbbbb', '1 experiment', ['new']],
        ['no dataset recorded', '1 experiment', ['bare']],
        ['data.csv @ aaaaaaaa', '2 experiments', ['hlp', 'old']],
      ],
    );
  });

  it('groups by day, naming today and yesterday', () => {
    const groups = buildTree(runs, 'day', now, utcDay);
    assert.deepEqual(
      groups.map((g) => [g.label, g.items.map((i) => i.id)]),
      [
        ['Today (2024-06-14)', ['new', 'bare']],
        ['Yesterday (2024-06-13)', ['hlp']],
        ['2024-06-12', ['old']],
      ],
    );
  });

  it('shows the main metric, the age and the badges of each experiment', () => {
    const items = buildTree(runs, 'dataset', now).flatMap((g) => g.items);
    const byId = new Map(items.map((i) => [i.id, i]));
    assert.equal(byId.get('new')?.description, 'accuracy 0.9 · 5 min ago · dirty code');
    assert.equal(byId.get('new')?.icon, 'star-full');
    assert.equal(byId.get('new')?.contextValue, 'experiment starred');
    assert.equal(byId.get('hlp')?.description, 'accuracy 0.95 · 1 d ago · human-level baseline · ★');
    assert.equal(byId.get('hlp')?.icon, 'milestone');
    assert.equal(byId.get('old')?.description, 'macro_f1 0.7123 · 2 d ago');
    assert.equal(byId.get('old')?.contextValue, 'experiment unstarred');
    assert.equal(byId.get('bare')?.description, 'no metrics · 4 h ago');
    assert.equal(byId.get('bare')?.icon, 'beaker');
    assert.ok(byId.get('new')?.tooltip.includes('Code: cccccccccc on main, with uncommitted changes'));
    assert.ok(byId.get('bare')?.tooltip.includes('Code: git not recorded (test)'));
  });

  it('is empty without experiments (the welcome view shows)', () => {
    assert.deepEqual(buildTree([], 'dataset', now), []);
  });
});
