import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { CopyFolderResult } from '../../node/copyFolder';
import { FakeUi, type Answer } from '../vscode/fakeUi';
import { openSampleFlow, validateFolderName, type SampleEffects } from './openSampleFlow';

const PARENT = path.join(path.sep, 'home', 'ada');

function effects(answers: Answer[], taken: string[] = []) {
  const ui = new FakeUi(answers);
  const copies: [string, string][] = [];
  const opened: [string, boolean][] = [];
  const deps: SampleEffects = {
    ui,
    sampleFolder: '/ext/examples',
    defaultParent: PARENT,
    isFreeFolder: async (folder) => !taken.includes(path.basename(folder)),
    copyFolder: async (source, destination): Promise<CopyFolderResult> => {
      copies.push([source, destination]);
      return { ok: true, files: 7 };
    },
    openFolder: async (folder, newWindow) => void opened.push([folder, newWindow]),
  };
  return { ui, copies, opened, deps };
}

describe('Open Sample Workspace flow', () => {
  it('copies the sample into <picked>/loupe-sample and opens it in this window', async () => {
    const { ui, copies, opened, deps } = effects([{ folder: PARENT }, { pick: false }]);
    const destination = path.join(PARENT, 'loupe-sample');
    assert.equal(await openSampleFlow(deps), destination);
    assert.deepEqual(copies, [['/ext/examples', destination]]);
    assert.deepEqual(opened, [[destination, false]]);
    assert.deepEqual(ui.asked.map((a) => a.kind), ['folder', 'pick']);
    assert.deepEqual(ui.asked[0].offered, [PARENT]);
    assert.deepEqual(ui.asked[1].offered, ['Open in This Window', 'Open in a New Window']);
  });

  it('opens it in a new window when asked to', async () => {
    const { opened, deps } = effects([{ folder: PARENT }, { pick: true }]);
    await openSampleFlow(deps);
    assert.deepEqual(opened, [[path.join(PARENT, 'loupe-sample'), true]]);
  });

  it('refuses a folder that is not empty, says so and proposes a free name', async () => {
    const { ui, copies, deps } = effects([{ folder: PARENT }, { input: 'loupe-sample-3' }, { pick: false }], ['loupe-sample', 'loupe-sample-2']);
    assert.equal(await openSampleFlow(deps), path.join(PARENT, 'loupe-sample-3'));
    assert.equal(ui.asked[1].kind, 'input');
    assert.equal(ui.asked[1].title, `Loupe: Open Sample Workspace: ${path.join(PARENT, 'loupe-sample')} is not empty`);
    assert.deepEqual(ui.asked[1].offered, ['loupe-sample-3']);
    assert.deepEqual(copies.map(([, to]) => to), [path.join(PARENT, 'loupe-sample-3')]);
  });

  it('asks again when the other name is taken too, and copies nothing when cancelled', async () => {
    const { ui, copies, deps } = effects([{ folder: PARENT }, { input: 'mine' }, { input: undefined }], ['loupe-sample', 'mine']);
    assert.equal(await openSampleFlow(deps), undefined);
    assert.equal(ui.asked[2].title, `Loupe: Open Sample Workspace: ${path.join(PARENT, 'mine')} is not empty`);
    assert.deepEqual(copies, []);
  });

  it('does nothing when the folder dialog is cancelled', async () => {
    const { copies, opened, deps } = effects([{ folder: undefined }]);
    assert.equal(await openSampleFlow(deps), undefined);
    assert.deepEqual([copies, opened], [[], []]);
  });

  it('shows the copy refusal (a destination inside the sample) and opens nothing', async () => {
    const { ui, opened, deps } = effects([{ folder: '/ext/examples' }]);
    deps.copyFolder = async () => ({ ok: false, reason: 'inside-source', message: '/ext/examples/loupe-sample is inside the folder being copied (/ext/examples); choose a folder outside it' });
    assert.equal(await openSampleFlow(deps), undefined);
    assert.deepEqual(ui.errors, ['Loupe: /ext/examples/loupe-sample is inside the folder being copied (/ext/examples); choose a folder outside it']);
    assert.deepEqual(opened, []);
  });

  it('says where the copy is when the open choice is dismissed', async () => {
    const { ui, opened, deps } = effects([{ folder: PARENT }, { pick: undefined }]);
    await openSampleFlow(deps);
    assert.deepEqual(opened, []);
    assert.match(ui.infos[0], /the sample workspace is in .*loupe-sample; open it with File > Open Folder/);
  });

  it('accepts one folder name only', () => {
    assert.equal(validateFolderName('loupe-sample-2'), undefined);
    assert.equal(validateFolderName('  '), 'Give the folder a name');
    assert.equal(validateFolderName('../up'), 'One folder name, without / or \\');
    assert.equal(validateFolderName('a\\b'), 'One folder name, without / or \\');
    assert.equal(validateFolderName('..'), 'Give the folder a name other than . or ..');
  });
});
