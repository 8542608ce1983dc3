/**
 * The Experiments view in the Loupe sidebar: experiments grouped by dataset version (or by
 * day), each with its main metric, age and badges. Empty → the welcome view (package.json
 * `viewsWelcome`) offers Record and Import. Unreadable files show as the view's message.
 */
import * as vscode from 'vscode';
import type { StoredExperiment } from '../../node/experiments/store';
import type { ExperimentsModel } from './experimentsModel';
import { buildTree, type ExperimentGroupItem, type ExperimentItem, type GroupMode } from './treeModel';
import { agree, noun } from '../../core/plural';

export type ExperimentNode = { kind: 'group'; group: ExperimentGroupItem } | { kind: 'experiment'; item: ExperimentItem; stored: StoredExperiment };

const GROUP_MODE_KEY = 'loupe.experiments.groupBy';
export const VIEW_ID = 'loupe.experiments';
const AGE_REFRESH_MS = 60_000;

export class ExperimentsTreeProvider implements vscode.TreeDataProvider<ExperimentNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<ExperimentNode>;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private mode: GroupMode;
  private byId = new Map<string, StoredExperiment>();

  constructor(
    private readonly model: ExperimentsModel,
    private readonly state: vscode.Memento,
  ) {
    this.mode = state.get<GroupMode>(GROUP_MODE_KEY) === 'day' ? 'day' : 'dataset';
    void vscode.commands.executeCommand('setContext', GROUP_MODE_KEY, this.mode);
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, canSelectMany: true, showCollapseAll: true });
    // Ages ("5 min ago") move on: redraw a visible tree every minute (from the cache, no file is read).
    const ticker = setInterval(() => this.view.visible && this.changed.fire(), AGE_REFRESH_MS);
    model.setVisible(this, this.view.visible);
    this.disposables.push(
      this.view,
      this.view.onDidChangeVisibility((e) => model.setVisible(this, e.visible)),
      model.onDidChange(() => this.changed.fire()),
      { dispose: () => clearInterval(ticker) },
      { dispose: () => model.setVisible(this, false) },
    );
  }

  get groupMode(): GroupMode {
    return this.mode;
  }

  setGroupMode(mode: GroupMode): void {
    this.mode = mode;
    void this.state.update(GROUP_MODE_KEY, mode);
    void vscode.commands.executeCommand('setContext', GROUP_MODE_KEY, mode);
    this.changed.fire();
  }

  /** The nodes a command applies to: the clicked one, or every selected one when it is among them. */
  targets(node?: ExperimentNode, selected?: readonly ExperimentNode[]): StoredExperiment[] {
    const chosen = selected?.length ? selected : node ? [node] : this.view.selection;
    return chosen.flatMap((n) => (n.kind === 'experiment' ? [n.stored] : []));
  }

  async getChildren(node?: ExperimentNode): Promise<ExperimentNode[]> {
    if (node?.kind === 'experiment') return [];
    if (node?.kind === 'group') return this.experimentNodes(node.group);
    const { experiments, problems } = await this.model.list();
    this.view.message = problems.length ? `${problems.length} experiment ${noun(problems.length, 'file')} could not be read and ${agree(problems.length, 'is', 'are')} not shown: ${problems.map((p) => p.message).join('; ')}` : undefined;
    this.view.description = experiments.length ? `${experiments.length}` : undefined;
    this.byId = new Map(experiments.map((s) => [s.experiment.id, s]));
    return buildTree(
      experiments.map((s) => s.experiment),
      this.mode,
      new Date(),
    ).map((group) => ({ kind: 'group', group }));
  }

  private experimentNodes(group: ExperimentGroupItem): ExperimentNode[] {
    return group.items.flatMap((item) => {
      const stored = this.byId.get(item.id);
      return stored ? [{ kind: 'experiment' as const, item, stored }] : [];
    });
  }

  getTreeItem(node: ExperimentNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.group.key;
      item.description = node.group.description;
      item.iconPath = new vscode.ThemeIcon(this.mode === 'day' ? 'calendar' : 'database');
      item.contextValue = 'experimentGroup';
      return item;
    }
    const { item: model } = node;
    const item = new vscode.TreeItem(model.label, vscode.TreeItemCollapsibleState.None);
    item.id = `experiment:${model.id}`;
    item.description = model.description;
    item.tooltip = model.tooltip.join('\n');
    item.iconPath = new vscode.ThemeIcon(model.icon, model.icon === 'star-full' ? new vscode.ThemeColor('charts.yellow') : undefined);
    item.contextValue = model.contextValue;
    item.accessibilityInformation = { label: `${model.label}, ${model.description}` };
    item.command = { command: 'loupe.experiments.preview', title: 'Show in Experiment Log', arguments: [node] };
    return item;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
