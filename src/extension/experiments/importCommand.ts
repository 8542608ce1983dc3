/** "Loupe: Import Experiments" on VS Code: the flow (flows/importFlow.ts) with the workspace's search and UI. */
import * as vscode from 'vscode';
import { vscodeUi } from '../vscode/vscodeUi';
import type { ExperimentsModel } from './experimentsModel';
import { importExperimentsFlow } from './flows/importFlow';

const EXCLUDE = '{**/node_modules/**,**/.loupe/**,**/.git/**}';

export async function importExperimentsCommand(model: ExperimentsModel): Promise<void> {
  await importExperimentsFlow(model.root, {
    ui: vscodeUi,
    findFiles: async (glob) => (await vscode.workspace.findFiles(glob, EXCLUDE, 200)).map((uri) => uri.fsPath),
    refresh: () => model.refresh(),
  });
}
