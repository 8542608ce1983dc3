/**
 * `loupe experiments --compare <a> --compare <b>`: two or more records side by side, as the
 * Experiment Log compares them (`core/experiments/compare.ts`): metric deltas against the first,
 * and per tag and per slice the size in each record and whether the populations differ.
 */
import { compareExperiments, describePopulation, type GroupComparison, type MetricRow } from '../../core/experiments/compare';
import { formatDelta, formatMetricValue } from '../../core/experiments/format';
import type { Experiment } from '../../core/experiments/schema';
import { listExperiments } from '../../node/experiments/store';
import { findWorkspaceRoot } from '../../node/experiments/workspaceRoot';
import { CliError } from '../cliError';

/** The records named (by id or by name, which must then be unique), in the order given: the first is the reference. */
export async function runExperimentsCompare(names: readonly string[], options: { json: boolean; cwd?: string }): Promise<string> {
  if (names.length < 2) throw new CliError('--compare needs two or more experiments (ids or names), the reference first');
  const root = findWorkspaceRoot(options.cwd ?? process.cwd());
  const records = (await listExperiments(root)).experiments.map((s) => s.experiment);
  const chosen = names.map((name) => findRecord(records, name));
  const c = compareExperiments(chosen);
  const group = (g: GroupComparison) => ({ group: g.group, n: g.population.n.map((v) => v ?? null), samePopulation: g.population.reasons.length === 0, populationReasons: g.population.reasons, populationNotes: describePopulation(g.population), metrics: g.metrics.map(metricJson) });
  const report = {
    experiments: chosen.map((e) => ({ id: e.id, name: e.name, dataset: e.data.path, sha256: e.data.sha256 })),
    sameDataset: c.data.sameDataset,
    sameAnnotations: c.data.sameAnnotations,
    metrics: c.metrics.map(metricJson),
    perTag: c.perTag.map(group),
    perSlice: c.perSlice.map(group),
  };
  if (options.json) return JSON.stringify(report, null, 2);
  return renderText(chosen, c.metrics, c.perTag, c.perSlice, c.data.sameDataset);
}

function findRecord(records: readonly Experiment[], name: string): Experiment {
  const byId = records.find((e) => e.id === name);
  if (byId) return byId;
  const byName = records.filter((e) => e.name === name);
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) throw new CliError(`"${name}" names ${byName.length} experiments (${byName.map((e) => e.id).join(', ')}): give an id`);
  throw new CliError(`no experiment with the id or name "${name}" (run "loupe experiments" for the list)`);
}

function metricJson(r: MetricRow) {
  return { name: r.name, direction: r.direction, values: r.values.map((v) => v ?? null), deltas: r.deltas.map((d) => d ?? null), outcomes: r.outcomes };
}

const MARK: Record<string, string> = { better: ' ▲', worse: ' ▼', same: ' =', 'different-population': ' ≠ examples' };

function cells(r: MetricRow): string {
  return r.values.map((v, i) => (v === undefined ? '—' : i === 0 || r.deltas[i] === undefined ? formatMetricValue(v) : `${formatMetricValue(v)} (${formatDelta(r.deltas[i]!)}${MARK[r.outcomes[i]] ?? ''})`)).join('  |  ');
}

function renderText(chosen: readonly Experiment[], metrics: MetricRow[], perTag: GroupComparison[], perSlice: GroupComparison[], sameDataset: boolean): string {
  const lines = [`${chosen.map((e) => `"${e.name}"`).join(' vs ')} (deltas against "${chosen[0].name}")`, sameDataset ? 'Same dataset content.' : 'The dataset content differs.'];
  lines.push('', 'metrics:', ...metrics.map((r) => `  ${r.name}: ${cells(r)}`));
  for (const [title, groups] of [['per tag', perTag], ['per slice', perSlice]] as const) {
    if (groups.length === 0) continue;
    lines.push('', `${title}:`);
    for (const g of groups) {
      lines.push(`  ${g.group}: n = ${g.population.n.map((v) => (v === undefined ? '?' : String(v))).join(' | ')}${g.population.reasons.length ? ' — different populations, not a model change:' : ''}`);
      lines.push(...describePopulation(g.population).map((note) => `      ${note}`));
      lines.push(...g.metrics.map((r) => `    ${r.name}: ${cells(r)}`));
    }
  }
  return lines.join('\n');
}
