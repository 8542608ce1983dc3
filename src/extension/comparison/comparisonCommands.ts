/** "Loupe: Compare Predictions…" and the per-example comparison of two experiment records. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ColumnInfo } from '../../core/dataset/dataset';
import type { RecordedFileState } from '../../core/experiments/perExample';
import type { StoredExperiment } from '../../node/experiments/store';
import { recordedFileState } from '../../node/experiments/recordedFile';
import { targetDocument } from '../commands/analysisCommands';
import type { LabelDocument } from '../labelTable/labelDocument';
import type { LabelTableProvider } from '../labelTable/labelTableProvider';
import { ComparisonPanel, SHOW_COMPARED_ROWS } from './comparisonPanel';
import { predictionCandidates, type ColumnChoice } from '../../core/modelComparison/predictionCandidates';
import { comparedRowsFilter, describeSource, recordsComparison, type ComparedRows, type ComparisonSource } from './comparisonSource';

export interface ComparisonHost {
  extensionUri: vscode.Uri;
  extensionPath: string;
}

export function registerComparisonCommands(provider: LabelTableProvider, host: ComparisonHost): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('loupe.comparePredictions', async (resource?: unknown) => {
      try {
        const document = await targetDocument(provider, resource);
        if (document) await comparePredictions(document, host);
      } catch (error) {
        void vscode.window.showErrorMessage(`Loupe: ${(error as Error).message}`);
      }
    }),
    vscode.commands.registerCommand(SHOW_COMPARED_ROWS, async (source: ComparisonSource, rows: ComparedRows, column?: vscode.ViewColumn) => {
      try {
        await showComparedRows(provider, source, rows, column ?? vscode.ViewColumn.Beside);
      } catch (error) {
        void vscode.window.showErrorMessage(`Loupe: ${(error as Error).message}`);
      }
    }),
  );
}

/** A click in the Comparison view: the label file's table (opened beside when it is not open) filtered to those rows. */
async function showComparedRows(provider: LabelTableProvider, source: ComparisonSource, rows: ComparedRows, column: vscode.ViewColumn): Promise<void> {
  if (source.kind === 'files') {
    void vscode.window.showInformationMessage(`Loupe: ${comparedRowsFilter(source, [], rows) as string}.`);
    return;
  }
  const document = await provider.documentFor(vscode.Uri.file(source.file), column);
  const filter = comparedRowsFilter(source, await columnsOf(document), rows);
  if (typeof filter === 'string') void vscode.window.showWarningMessage(`Loupe: cannot filter ${relative(source.file)}: ${filter}.`);
  else document.showInTable(filter);
}

const relative = (file: string) => vscode.workspace.asRelativePath(file, false);

/** The folder `loupe compare` runs in: the file's workspace folder, else the file's folder. */
function workingFolder(file: string): string {
  return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath ?? path.dirname(file);
}

async function comparePredictions(document: LabelDocument, host: ComparisonHost): Promise<void> {
  const file = document.uri.fsPath;
  const columns = await columnsOf(document);
  const candidates = predictionCandidates(columns);
  const how = await vscode.window.showQuickPick(
    [
      { label: '$(split-horizontal) Two prediction columns of this file', description: candidates.length >= 2 ? candidates.map((c) => c.name).join(', ') : 'needs two prediction columns', source: 'columns' as const },
      { label: '$(files) Another file with the same ids…', description: 'its predictions are B; rows are matched by id', source: 'files' as const },
    ],
    { title: `Loupe: Compare Predictions of ${relative(file)}`, placeHolder: 'Where are the predictions of the model to compare with (B)?' },
  );
  if (!how) return;
  const source = how.source === 'columns' ? await pickColumns(file, candidates) : await pickOtherFile(file, columns);
  if (!source) return;
  ComparisonPanel.show({ source, subject: describeSource(source, relative), cwd: workingFolder(file), notes: [TAGS_NOTE] }, host.extensionUri, host.extensionPath);
}

const TAGS_NOTE = 'Tags are read from the saved .loupe sidecar: save the table to include tags added since.';

/** The file's columns, once its header has been read. */
async function columnsOf(document: LabelDocument): Promise<ColumnInfo[]> {
  const now = (): ColumnInfo[] | undefined => document.dataset.load.columns ?? (document.dataset.load.failure !== undefined ? [] : undefined);
  let columns = now();
  if (!columns) {
    columns = await new Promise<ColumnInfo[]>((resolve) => {
      const listener = document.onNotice(() => {
        const ready = now();
        if (!ready) return;
        listener.dispose();
        resolve(ready);
      });
    });
  }
  if (document.dataset.load.failure !== undefined) throw new Error(`${relative(document.uri.fsPath)} could not be read: ${document.dataset.load.failure}`);
  return columns;
}

async function pickColumns(file: string, candidates: ColumnChoice[]): Promise<ComparisonSource | undefined> {
  if (candidates.length < 2) {
    void vscode.window.showWarningMessage(
      `Loupe: ${relative(file)} has ${candidates.length === 0 ? 'no column' : `one column ("${candidates[0].name}")`} that could hold a model's predictions. Add a second model's predictions as a column (e.g. "prediction_v2"), or compare with another file.`,
    );
    return undefined;
  }
  const item = (c: ColumnChoice) => ({ label: c.name, description: c.role === 'prediction' ? 'prediction column' : c.role, name: c.name });
  const a = await vscode.window.showQuickPick(candidates.map(item), { title: 'Loupe: Compare Predictions (1/2)', placeHolder: 'Predictions A: the model before the change' });
  if (!a) return undefined;
  const rest = candidates.filter((c) => c.name !== a.name);
  const b = await vscode.window.showQuickPick(rest.map(item), { title: 'Loupe: Compare Predictions (2/2)', placeHolder: `Predictions B: the model after the change, compared with "${a.name}"` });
  return b ? { kind: 'columns', file, a: a.name, b: b.name } : undefined;
}

async function pickOtherFile(file: string, columns: ColumnChoice[]): Promise<ComparisonSource | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: `Loupe: Predictions B, to compare with ${relative(file)}`,
    openLabel: 'Compare',
    canSelectMany: false,
    defaultUri: vscode.Uri.file(path.dirname(file)),
    filters: { 'Label files': ['csv', 'tsv'] },
  });
  if (!picked?.[0]) return undefined;
  const prediction = columns.find((c) => c.role === 'prediction');
  return { kind: 'files', fileA: file, fileB: picked[0].fsPath, a: prediction?.name };
}

/**
 * Two experiment records compared example by example, when both kept a fingerprint of their
 * predictions and both files are still there unchanged; otherwise says exactly what is missing.
 */
export async function compareRecords(root: string, records: StoredExperiment[], host: ComparisonHost): Promise<void> {
  if (records.length !== 2) {
    void vscode.window.showInformationMessage(`Loupe: choose two experiments to compare example by example (${records.length} chosen).`);
    return;
  }
  const [x, y] = records.map((r) => r.experiment);
  const files = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Loupe: checking the two datasets…', cancellable: true }, async (_progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const [a, b] = await Promise.all([recordedFileState(root, x, controller.signal), recordedFileState(root, y, controller.signal)]);
    return { a, b } satisfies { a: RecordedFileState; b: RecordedFileState };
  });
  const result = recordsComparison(x, y, files, (p) => path.resolve(root, p));
  if (!result.ok) {
    void vscode.window.showWarningMessage(`Loupe: "${x.name}" and "${y.name}" cannot be compared example by example: ${result.reasons.join('; ')}.`);
    return;
  }
  ComparisonPanel.show({ source: result.source, subject: result.subject, cwd: root, notes: [...result.notes, TAGS_NOTE] }, host.extensionUri, host.extensionPath);
}

/** After "Compare with…" on two records: offers the per-example comparison, or says what it lacks when a record has a dataset. */
export async function offerRecordsComparison(root: string, records: StoredExperiment[], host: ComparisonHost): Promise<void> {
  if (records.length !== 2 || records.every((r) => r.experiment.data.path === null)) return;
  const [x, y] = records.map((r) => r.experiment);
  const states = { a: await recordedFileState(root, x), b: await recordedFileState(root, y) };
  const result = recordsComparison(x, y, states, (p) => path.resolve(root, p));
  if (!result.ok) {
    void vscode.window.showInformationMessage(`Loupe: no per-example comparison of "${x.name}" and "${y.name}": ${result.reasons.join('; ')}.`);
    return;
  }
  const open = 'Compare Examples';
  const choice = await vscode.window.showInformationMessage(`Loupe: "${result.older.name}" and "${result.newer.name}" can be compared example by example (fixed, broken, McNemar's test).`, open);
  if (choice === open) ComparisonPanel.show({ source: result.source, subject: result.subject, cwd: root, notes: [...result.notes, TAGS_NOTE] }, host.extensionUri, host.extensionPath);
}
