import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeLoupeTab, loupe, readText, waitFor, workspaceFile } from './helpers';

describe('Loupe label table, inside VS Code', () => {
  const sample = workspaceFile('speech-commands.csv');
  const sidecar = workspaceFile('.loupe', 'annotations', 'speech-commands.csv.jsonl');

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('"Loupe: Open Label File" opens the sample in the Loupe Label Table', async () => {
    await vscode.commands.executeCommand('loupe.openLabelFile', sample);
    const tab = await waitFor('the Loupe tab', activeLoupeTab);
    assert.equal(tab.label, 'speech-commands.csv');
    const hooks = await loupe();
    const document = await waitFor('the document', () => hooks.documents().find((d) => d.path === sample.fsPath));
    await document.loaded();
    assert.equal(document.rows(), 2000);
  });

  it('an edit makes the document dirty, save writes the sidecar, undo reverts', async () => {
    const hooks = await loupe();
    const document = hooks.documents().find((d) => d.path === sample.fsPath)!;
    assert.equal(activeLoupeTab()?.isDirty, false);
    await document.tag(['utt-0000002'], 'car noise', true);
    await waitFor('a dirty tab', () => activeLoupeTab()?.isDirty);
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor('a clean tab', () => activeLoupeTab()?.isDirty === false);
    const saved = await readText(sidecar);
    assert.ok(saved, 'the sidecar exists');
    assert.deepEqual(saved.trim().split('\n').slice(1), ['{"id":"utt-0000002","tags":["car noise"]}']);
    assert.match(saved.split('\n')[0], /"key":"id"/);
    const catalog = JSON.parse((await readText(workspaceFile('.loupe', 'tags.json'))) ?? '{}') as { tags: { name: string }[] };
    assert.deepEqual(catalog.tags.map((t) => t.name), ['car noise']);

    await vscode.commands.executeCommand('undo');
    await waitFor('the tag to be undone', () => document.tagsOf('utt-0000002').length === 0);
    await waitFor('a dirty tab after undo', () => activeLoupeTab()?.isDirty);
    await vscode.commands.executeCommand('redo');
    await waitFor('the tag to be redone', () => document.tagsOf('utt-0000002').includes('car noise'));
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor('the sidecar without the tag', async () => (await readText(sidecar))?.trim().split('\n').length === 1);
  });

  it('renaming a tag is one undoable edit: undo brings back the rows and its definition in tags.json', async () => {
    const hooks = await loupe();
    const document = hooks.documents().find((d) => d.path === sample.fsPath)!;
    const tagsJson = workspaceFile('.loupe', 'tags.json');
    const definitions = async () => (JSON.parse((await readText(tagsJson)) ?? '{"tags":[]}') as { tags: { name: string; ease: number }[] }).tags.map((t) => `${t.name}:${t.ease}`);
    await document.tag(['utt-0000003'], 'blurry', true);
    await document.setTagWeight('blurry', 'ease', 3);
    await waitFor('blurry weighted in tags.json', async () => (await definitions()).includes('blurry:3'));
    assert.equal(await document.replaceTag('blurry', 'muffled'), 1);
    assert.deepEqual(document.tagsOf('utt-0000003'), ['muffled']);
    assert.ok((await definitions()).includes('muffled:3'), 'the definition follows the rename');

    await vscode.commands.executeCommand('undo');
    await waitFor('the rename undone on the row', () => document.tagsOf('utt-0000003').includes('blurry'));
    await waitFor('the definition back in tags.json', async () => {
      const d = await definitions();
      return d.includes('blurry:3') && !d.some((t) => t.startsWith('muffled'));
    });
    await vscode.commands.executeCommand('redo');
    await waitFor('the rename redone', async () => document.tagsOf('utt-0000003').includes('muffled') && (await definitions()).includes('muffled:3'));
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    await waitFor('the row untagged again', () => document.tagsOf('utt-0000003').length === 0);
    await vscode.commands.executeCommand('workbench.action.files.save');
  });

  it('the CSV itself is never written', async () => {
    const before = await vscode.workspace.fs.stat(sample);
    const text = await readText(sample);
    assert.ok(text?.startsWith('id,audio,transcript,label,prediction'));
    assert.equal((await vscode.workspace.fs.stat(sample)).mtime, before.mtime);
  });

  it('follows the CSV when it changes on disk, keeping the annotations of ids that disappeared', async () => {
    const file = workspaceFile('changing.csv');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('id,label,prediction\nu1,a,a\nu2,a,b\nu3,b,b\n'));
    await vscode.commands.executeCommand('loupe.openLabelFile', file);
    const hooks = await loupe();
    const document = await waitFor('the document', () => hooks.documents().find((d) => d.path === file.fsPath));
    await document.loaded();
    await document.tag(['u2'], 'car noise', true);
    await document.save();
    // Another tool rewrites the file: u2 is gone, u4 is new.
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('id,label,prediction\nu1,a,a\nu3,b,b\nu4,a,b\n'));
    await waitFor('the reload', () => document.missingKeys().includes('u2'), 20_000);
    assert.equal(document.rows(), 3);
    await document.tag(['u4'], 'blurry', true);
    await document.save();
    const saved = (await readText(workspaceFile('.loupe', 'annotations', 'changing.csv.jsonl')))!;
    assert.match(saved, /"id":"u2","tags":\["car noise"\]/, 'the annotation of the vanished id is kept');
    assert.match(saved, /"id":"u4","tags":\["blurry"\]/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('a malformed CSV opens and reports its problems with line numbers', async () => {
    const broken = workspaceFile('broken.csv');
    await vscode.workspace.fs.writeFile(broken, new TextEncoder().encode('id,label,prediction\na,x,x\nb,y\nc,"never closed,z\nd,z,z\n'));
    await vscode.commands.executeCommand('loupe.openLabelFile', broken);
    await waitFor('the broken file tab', () => activeLoupeTab()?.label === 'broken.csv');
    const hooks = await loupe();
    const document = await waitFor('the document', () => hooks.documents().find((d) => d.path === broken.fsPath));
    await document.loaded();
    const diagnostics = await waitFor('diagnostics', () => {
      const found = vscode.languages.getDiagnostics(broken);
      return found.length >= 2 ? found : undefined;
    });
    const found = diagnostics.map((d) => `${d.range.start.line + 1}:${String(d.code)}:${d.severity}`);
    assert.ok(found.includes(`3:ragged-row:${vscode.DiagnosticSeverity.Warning}`), found.join(', '));
    assert.ok(found.includes(`4:unterminated-quote:${vscode.DiagnosticSeverity.Error}`), found.join(', '));
    assert.ok(diagnostics.every((d) => d.source === 'Loupe'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
