/**
 * What the Experiments tree shows, as plain data: groups (dataset version or day) and one
 * item per experiment with its name, main metric, age and badges. Pure, so it is tested
 * without VS Code; `experimentsTree.ts` turns it into tree items.
 */
import { groupByDataset, groupByDay, localDay, mainMetric } from '../../core/experiments/compare';
import { formatLocalTime, formatMetricValue, relativeTime } from '../../core/experiments/format';
import type { BaselineKind, Experiment } from '../../core/experiments/schema';

export type GroupMode = 'dataset' | 'day';
export type ItemIcon = 'milestone' | 'star-full' | 'beaker';

export interface ExperimentItem {
  id: string;
  label: string;
  /** Main metric, age and badges, after the name. */
  description: string;
  /** Every detail, one per line (plain text). */
  tooltip: string[];
  icon: ItemIcon;
  /** For `view/item/context` menus: "experiment starred" or "experiment unstarred". */
  contextValue: string;
}

export interface ExperimentGroupItem {
  key: string;
  label: string;
  description: string;
  items: ExperimentItem[];
}

export const BASELINE_LABELS: Record<BaselineKind, string> = {
  none: 'not a baseline',
  'human-level': 'human-level baseline',
  'previous-system': 'previous-system baseline',
  'quick-and-dirty': 'quick-and-dirty baseline',
};

/** Groups newest first, experiments newest first within each. */
export function buildTree(experiments: readonly Experiment[], mode: GroupMode, now: Date, dayOf: (iso: string) => string = localDay): ExperimentGroupItem[] {
  const groups = mode === 'dataset' ? groupByDataset(experiments) : groupByDay(experiments, dayOf);
  const today = dayOf(now.toISOString());
  const yesterday = dayOf(new Date(now.getTime() - 86_400_000).toISOString());
  return groups.map((g) => ({
    key: `${mode}:${g.key}`,
    label: mode === 'day' ? (g.key === today ? `Today (${g.key})` : g.key === yesterday ? `Yesterday (${g.key})` : g.key) : g.label,
    description: g.experiments.length === 1 ? '1 experiment' : `${g.experiments.length} experiments`,
    items: g.experiments.map((e) => experimentItem(e, now)),
  }));
}

export function experimentItem(e: Experiment, now: Date): ExperimentItem {
  const main = mainMetric(e.metrics);
  const badges = [e.baseline !== 'none' ? BASELINE_LABELS[e.baseline] : '', e.starred && e.baseline !== 'none' ? '★' : '', e.code.dirty ? 'dirty code' : ''].filter(Boolean);
  return {
    id: e.id,
    label: e.name,
    description: [main ? `${main.name} ${formatMetricValue(main.value)}` : 'no metrics', relativeTime(e.createdAt, now), ...badges].join(' · '),
    tooltip: tooltipLines(e),
    icon: e.baseline !== 'none' ? 'milestone' : e.starred ? 'star-full' : 'beaker',
    contextValue: `experiment ${e.starred ? 'starred' : 'unstarred'}`,
  };
}

function tooltipLines(e: Experiment): string[] {
  const metrics = Object.entries(e.metrics)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .slice(0, 8)
    .map(([k, v]) => `${k} ${formatMetricValue(v)}`);
  const lines = [`${e.starred ? '★ ' : ''}${e.name}`, `Recorded ${formatLocalTime(e.createdAt)} from ${e.source.kind}`];
  if (e.baseline !== 'none') lines.push(`Baseline: ${BASELINE_LABELS[e.baseline]}`);
  lines.push(metrics.length ? `Metrics: ${metrics.join(', ')}${Object.keys(e.metrics).length > 8 ? ', …' : ''}` : 'No metrics');
  lines.push(e.data.path ? `Data: ${e.data.path}${e.data.sha256 ? ` @ ${e.data.sha256.slice(0, 8)}` : ''}${e.data.rows !== null ? `, ${e.data.rows.toLocaleString('en-US')} rows` : ''}` : 'No dataset recorded');
  lines.push(codeLine(e.code));
  if (e.notes) lines.push(`Note: ${e.notes}`);
  return lines;
}

function codeLine(code: Experiment['code']): string {
  if (!code.gitAvailable) return `Code: git not recorded (${code.reason ?? 'unknown reason'})`;
  const commit = code.commit ? code.commit.slice(0, 10) : 'no commit';
  return `Code: ${commit}${code.branch ? ` on ${code.branch}` : ''}${code.dirty ? ', with uncommitted changes' : ''}`;
}
