import * as vscode from 'vscode';
import { setTagKeyFlow } from '../labelTable/flows/tagKeyFlow';
import type { LabelTableProvider } from '../labelTable/labelTableProvider';
import { vscodeUi } from '../vscode/vscodeUi';
import { targetDocument } from './analysisCommands';

/** "Loupe: Set Tag Key…" on the label file the command targets (the active table by default). */
export function registerTagCommands(provider: LabelTableProvider): vscode.Disposable {
  return vscode.commands.registerCommand('loupe.setTagKey', async (resource?: unknown, tag?: unknown) => {
    const document = await targetDocument(provider, resource);
    if (!document) return;
    await setTagKeyFlow(vscodeUi, { tagList: () => document.tagList(), setTagKey: (name, key) => document.model.setTagKey(name, key) }, typeof tag === 'string' ? tag : undefined);
  });
}
