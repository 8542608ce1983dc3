/** The `Ui` of extension logic, on the VS Code API: one call each. */
import * as vscode from 'vscode';
import type { Ui } from './ui';

const channels = new Map<string, vscode.OutputChannel>();

/**
 * A step of a flow stays open when the focus goes elsewhere: closing the Command Palette hands the
 * focus back to the view that had it (a webview, asynchronously), which could otherwise close the
 * next step before the user saw it. Escape still cancels.
 */
const STAY_OPEN = { ignoreFocusOut: true } as const;

export const vscodeUi: Ui = {
  info: (message) => void vscode.window.showInformationMessage(message),
  infoWithAction: async (message, action) => (await vscode.window.showInformationMessage(message, action)) === action,
  error: (message) => void vscode.window.showErrorMessage(message),
  warn: async (message, action) => (action === undefined ? (await vscode.window.showWarningMessage(message), false) : (await vscode.window.showWarningMessage(message, action)) === action),
  confirm: async (message, action) => (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action,
  pick: async (items, options) => (await vscode.window.showQuickPick(items, { ...STAY_OPEN, ...options }))?.value,
  pickMany: async (items, options) => (await vscode.window.showQuickPick(items, { ...STAY_OPEN, ...options, canPickMany: true }))?.map((item) => item.value),
  input: ({ title, value, prompt, validate }) => Promise.resolve(vscode.window.showInputBox({ ...STAY_OPEN, title, value, prompt, validateInput: validate })),
  saveFile: async ({ defaultPath, filters, title }) => (await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(defaultPath), filters, title }))?.fsPath,
  openFolder: async ({ defaultPath, openLabel }) =>
    (await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, defaultUri: vscode.Uri.file(defaultPath), openLabel }))?.[0]?.fsPath,
  showOutput: (name, lines) => {
    let channel = channels.get(name);
    if (!channel) {
      channel = vscode.window.createOutputChannel(name);
      channels.set(name, channel);
    }
    for (const line of lines) channel.appendLine(line);
    channel.show(true);
  },
  withProgress: (title, task) => Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task)),
  displayPath: (file) => vscode.workspace.asRelativePath(vscode.Uri.file(file)),
};
