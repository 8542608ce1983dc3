/** The class identity of a loaded label file: its label, prediction and labeler columns read together. */
import type { CsvProblem } from '../csv/scanner';
import type { ColumnInfo, Dataset } from '../dataset/dataset';
import type { ClassReading } from '../metrics/classes';
import { lookAlikeWarnings, readClasses, type ClassIdentity } from './classIdentity';

export interface DatasetClasses {
  identity: ClassIdentity;
  /** The columns read, in file order; `identity.classOfCode[k]` belongs to `columns[k]`. */
  columns: ColumnInfo[];
  /** Look-alike class warnings, one line each. */
  warnings: string[];
}

/**
 * Reads the file's class columns together: every categorical column whose role is label,
 * prediction or labeler, plus `extra` (columns named on the command line or in a view).
 */
export function readDatasetClasses(dataset: Dataset, extra: readonly (ColumnInfo | undefined)[] = []): DatasetClasses {
  const wanted = new Set<number>();
  for (const c of dataset.columns) if (c.role === 'label' || c.role === 'prediction' || c.role === 'labeler') wanted.add(c.index);
  for (const c of extra) if (c) wanted.add(c.index);
  const columns = dataset.columns.filter((c) => wanted.has(c.index) && dataset.codes[c.index] && dataset.dictionaries[c.index]);
  const identity = readClasses(columns.map((c) => ({ name: c.name, dictionary: dataset.dictionaries[c.index]!, codes: dataset.codes[c.index]! })));
  return { identity, columns, warnings: lookAlikeWarnings(identity) };
}

/** Per dictionary code of `column`: its class index in `classes.identity` (-1 blank). */
export function classOfCodeIn(classes: DatasetClasses, column: ColumnInfo): Int32Array {
  const k = classes.columns.findIndex((c) => c.index === column.index);
  if (k < 0) throw new RangeError(`column "${column.name}" was not read as a class column`);
  return classes.identity.classOfCode[k];
}

/** A label and a prediction column read together with the file's other class columns: what metrics and outcomes take. */
export function readLabelPrediction(dataset: Dataset, label: ColumnInfo, prediction: ColumnInfo): ClassReading {
  const classes = readDatasetClasses(dataset, [label, prediction]);
  return {
    reading: classes.identity.reading,
    classes: classes.identity.classes,
    labelClassOfCode: classOfCodeIn(classes, label),
    predictionClassOfCode: classOfCodeIn(classes, prediction),
    warnings: classes.warnings,
  };
}

/**
 * Look-alike classes as warnings of the file (the Problems panel, `loupe info`), each at the
 * first line where one of its spellings occurs. Adds them to `dataset.problems` once.
 */
export function reportLookAlikeClasses(dataset: Dataset): number {
  if (dataset.problems.some((p) => p.kind === 'look-alike-classes')) return 0;
  const { identity } = readDatasetClasses(dataset);
  const problems: CsvProblem[] = identity.lookAlikes.map((l) => ({
    kind: 'look-alike-classes',
    line: l.row >= 0 && l.row < dataset.rowLines.length ? dataset.rowLines[l.row] : 1,
    severity: 'warning',
    message: l.message,
  }));
  if (problems.length === 0) return 0;
  dataset.problems.push(...problems);
  dataset.problemTotals['look-alike-classes'] = identity.lookAlikeCount;
  return identity.lookAlikeCount;
}
