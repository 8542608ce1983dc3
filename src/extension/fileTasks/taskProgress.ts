import * as vscode from 'vscode';
import type { FileTaskPayloads, FileTaskResults, FileTaskType } from '../../protocol/fileTasks';
import { FileTaskError, runFileTask } from './runFileTask';

/**
 * Runs a file task under a cancellable notification; undefined when cancelled. A failure is
 * shown as an error naming the file (and, for CSV problems, its lines) and returned as undefined.
 */
export async function runWithProgress<K extends FileTaskType>(extensionPath: string, title: string, type: K, payload: FileTaskPayloads[K]): Promise<FileTaskResults[K] | undefined> {
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) =>
      runFileTask(extensionPath, type, payload, {
        onProgress: (message) => progress.report({ message }),
        cancelled: new Promise((resolve) => token.onCancellationRequested(() => resolve())),
      }),
    );
  } catch (error) {
    const message = error instanceof FileTaskError ? error.message : `${title} failed: ${(error as Error).message}`;
    void vscode.window.showErrorMessage(`Loupe: ${message}`);
    return undefined;
  }
}
