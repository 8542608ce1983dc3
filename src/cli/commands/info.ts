import { computeOutcomes, OUTCOME_ERROR } from '../../core/dataset/outcome';
import { loadForCli } from '../loadForCli';

export interface InfoOptions {
  json: boolean;
}

/** `loupe info <csv>`: rows, columns and their inferred roles, and located CSV problems. */
export async function runInfo(file: string | undefined, options: InfoOptions): Promise<string> {
  const { dataset, encoding } = await loadForCli(file);
  const outcomes = computeOutcomes(dataset);
  let misclassified: number | null = null;
  if (outcomes) {
    misclassified = 0;
    for (let i = 0; i < outcomes.length; i++) if (outcomes[i] === OUTCOME_ERROR) misclassified++;
  }
  const columns = dataset.columns.map((c) => ({ name: c.name, role: c.role }));
  const problems = dataset.problems.map((p) => ({ line: p.line, kind: p.kind, severity: p.severity, message: p.message }));
  if (options.json) {
    return JSON.stringify({ rows: dataset.rowCount, columns, misclassified, encoding, problems }, null, 2);
  }
  const width = Math.max(...columns.map((c) => c.name.length), 6);
  const lines = [
    `${file}: ${dataset.rowCount.toLocaleString('en-US')} rows, ${columns.length} columns (${encoding})`,
    misclassified === null ? 'no label and prediction columns: misclassified rows unknown' : `misclassified: ${misclassified.toLocaleString('en-US')}`,
    '',
    `${'column'.padEnd(width)}  role`,
    ...columns.map((c) => `${c.name.padEnd(width)}  ${c.role}`),
  ];
  for (const p of problems) lines.push(`${file}:${p.line}: ${p.severity}: ${p.message}`);
  return lines.join('\n');
}
