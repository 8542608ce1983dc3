/**
 * The per-class probability columns' problems as warnings of the file (the Problems panel,
 * `loupe info`, the CLI's stderr): cells that are not numbers in [0, 1] (those rows are left
 * out of confident learning) and rows that do not sum to 1 ± 0.01 (used as they are, never
 * renormalized), each with its count and first lines.
 */
import type { CsvProblem } from '../csv/scanner';
import { columnByRole, type Dataset } from '../dataset/dataset';
import { probabilityInputs, LabelIssuesUnavailable } from './fromDataset';
import { checkProbabilities, SUM_TOLERANCE, type ProbabilityChecks } from './probabilityColumns';

const KIND = 'probability-values';

/** Adds the problems to `dataset.problems` once; returns how many rows have one. */
export function reportProbabilityProblems(dataset: Dataset): number {
  if (dataset.problems.some((p) => p.kind === KIND)) return 0;
  const problems = probabilityProblems(dataset);
  if (problems.length === 0) return 0;
  dataset.problems.push(...problems.map((p) => p.problem));
  const rows = problems.reduce((n, p) => n + p.rows, 0);
  dataset.problemTotals[KIND] = rows;
  return rows;
}

/** Only a file with columns of the `probability` role is checked: a file without them simply has no confident learning. */
export function probabilityProblems(dataset: Dataset): { problem: CsvProblem; rows: number }[] {
  const label = columnByRole(dataset, 'label');
  const declared = dataset.columns.filter((c) => c.role === 'probability');
  if (!label || declared.length === 0) return [];
  let names: string[];
  let checks: ProbabilityChecks;
  try {
    const inputs = probabilityInputs(dataset, { label: label.index });
    names = inputs.columns.names;
    checks = checkProbabilities(inputs.columns.values, dataset.rowCount);
  } catch (error) {
    if (!(error instanceof LabelIssuesUnavailable)) throw error;
    const message = `probability columns (${declared.map((c) => c.name).join(', ')}) cannot be used: ${error.message}`;
    return [{ problem: { kind: KIND, line: 1, severity: 'warning', message }, rows: 0 }];
  }
  return describeProbabilityChecks(dataset, names, checks);
}

/** One warning per kind of problem found in `checks`, at the first line, with its count and first lines. */
export function describeProbabilityChecks(dataset: Dataset, names: readonly string[], checks: ProbabilityChecks): { problem: CsvProblem; rows: number }[] {
  const columns = names.length > 3 ? `${names[0]} … ${names[names.length - 1]}` : names.join(', ');
  const lines = (rows: number[]) => rows.map((r) => dataset.rowLines[r]).join(', ');
  const out: { problem: CsvProblem; rows: number }[] = [];
  const add = (count: number, rows: number[], what: string) => {
    if (count === 0) return;
    const message = `${count} row${count === 1 ? ` ${what.replace(/^have /, 'has ')}` : `s ${what}`} (probability columns ${columns}; first at line${rows.length === 1 ? '' : 's'} ${lines(rows)})`;
    out.push({ problem: { kind: KIND, line: dataset.rowLines[rows[0]], severity: 'warning', message }, rows: count });
  };
  add(checks.notNumber, checks.examples.notNumber, 'have an empty or non-numeric probability: left out of likely label errors');
  add(checks.outOfRange, checks.examples.outOfRange, 'have a probability outside [0, 1]: left out of likely label errors');
  add(checks.notSummingToOne, checks.examples.notSummingToOne, `have probabilities that do not sum to 1 ± ${SUM_TOLERANCE}: used as they are, not renormalized; check that every class has its column and that they are probabilities`);
  return out;
}
