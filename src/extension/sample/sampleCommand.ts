/** Registers "Loupe: Open Sample Workspace"; the sample is the `examples/` folder shipped in the extension. */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { copyFolder, isFreeFolder } from '../../node/copyFolder';
import { vscodeUi } from '../vscode/vscodeUi';
import { openSampleFlow } from './openSampleFlow';

export function registerOpenSampleWorkspace(extensionPath: string): vscode.Disposable {
  return vscode.commands.registerCommand('loupe.openSampleWorkspace', async () => {
    try {
      await openSampleFlow({
        ui: vscodeUi,
        sampleFolder: path.join(extensionPath, 'examples'),
        defaultParent: os.homedir(),
        isFreeFolder,
        copyFolder,
        openFolder: async (folder, newWindow) => void (await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(folder), { forceNewWindow: newWindow })),
      });
    } catch (error) {
      void vscode.window.showErrorMessage(`Loupe: could not copy the sample workspace: ${(error as Error).message}`);
    }
  });
}
