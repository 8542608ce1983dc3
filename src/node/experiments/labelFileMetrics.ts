/**
 * Metrics Loupe computes itself from a label file's label and prediction columns, for a
 * record made without a metrics file: accuracy, macro and weighted precision/recall/F1
 * (scikit-learn's arithmetic), accuracy and errors per tag (the file's tags column with the
 * sidecar's tags applied), and accuracy and macro F1 per value of each slice column; each tag and
 * slice also records `n`, the examples it was computed on, so a comparison can tell populations apart.
 * The file is streamed in this thread (no worker needed), with the user's column roles.
 */
import * as path from 'node:path';
import type { CsvProblem } from '../../core/csv/scanner';
import { columnByRole, columnsByRole, type Dataset } from '../../core/dataset/dataset';
import { computeOutcomes } from '../../core/dataset/outcome';
import { RowTags } from '../../core/dataset/rowTags';
import { analyzeTags } from '../../core/errorAnalysis/analyzeTags';
import { GROUP_SIZE_METRIC } from '../../core/experiments/compare';
import type { GroupedMetrics } from '../../core/experiments/schema';
import { assignClasses, type ClassAssignment } from '../../core/metrics/classes';
import { readLabelPrediction } from '../../core/values/datasetClasses';
import { classificationReport } from '../../core/metrics/classification';
import { computeConfusion } from '../../core/metrics/confusion';
import { auditSlices, type SliceColumn } from '../../core/metrics/slices';
import type { LabelFileScores } from '../../protocol/scoreWorker';
import { loadDatasetFile } from '../loadDataset';
import { readDatasetConfig } from '../projectConfigFile';
import { annotatedRows, readProjectAnnotations } from '../projectFiles';
import { noun } from '../../core/plural';

// A slice column with more values than this is an identifier, not a slice: left out of the record.
const MAX_SLICES_PER_COLUMN = 50;

export type { LabelFileScores };

export interface ScoreOptions {
  onProgress?(bytesRead: number, totalBytes: number): void;
  signal?: AbortSignal;
  /** Sees the file's CSV problems before anything is computed; throwing stops the scoring. */
  onLoaded?(problems: readonly CsvProblem[]): void;
  /** Compute even when the file has error-level CSV problems (else CsvProblemsError). */
  allowProblems?: boolean;
}

/** The file has error-level CSV problems: Loupe could not read it correctly, so no figure is computed. */
export class CsvProblemsError extends Error {
  readonly code = 'csv-problems';

  constructor(
    readonly file: string,
    readonly problems: readonly CsvProblem[],
  ) {
    super(`${file} has ${problems.length} error-level CSV ${noun(problems.length, 'problem')}, so metrics computed on it would be wrong: ${problems.slice(0, 5).map((p) => `${path.basename(file)}:${p.line}: ${p.message}`).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`);
  }
}

/** Scores `file` (absolute or relative to `root`); throws a message naming the file when it cannot. */
export async function scoreLabelFile(root: string, file: string, options: ScoreOptions = {}): Promise<LabelFileScores> {
  const absolute = path.resolve(root, file);
  const { config } = await readDatasetConfig(absolute, root);
  const loaded = await loadDatasetFile(absolute, { roles: config.roles, delimiter: config.delimiter, encoding: config.encoding }, {
    signal: options.signal,
    onProgress: (bytes, total) => options.onProgress?.(bytes, total),
  });
  options.onLoaded?.(loaded.dataset.problems);
  const errors = loaded.dataset.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 && !options.allowProblems) throw new CsvProblemsError(absolute, errors);
  const classes = classAssignment(loaded.dataset, absolute);
  const report = classificationReport(computeConfusion(classes.classes, classes.truth, classes.prediction));
  if (report.n === 0) throw new Error(`${absolute}: no row has both a label and a prediction, so there is nothing to score`);
  const scores: LabelFileScores = {
    metrics: {
      accuracy: report.accuracy,
      macro_precision: report.macro.precision,
      macro_recall: report.macro.recall,
      macro_f1: report.macro.f1,
      weighted_f1: report.weighted.f1,
    },
    scored: report.n,
  };
  const perTag = await scoreTags(root, absolute, loaded.dataset, loaded.rowSource);
  if (perTag) scores.perTag = perTag;
  const perSlice = scoreSlices(loaded.dataset, classes);
  if (perSlice) scores.perSlice = perSlice;
  return scores;
}

function classAssignment(dataset: Dataset, file: string): ClassAssignment {
  const label = columnByRole(dataset, 'label');
  const prediction = columnByRole(dataset, 'prediction');
  const labelCodes = label && dataset.codes[label.index];
  const predictionCodes = prediction && dataset.codes[prediction.index];
  if (!label || !prediction || !labelCodes || !predictionCodes) {
    throw new Error(`${file}: no label and prediction columns were found; open it with "Loupe: Open Label File" and set their roles in the Columns menu, or record with a metrics file`);
  }
  return assignClasses(dataset.dictionaries[label.index]!, dataset.dictionaries[prediction.index]!, labelCodes, predictionCodes, readLabelPrediction(dataset, label, prediction));
}

/** Accuracy and errors per tag, with the sidecar's tags overriding the file's; undefined without tags. */
async function scoreTags(root: string, file: string, dataset: Dataset, rowSource: string): Promise<GroupedMetrics | undefined> {
  const outcomes = computeOutcomes(dataset);
  if (!outcomes) return undefined;
  const tags = new RowTags(dataset);
  tags.applyOverrides(await sidecarTagOverrides(root, file, dataset, rowSource));
  const table = analyzeTags(outcomes, tags, undefined);
  const perTag: GroupedMetrics = {};
  for (const row of table.tags) {
    if (row.tag === null || row.accuracy === null || row.count === 0) continue;
    perTag[row.tag] = { accuracy: row.accuracy, errors: row.errors, [GROUP_SIZE_METRIC]: row.count };
  }
  return Object.keys(perTag).length > 0 ? perTag : undefined;
}

async function sidecarTagOverrides(root: string, file: string, dataset: Dataset, rowSource: string): Promise<Map<number, readonly string[]>> {
  const { entries } = await readProjectAnnotations(file, root);
  return annotatedRows(dataset, rowSource, entries.filter(([, a]) => a.tags !== undefined)).overrides;
}

/** Accuracy and macro F1 per `column=value` of each slice column; undefined without slice columns. */
function scoreSlices(dataset: Dataset, classes: ClassAssignment): GroupedMetrics | undefined {
  const columns: SliceColumn[] = [];
  for (const c of columnsByRole(dataset, 'slice')) {
    const codes = dataset.codes[c.index];
    const dictionary = dataset.dictionaries[c.index];
    if (codes && dictionary) columns.push({ name: c.name, codes, dictionary });
  }
  if (columns.length === 0) return undefined;
  const audit = auditSlices(classes.truth, classes.prediction, classes.classes.length, columns, { pairs: false, maxSlices: MAX_SLICES_PER_COLUMN });
  // Keys are slice values from the file: no prototype, so "__proto__=x" stays a key.
  const perSlice = Object.create(null) as GroupedMetrics;
  for (const s of audit.slices) {
    const key = s.key.map((k) => `${k.column}=${k.value ?? '(empty)'}`).join(' & ');
    perSlice[key] = { accuracy: s.accuracy, macro_f1: s.macroF1, [GROUP_SIZE_METRIC]: s.n };
  }
  return Object.keys(perSlice).length > 0 ? perSlice : undefined;
}
