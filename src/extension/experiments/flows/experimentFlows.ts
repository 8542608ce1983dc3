/**
 * The experiments tree's edits as flows over a `Ui` (no VS Code): rename, note, baseline,
 * delete (to the trash, with Undo) and restore. Each changes the record files through the
 * store and asks the views to refresh.
 */
import * as path from 'node:path';
import { BASELINE_KINDS, type BaselineKind } from '../../../core/experiments/schema';
import {
  deleteExperiment,
  experimentsTrashFolder,
  listTrashedExperiments,
  renameExperiment,
  restoreExperiment,
  setExperimentBaseline,
  setExperimentNotes,
  type StoredExperiment,
} from '../../../node/experiments/store';
import type { Ui } from '../../vscode/ui';
import { BASELINE_LABELS } from '../treeModel';

export interface ExperimentFlowDeps {
  ui: Ui;
  root: string;
  refresh(): void;
}

export async function renameFlow(target: StoredExperiment, { ui, root }: ExperimentFlowDeps): Promise<void> {
  const name = await ui.input({ title: 'Loupe: Rename Experiment', value: target.experiment.name, validate: (v) => (v.trim() ? undefined : 'A name cannot be empty') });
  if (name !== undefined) await renameExperiment(root, target.experiment.id, name);
}

export async function addNoteFlow(target: StoredExperiment, { ui, root }: ExperimentFlowDeps): Promise<void> {
  const notes = await ui.input({ title: `Loupe: Note on "${target.experiment.name}"`, value: target.experiment.notes, prompt: 'What was tried, what was learned (empty removes the note)' });
  if (notes !== undefined) await setExperimentNotes(root, target.experiment.id, notes.trim());
}

export async function setBaselineFlow(targets: readonly StoredExperiment[], { ui, root }: ExperimentFlowDeps): Promise<void> {
  const kind = await ui.pick<BaselineKind>(
    BASELINE_KINDS.map((baseline) => ({ label: baseline === 'none' ? 'Not a baseline' : BASELINE_LABELS[baseline].replace(/^./, (c) => c.toUpperCase()), value: baseline })),
    { title: 'Loupe: Mark as Baseline', placeHolder: 'What kind of reference is this result? Every other result is read against it.' },
  );
  if (kind === undefined) return;
  await Promise.all(targets.map((t) => setExperimentBaseline(root, t.experiment.id, kind)));
}

/** Moves the records to the trash; Undo in the message brings them back. */
export async function deleteFlow(targets: readonly StoredExperiment[], { ui, root, refresh }: ExperimentFlowDeps): Promise<void> {
  for (const t of targets) await deleteExperiment(root, t.experiment.id);
  refresh();
  const what = targets.length === 1 ? `"${targets[0].experiment.name}"` : `${targets.length} experiments`;
  const trash = path.relative(root, experimentsTrashFolder(root)).split(path.sep).join('/');
  if (!(await ui.infoWithAction(`Loupe: moved ${what} to ${trash}/ (Loupe: Restore Deleted Experiment brings it back).`, 'Undo'))) return;
  for (const t of targets) await restoreExperiment(root, t.experiment.id);
  refresh();
}

/** Brings chosen records back from the trash. */
export async function restoreFlow({ ui, root, refresh }: ExperimentFlowDeps): Promise<void> {
  const { experiments } = await listTrashedExperiments(root);
  if (experiments.length === 0) {
    ui.info('Loupe: no deleted experiments to restore.');
    return;
  }
  const picked = await ui.pickMany(
    experiments.map((s) => ({ label: s.experiment.name, description: new Date(s.experiment.createdAt).toLocaleString(), value: s })),
    { title: 'Loupe: Restore Deleted Experiment', placeHolder: 'Choose the experiments to bring back' },
  );
  if (!picked?.length) return;
  for (const p of picked) await restoreExperiment(root, p.experiment.id);
  refresh();
  ui.info(`Loupe: restored ${picked.length === 1 ? `"${picked[0].experiment.name}"` : `${picked.length} experiments`}.`);
}

export interface CompareWithDeps {
  ui: Ui;
  /** Every experiment of the workspace. */
  list(): Promise<readonly StoredExperiment[]>;
  /** Shows these experiments side by side in the log. */
  showLog(ids: string[]): unknown;
  /** Offers the example-by-example comparison when the records allow it. */
  offerExamples(records: StoredExperiment[]): Promise<void>;
}

/** "Compare with…": the selected experiments, or the clicked one and those picked, side by side. */
export async function compareWithFlow(targets: readonly StoredExperiment[], deps: CompareWithDeps): Promise<void> {
  if (targets.length > 1) {
    deps.showLog(targets.map((t) => t.experiment.id));
    await deps.offerExamples([...targets]);
    return;
  }
  const [target] = targets;
  const others = (await deps.list()).filter((s) => s.experiment.id !== target.experiment.id);
  if (others.length === 0) {
    deps.ui.info('Loupe: there is no other experiment to compare with yet. Record or import one first.');
    return;
  }
  const picked = await deps.ui.pickMany(
    others.map((s) => ({
      label: s.experiment.name,
      description: new Date(s.experiment.createdAt).toLocaleString(),
      detail: s.experiment.baseline !== 'none' ? BASELINE_LABELS[s.experiment.baseline] : undefined,
      value: s,
    })),
    { title: `Loupe: Compare "${target.experiment.name}" with…`, placeHolder: 'Choose one or more experiments', matchOnDescription: true },
  );
  if (!picked?.length) return;
  deps.showLog([target.experiment.id, ...picked.map((p) => p.experiment.id)]);
  await deps.offerExamples([target, ...picked]);
}
