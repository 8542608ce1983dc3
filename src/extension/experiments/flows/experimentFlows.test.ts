import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { codeWithoutGit } from '../../../core/experiments/schema';
import { listExperiments, listTrashedExperiments, recordExperiment } from '../../../node/experiments/store';
import { FakeUi, type Answer } from '../../vscode/fakeUi';
import { addNoteFlow, compareWithFlow, deleteFlow, renameFlow, restoreFlow, setBaselineFlow } from './experimentFlows';

async function workspace(...names: string[]) {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-flows-'));
  const stored = [];
  for (const name of names) stored.push(await recordExperiment(root, { name, code: codeWithoutGit('not a repository'), params: {}, metrics: { accuracy: 0.8 }, source: { kind: 'cli' } }));
  let refreshed = 0;
  const deps = (answers: Answer[] = []) => {
    const ui = new FakeUi(answers);
    return { ui, deps: { ui, root, refresh: () => void refreshed++ } };
  };
  return { root, stored, deps, refreshed: () => refreshed };
}

const names = async (root: string) => (await listExperiments(root)).experiments.map((s) => s.experiment.name).sort();

describe('experiment tree flows', () => {
  it('renames, refusing an empty name, and notes (trimmed; empty removes the note)', async () => {
    const { root, stored, deps } = await workspace('first');
    const { ui, deps: d } = deps([{ input: 'lower lr' }]);
    await renameFlow(stored[0], d);
    assert.deepEqual(ui.asked[0].offered, ['first'], 'the current name is proposed');
    assert.deepEqual(await names(root), ['lower lr']);
    await assert.rejects(renameFlow(stored[0], deps([{ input: '  ' }]).deps), /refused: A name cannot be empty/);
    await addNoteFlow(stored[0], deps([{ input: '  tried mixup \n' }]).deps);
    assert.equal((await listExperiments(root)).experiments[0].experiment.notes, 'tried mixup');
    await renameFlow(stored[0], deps([{ input: undefined }]).deps);
    assert.deepEqual(await names(root), ['lower lr'], 'dismissed: unchanged');
  });

  it('marks every selected experiment as the baseline kind picked', async () => {
    const { root, stored, deps } = await workspace('a', 'b');
    const { ui, deps: d } = deps([{ pick: 'human-level' }]);
    await setBaselineFlow(stored, d);
    assert.deepEqual(ui.asked[0].offered[0], 'Not a baseline');
    assert.deepEqual((await listExperiments(root)).experiments.map((s) => s.experiment.baseline), ['human-level', 'human-level']);
  });

  it('deletes to the trash, Undo brings the records back, and Restore picks from the trash', async () => {
    const { root, stored, deps, refreshed } = await workspace('a', 'b', 'c');
    const undone = deps([{ action: true }]);
    await deleteFlow(stored.slice(0, 2), undone.deps);
    assert.match(undone.ui.infos[0], /^Loupe: moved 2 experiments to \.loupe\/trash\/experiments\/ \(Loupe: Restore Deleted Experiment brings it back\)\.$/);
    assert.deepEqual(await names(root), ['a', 'b', 'c'], 'Undo restored both');
    assert.equal(refreshed(), 2);

    await deleteFlow([stored[0]], deps([{ action: false }]).deps);
    assert.deepEqual(await names(root), ['b', 'c']);
    assert.equal((await listTrashedExperiments(root)).experiments.length, 1);
    const restore = deps([{ pickMany: ['a'] }]);
    await restoreFlow(restore.deps);
    assert.deepEqual(await names(root), ['a', 'b', 'c']);
    assert.deepEqual(restore.ui.infos, ['Loupe: restored "a".']);
    const empty = deps();
    await restoreFlow(empty.deps);
    assert.deepEqual(empty.ui.infos, ['Loupe: no deleted experiments to restore.']);
  });

  it('compares the clicked experiment with those picked, or the selection at once, and offers the per-example comparison', async () => {
    const { root, stored } = await workspace('a', 'b', 'c');
    const shown: string[][] = [];
    const offered: string[][] = [];
    const deps = (ui: FakeUi) => ({
      ui,
      list: async () => (await listExperiments(root)).experiments,
      showLog: (ids: string[]) => void shown.push(ids),
      offerExamples: async (records: { experiment: { name: string } }[]) => void offered.push(records.map((r) => r.experiment.name)),
    });
    const ui = new FakeUi([{ pickMany: ['c'] }]);
    await compareWithFlow([stored[0]], deps(ui));
    assert.deepEqual(ui.asked[0].title, 'Loupe: Compare "a" with…');
    assert.deepEqual([...ui.asked[0].offered].sort(), ['b', 'c'], 'every other experiment is offered');
    assert.deepEqual(shown, [[stored[0].experiment.id, stored[2].experiment.id]]);
    assert.deepEqual(offered, [['a', 'c']]);
    await compareWithFlow(stored.slice(1), deps(new FakeUi()));
    assert.deepEqual(offered.at(-1), ['b', 'c'], 'a selection of two is compared without asking');
    await compareWithFlow([stored[0]], deps(new FakeUi([{ pickMany: undefined }])));
    assert.equal(shown.length, 2, 'dismissed: nothing shown');
  });

  it('says there is nothing to compare with when the experiment is alone', async () => {
    const { stored, root } = await workspace('only');
    const ui = new FakeUi();
    await compareWithFlow(stored, { ui, list: async () => (await listExperiments(root)).experiments, showLog: () => assert.fail('no log'), offerExamples: async () => assert.fail('no offer') });
    assert.deepEqual(ui.infos, ['Loupe: there is no other experiment to compare with yet. Record or import one first.']);
  });
});
