import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FakeUi } from '../../vscode/fakeUi';
import { detectSources, importExperimentsFlow } from './importFlow';

const DVC = path.resolve(__dirname, '../../../../test/fixtures/experiments/dvc/classic');

function workspace(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loupe-import-'));
  cpSync(DVC, path.join(root, 'project'), { recursive: true });
  writeFileSync(path.join(root, 'project', 'dvc.yaml'), 'stages: {}\n');
  return root;
}

const records = (root: string) => {
  try {
    return readdirSync(path.join(root, '.loupe', 'experiments'));
  } catch {
    return [];
  }
};

describe('import experiments flow', () => {
  it('offers the tool folders found in the workspace, imports the one picked, then updates instead of duplicating', async () => {
    const root = workspace();
    const project = path.join(root, 'project');
    let refreshed = 0;
    const deps = (ui: FakeUi) => ({ ui, findFiles: async (glob: string) => (glob === '**/dvc.yaml' ? [path.join(project, 'dvc.yaml')] : []), refresh: () => void refreshed++ });
    const first = new FakeUi([{ pick: project }]);
    assert.equal(await importExperimentsFlow(root, deps(first)), project);
    assert.deepEqual(first.asked[0].offered, ['$(history) project', '$(folder-opened) Choose a folder…']);
    assert.deepEqual(first.progressTitles, ['Loupe: importing DVC runs from project']);
    assert.deepEqual(first.infos, ['Loupe: DVC: 1 created, 0 updated, 0 unchanged.']);
    assert.equal(records(root).length, 1);
    const again = new FakeUi([{ pick: project }]);
    await importExperimentsFlow(root, deps(again));
    assert.deepEqual(again.infos, ['Loupe: DVC: 0 created, 0 updated, 1 unchanged.']);
    assert.equal(records(root).length, 1);
    assert.equal(refreshed, 2);
  });

  it('imports from a folder chosen in a dialog, and names a folder that holds no runs', async () => {
    const root = workspace();
    const none = () => Promise.resolve([]);
    const chosen = new FakeUi([{ pick: '$(folder-opened) Choose a folder…' }, { folder: path.join(root, 'project') }]);
    await importExperimentsFlow(root, { ui: chosen, findFiles: none, refresh: () => {} });
    assert.deepEqual(chosen.asked.map((a) => [a.kind, a.offered]), [['pick', ['$(folder-opened) Choose a folder…']], ['folder', [root]]]);
    assert.equal(records(root).length, 1);
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    const nothing = new FakeUi([{ pick: '$(folder-opened) Choose a folder…' }, { folder: empty }]);
    assert.equal(await importExperimentsFlow(root, { ui: nothing, findFiles: none, refresh: () => assert.fail('nothing imported') }), undefined);
    assert.match(nothing.errors[0], /holds no MLflow mlruns\/, W&B run folders .* Choose the folder that contains them\.$/);
  });

  it('shows the problems in an output channel when asked', async () => {
    const root = workspace();
    writeFileSync(path.join(root, 'project', 'metrics.json'), '{"acc": ');
    const ui = new FakeUi([{ pick: '$(folder-opened) Choose a folder…' }, { folder: path.join(root, 'project') }, { warn: true }]);
    await importExperimentsFlow(root, { ui, findFiles: () => Promise.resolve([]), refresh: () => {} });
    assert.match(ui.warnings[0], /1 problem: .*metrics\.json/);
    assert.deepEqual(ui.output.get('Loupe Import')?.[0], `Import from ${path.join(root, 'project')}:`);
    assert.equal(ui.unanswered, 0);
  });

  it('asks for a folder to be opened first, and asks nothing else', async () => {
    const ui = new FakeUi();
    assert.equal(await importExperimentsFlow(undefined, { ui, findFiles: () => Promise.resolve([]), refresh: () => {} }), undefined);
    assert.match(ui.errors[0], /open a folder first/);
    assert.equal(ui.asked.length, 0);
  });

  it('finds MLflow, W&B and DVC folders by their marker files, a folder once, MLflow and W&B before DVC', async () => {
    const files: Record<string, string[]> = {
      '**/mlruns/*/meta.yaml': ['/w/a/mlruns/0/meta.yaml'],
      '**/wandb/*run-*/files/config.yaml': ['/w/b/wandb/offline-run-1/files/config.yaml'],
      '**/dvc.yaml': ['/w/c/dvc.yaml', '/w/a/mlruns/dvc.yaml'],
      '**/dvclive/metrics.json': ['/w/c/dvclive/metrics.json'],
    };
    const found = await detectSources({ findFiles: async (glob) => (files[glob] ?? []).map((f) => path.resolve(f)) });
    assert.deepEqual(found, [
      { dir: path.resolve('/w/a/mlruns'), kind: 'mlflow' },
      { dir: path.resolve('/w/b/wandb'), kind: 'wandb' },
      { dir: path.resolve('/w/c'), kind: 'dvc' },
    ]);
  });
});
