/** The `Ui` of extension logic, on the VS Code API: one call each. */
import * as vscode from 'vscode';
import type { Ui } from './ui';

export const vscodeUi: Ui = {
  info: (message) => void vscode.window.showInformationMessage(message),
  error: (message) => void vscode.window.showErrorMessage(message),
  confirm: async (message, action) => (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action,
  pick: async (items, options) => (await vscode.window.showQuickPick(items, options))?.value,
  saveFile: async ({ defaultPath, filters, title }) => (await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(defaultPath), filters, title }))?.fsPath,
  withProgress: (title, task) => Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task)),
  displayPath: (file) => vscode.workspace.asRelativePath(vscode.Uri.file(file)),
};
