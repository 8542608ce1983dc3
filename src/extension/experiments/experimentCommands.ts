/** Wires the experiment features: the sidebar tree, its commands, the log view, training logs, imports. */
import * as vscode from 'vscode';
import { setExperimentStarred, type StoredExperiment } from '../../node/experiments/store';
import { vscodeUi } from '../vscode/vscodeUi';
import { compareRecords, offerRecordsComparison, type ComparisonHost } from '../comparison/comparisonCommands';
import { ExperimentLogPanel } from './experimentLogPanel';
import { ExperimentsModel } from './experimentsModel';
import { ExperimentsTreeProvider, type ExperimentNode } from './experimentsTree';
import { addNoteFlow, compareWithFlow, deleteFlow, renameFlow, restoreFlow, setBaselineFlow, type ExperimentFlowDeps } from './flows/experimentFlows';
import { importExperimentsCommand } from './importCommand';
import { createRecordEffects } from './recordEffects';
import { recordFromPalette } from './recordFlow';
import { pickTrainingLog, TrainingLogPanel } from './trainingLogPanel';

type NodeCommand = (node?: ExperimentNode, selected?: ExperimentNode[]) => Promise<void>;

export function registerExperiments(context: vscode.ExtensionContext): vscode.Disposable {
  const model = new ExperimentsModel();
  const tree = new ExperimentsTreeProvider(model, context.workspaceState);
  const { extensionUri } = context;
  const flowDeps = (root: string): ExperimentFlowDeps => ({ ui: vscodeUi, root, refresh: () => model.refresh() });
  const comparisonHost: ComparisonHost = { extensionUri, extensionPath: context.extensionPath };
  const showLog = (ids?: string[]) => ExperimentLogPanel.show(model, extensionUri, ids);
  // A click in the tree shows the experiment in the log and leaves the keyboard in the tree, as a file preview does.
  const previewInLog = (ids: string[]) => ExperimentLogPanel.show(model, extensionUri, ids, true);
  /** A tree command on the clicked (or selected) experiments, refreshing the tree after it. */
  const onExperiments = (run: (targets: StoredExperiment[], root: string) => Promise<void>): NodeCommand => async (node, selected) => {
    const targets = tree.targets(node, selected);
    const root = model.root;
    if (targets.length === 0 || !root) return;
    await run(targets, root);
    model.refresh();
  };
  const commands: [string, (...args: never[]) => unknown][] = [
    ['loupe.recordExperiment', () => recordCommand(model, showLog, context.extensionPath)],
    ['loupe.importExperiments', () => importExperimentsCommand(model)],
    ['loupe.showExperimentLog', () => showLog()],
    ['loupe.openTrainingLog', async (resource?: unknown) => {
      const file = resource instanceof vscode.Uri ? resource : await pickTrainingLog();
      if (file) TrainingLogPanel.show(file, extensionUri);
    }],
    ['loupe.restoreExperiment', async () => model.root && (await restoreFlow(flowDeps(model.root)))],
    ['loupe.experiments.refresh', () => model.refresh()],
    ['loupe.experiments.groupByDay', () => tree.setGroupMode('day')],
    ['loupe.experiments.groupByDataset', () => tree.setGroupMode('dataset')],
    ['loupe.experiments.open', onExperiments(async (targets) => void showLog(targets.map((t) => t.experiment.id)))],
    ['loupe.experiments.preview', onExperiments(async (targets) => void previewInLog(targets.map((t) => t.experiment.id)))],
    ['loupe.experiments.compareWith', onExperiments((targets, root) =>
      compareWithFlow(targets, { ui: vscodeUi, list: async () => (await model.list()).experiments, showLog, offerExamples: (records) => offerRecordsComparison(root, records, comparisonHost) }),
    )],
    ['loupe.experiments.compareExamples', onExperiments((targets, root) => compareRecords(root, targets, comparisonHost))],
    ['loupe.experiments.rename', onExperiments(([target], root) => renameFlow(target, flowDeps(root)))],
    ['loupe.experiments.addNote', onExperiments(([target], root) => addNoteFlow(target, flowDeps(root)))],
    ['loupe.experiments.star', onExperiments(async (targets, root) => void (await Promise.all(targets.map((t) => setExperimentStarred(root, t.experiment.id, true)))))],
    ['loupe.experiments.unstar', onExperiments(async (targets, root) => void (await Promise.all(targets.map((t) => setExperimentStarred(root, t.experiment.id, false)))))],
    ['loupe.experiments.setBaseline', onExperiments((targets, root) => setBaselineFlow(targets, flowDeps(root)))],
    ['loupe.experiments.openRecord', onExperiments(async ([target]) => void (await vscode.window.showTextDocument(vscode.Uri.file(target.file))))],
    ['loupe.experiments.delete', onExperiments((targets, root) => deleteFlow(targets, flowDeps(root)))],
  ];
  return vscode.Disposable.from(model, tree, ...commands.map(([id, run]) => vscode.commands.registerCommand(id, withErrors(run))));
}

/** Shows a failure as one message naming what went wrong (cancelling is not a failure). */
function withErrors<A extends never[]>(run: (...args: A) => unknown): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await run(...args);
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      void vscode.window.showErrorMessage(`Loupe: ${(error as Error).message}`);
    }
  };
}

async function recordCommand(model: ExperimentsModel, showLog: (ids?: string[]) => unknown, extensionPath: string): Promise<void> {
  const folder = model.folder;
  if (!folder) {
    void vscode.window.showErrorMessage('Loupe: open a folder first; experiments are recorded in its .loupe/experiments/.');
    return;
  }
  const stored = await recordFromPalette(folder.uri.fsPath, createRecordEffects(folder, extensionPath));
  if (!stored) return;
  model.refresh();
  const e = stored.experiment;
  const gitNote = e.code.gitAvailable ? '' : ` Git state not recorded: ${e.code.reason}.`;
  const show = 'Show in Log';
  if ((await vscode.window.showInformationMessage(`Loupe: recorded "${e.name}" in ${vscode.workspace.asRelativePath(stored.file, false)}.${gitNote}`, show)) === show) showLog([e.id]);
}

/** Selects the experiments in the log; with two records made on datasets, offers their per-example comparison too. */

