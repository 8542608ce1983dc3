import { computeOutcomes, OUTCOME_ERROR } from '../../core/dataset/outcome';
import { problemLines } from '../fileProblems';
import { loadForCli } from '../loadForCli';

export interface InfoOptions {
  json: boolean;
}

/**
 * `loupe info <csv>`: rows, columns and their inferred roles, and located CSV problems. It is
 * the diagnostic command: it lists every problem, and exits 2 when one is error-level.
 */
export async function runInfo(file: string | undefined, options: InfoOptions): Promise<{ output: string; exitCode: number }> {
  const { dataset, encoding } = await loadForCli(file, {}, 'list');
  const exitCode = dataset.problems.some((p) => p.severity === 'error') ? 2 : 0;
  const outcomes = computeOutcomes(dataset);
  let misclassified: number | null = null;
  if (outcomes && exitCode === 0) {
    misclassified = 0;
    for (let i = 0; i < outcomes.length; i++) if (outcomes[i] === OUTCOME_ERROR) misclassified++;
  }
  const columns = dataset.columns.map((c) => ({ name: c.name, role: c.role }));
  const problems = dataset.problems.map((p) => ({ line: p.line, kind: p.kind, severity: p.severity, message: p.message }));
  if (options.json) {
    return { output: JSON.stringify({ rows: dataset.rowCount, columns, misclassified, encoding, problems }, null, 2), exitCode };
  }
  const width = Math.max(...columns.map((c) => c.name.length), 6);
  const lines = [
    `${file}: ${dataset.rowCount.toLocaleString('en-US')} rows, ${columns.length} columns (${encoding})`,
    exitCode !== 0 ? 'misclassified: not counted (the file has error-level problems, listed below)' : misclassified === null ? 'no label and prediction columns: misclassified rows unknown' : `misclassified: ${misclassified.toLocaleString('en-US')}`,
    '',
    `${'column'.padEnd(width)}  role`,
    ...columns.map((c) => `${c.name.padEnd(width)}  ${c.role}`),
  ];
  lines.push(...problemLines(file!, dataset.problems, Number.POSITIVE_INFINITY));
  return { output: lines.join('\n'), exitCode };
}
