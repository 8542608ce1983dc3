import type { CsvProblem } from '../core/csv/scanner';
import type { ColumnInfo, Dataset } from '../core/dataset/dataset';
import { CliError } from './cliError';
import { noun } from '../core/plural';

// Enough lines to locate the trouble; the count says how many more there are.
const MAX_LISTED = 20;

/** Each problem as an editor reads it: `file:line: severity: message`. */
export function problemLines(file: string, problems: readonly CsvProblem[], limit = MAX_LISTED): string[] {
  const lines = problems.slice(0, limit).map((p) => `${file}:${p.line}: ${p.severity}: ${p.message}`);
  if (problems.length > limit) lines.push(`${file}: … and ${problems.length - limit} more`);
  return lines;
}

/**
 * A file with error-level CSV problems (an unterminated quote, bytes in the wrong encoding, not
 * a CSV file at all) was not read correctly, so no figure computed from it is printed: exit 2
 * with the located problems. `--allow-problems` computes anyway, with the problems on stderr.
 */
export function refuseErrorProblems(file: string, problems: readonly CsvProblem[], allowProblems: boolean): void {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return;
  const count = `${errors.length} error-level CSV ${noun(errors.length, 'problem')}`;
  if (allowProblems) {
    process.stderr.write(`${problemLines(file, errors).join('\n')}\nloupe: ${file}: ${count}; computed anyway (--allow-problems): the figures may be wrong\n`);
    return;
  }
  throw new CliError(`${file}: ${count}: the file was not read correctly, so no figures are printed. Fix the file (or choose its encoding in .loupe/config.json), or pass --allow-problems to compute anyway`, 2, problemLines(file, errors));
}

/** Why no row has both a label and a prediction (header only, every label empty, …), as one error. */
export function noUsableRows(file: string, dataset: Dataset, columns: { label: ColumnInfo; prediction: ColumnInfo }): CliError {
  let why: string;
  if (dataset.rowCount === 0) why = 'the file has a header and no data rows';
  else if (allEmpty(dataset, columns.label)) why = `every cell of the label column "${columns.label.name}" is empty`;
  else if (allEmpty(dataset, columns.prediction)) why = `every cell of the prediction column "${columns.prediction.name}" is empty`;
  else why = `no row has both a label ("${columns.label.name}") and a prediction ("${columns.prediction.name}")`;
  return new CliError(`${file}: nothing to compute: ${why}`);
}

function allEmpty(dataset: Dataset, column: ColumnInfo): boolean {
  const codes = dataset.codes[column.index];
  const dictionary = dataset.dictionaries[column.index];
  if (!codes || !dictionary) return false;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0 && dictionary[codes[i]].trim() !== '') return false;
  return true;
}
