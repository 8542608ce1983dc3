import * as vscode from 'vscode';
import type { LoupeTestHooks } from '../../src/extension/testHooks';

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeout = 20_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function loupe(): Promise<LoupeTestHooks> {
  const extension = vscode.extensions.getExtension<LoupeTestHooks>('loupe-ml.loupe');
  if (!extension) throw new Error('the Loupe extension is not installed');
  return extension.activate();
}

export function workspaceFile(...parts: string[]): vscode.Uri {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) throw new Error('no workspace folder');
  return vscode.Uri.joinPath(root, ...parts);
}

export function activeLoupeTab(): vscode.Tab | undefined {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  return tab?.input instanceof vscode.TabInputCustom && tab.input.viewType === 'loupe.labelTable' ? tab : undefined;
}

export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
