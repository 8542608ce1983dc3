/** The VS Code side of "Record Experiment": quick picks, input boxes, progress, git. One line of VS Code each. */
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { readVsCodeGitState } from './gitApi';
import { scoreInWorker } from './scoreInWorker';
import type { MetricsChoice, ParamsChoice, RecordEffects } from './recordFlow';

const EXCLUDE = '{**/node_modules/**,**/.loupe/**,**/.git/**}';
const TITLE = 'Loupe: Record Experiment';

type Item<T> = vscode.QuickPickItem & { value: T };

const RECORD_WITHOUT_METRICS = 'Record Without Metrics';

export function createRecordEffects(folder: vscode.WorkspaceFolder, extensionPath: string): RecordEffects {
  return {
    scoreLabelFile: (root, file, options) => scoreInWorker(extensionPath, root, file, options),
    recordWithoutMetrics: async (why) => (await vscode.window.showWarningMessage(`Loupe: ${why}`, { modal: true }, RECORD_WITHOUT_METRICS)) === RECORD_WITHOUT_METRICS,
    findFiles: async (glob) => (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), EXCLUDE, 500)).map((u) => u.fsPath),
    askName: () =>
      vscode.window.showInputBox({
        title: `${TITLE} (1/4)`,
        prompt: 'A short name for this experiment (what changed, e.g. "fixed noisy labels, lr 0.01")',
        placeHolder: 'Experiment name',
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'Give the experiment a name'),
      }),
    pickParams: async (candidates) =>
      pick<ParamsChoice>(`${TITLE} (2/4): hyperparameters`, 'Where are the params of this run?', [
        ...(await newestFirst(candidates)).map((file) => fileItem<ParamsChoice>(file, file.includes('.hydra') ? 'Hydra config' : 'params file', { kind: 'file', file })),
        { label: '$(edit) Type them', description: 'as key=value pairs, e.g. lr=0.001 batch_size=32', value: { kind: 'typed' } },
        { label: '$(circle-slash) No params', value: { kind: 'none' } },
      ]),
    askParams: (validate) =>
      vscode.window.showInputBox({
        title: `${TITLE} (2/4): hyperparameters`,
        prompt: 'key=value pairs separated by spaces; dotted keys nest (model.lr=0.1); quote values with spaces',
        placeHolder: 'lr=0.001 batch_size=32 model.name=resnet50',
        ignoreFocusOut: true,
        validateInput: validate,
      }),
    pickMetrics: async (candidates) =>
      pick<MetricsChoice>(`${TITLE} (3/4): results`, 'Where are the metrics of this run?', [
        ...(await newestFirst(candidates)).map((file) => fileItem<MetricsChoice>(file, file.includes('dvclive') ? 'dvclive summary' : 'metrics file', { kind: 'file', file })),
        { label: '$(beaker) Compute on a label file', description: 'accuracy, macro/weighted F1, per tag and per slice, from its label and prediction columns', value: { kind: 'compute' } },
        { label: '$(circle-slash) No metrics', value: { kind: 'none' } },
      ]),
    pickLabelFile: async (candidates) => {
      if (candidates.length === 0) {
        void vscode.window.showErrorMessage('Loupe: no .csv or .tsv file in this workspace to compute metrics on. Add the label file with its predictions, or record with a metrics file.');
        return undefined;
      }
      return pick<string>(`${TITLE} (4/4): label file`, 'Compute metrics on which label file? (it is recorded as the dataset)', sortByPath(candidates).map((file) => fileItem(file, undefined, file)));
    },
    pickDataset: (candidates) =>
      pick<string | null>(`${TITLE} (4/4): dataset`, 'Which dataset did this run use? (hashed to tell data versions apart)', [
        ...sortByPath(candidates).map((file) => fileItem<string | null>(file, undefined, file)),
        { label: '$(circle-slash) No dataset', value: null },
      ]),
    withProgress: (title, task) =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Loupe: ${title}`, cancellable: true }, (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        let done = 0;
        return task((message, fraction) => {
          const increment = fraction === undefined ? undefined : Math.max(0, fraction - done) * 100;
          if (fraction !== undefined) done = Math.max(done, fraction);
          progress.report({ message, increment });
        }, controller.signal);
      }),
    isTrusted: () => vscode.workspace.isTrusted,
    gitState: (root) => readVsCodeGitState(root),
  };
}

async function pick<T>(title: string, placeHolder: string, items: Item<T>[]): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true, matchOnDescription: true });
  return picked?.value;
}

function fileItem<T>(file: string, description: string | undefined, value: T): Item<T> {
  return { label: `$(file) ${vscode.workspace.asRelativePath(file, false)}`, description, value };
}

function sortByPath(files: readonly string[]): string[] {
  return [...files].sort((a, b) => a.localeCompare(b));
}

/** The file a run wrote last is most likely the one to record. */
async function newestFirst(files: readonly string[]): Promise<string[]> {
  const times = await Promise.all(files.map(async (f) => [f, (await fs.stat(f).catch(() => undefined))?.mtimeMs ?? 0] as const));
  return times.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([f]) => f);
}
