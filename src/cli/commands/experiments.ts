import { mainMetric } from '../../core/experiments/compare';
import { formatLocalTime, formatMetricValue } from '../../core/experiments/format';
import type { Experiment } from '../../core/experiments/schema';
import { experimentsFolder, listExperiments } from '../../node/experiments/store';
import { findWorkspaceRoot } from '../../node/experiments/workspaceRoot';

export interface ExperimentsOptions {
  json: boolean;
  cwd?: string;
}

/** `loupe experiments`: every recorded experiment, newest first; unreadable files are reported, not fatal. */
export async function runExperiments(options: ExperimentsOptions): Promise<string> {
  const root = findWorkspaceRoot(options.cwd ?? process.cwd());
  const { experiments, problems } = await listExperiments(root);
  const records = experiments.map((s) => s.experiment);
  if (options.json) return JSON.stringify({ root, experiments: records, problems }, null, 2);
  for (const p of problems) process.stderr.write(`loupe: ${p.message} (skipped)\n`);
  if (records.length === 0) return `no experiments in ${experimentsFolder(root)}; record one with: loupe record --name <name>`;
  const header = ['created', 'name', 'main metric', 'dataset', 'code', 'source'];
  return alignColumns([header, ...records.map(row)]);
}

function row(e: Experiment): string[] {
  const main = mainMetric(e.metrics);
  const code = !e.code.gitAvailable ? 'no git' : `${e.code.commit?.slice(0, 8) ?? '—'}${e.code.dirty ? ' dirty' : ''}`;
  const data = e.data.path ? `${e.data.path}${e.data.sha256 ? ` @${e.data.sha256.slice(0, 8)}` : ''}` : '—';
  const name = `${e.starred ? '★ ' : ''}${e.name}${e.baseline !== 'none' ? ` [${e.baseline} baseline]` : ''}`;
  return [formatLocalTime(e.createdAt), name, main ? `${main.name} ${formatMetricValue(main.value)}` : '—', data, code, e.source.kind];
}

function alignColumns(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')).join('\n');
}
