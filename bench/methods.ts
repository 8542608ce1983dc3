/**
 * One benchmark method, run in its own process so that its peak RSS is its own:
 *   node --import tsx bench/methods.ts <method> <file>
 * Prints one JSON line: { seconds, firstRowsSeconds?, rows, maxRssBytes }.
 */
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { columnByRole, columnsByRole } from '../src/core/dataset/dataset';
import { RowTags } from '../src/core/dataset/rowTags';
import { assignClasses } from '../src/core/metrics/classes';
import { computeConfusion } from '../src/core/metrics/confusion';
import { classificationReport } from '../src/core/metrics/classification';
import { loadDatasetFile, reportDuplicateIds } from '../src/node/loadDataset';
import { computeOutcomes } from '../src/core/dataset/outcome';
import { analyzeTags, labelerAgreement } from '../src/core/errorAnalysis/analyzeTags';
import { TagSetCounts } from '../src/core/errorAnalysis/tagMetrics';
import { summarizeHlp } from '../src/core/agreement/labelers';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { assignComparisonClasses } from '../src/core/modelComparison/comparisonClasses';
import { compareModels } from '../src/core/modelComparison/compareModels';
import { checkLoadedFile } from '../src/node/dataChecksOfFile';
import { compareLoadedFiles } from '../src/node/driftFiles';
import { splitLoadedFile } from '../src/node/splitFile';
import { labelIssuesOfDataset } from '../src/core/labelIssues/fromDataset';

type Result = { seconds: number; rows: number; firstRowsSeconds?: number; detail?: unknown };

/** The floor: read the file and count records with a quote-aware byte scan. */
function quoteAwareScan(file: string): Result {
  const started = performance.now();
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(1 << 20);
  let inQuotes = false;
  let records = 0;
  for (;;) {
    const n = readSync(fd, buffer, 0, buffer.length, null);
    if (n === 0) break;
    for (let i = 0; i < n; i++) {
      const b = buffer[i];
      if (b === 0x22) inQuotes = !inQuotes;
      else if (b === 0x0a && !inQuotes) records++;
    }
  }
  closeSync(fd);
  return { seconds: (performance.now() - started) / 1000, rows: records - 1 };
}

async function loupeLoad(file: string, withMetrics: boolean): Promise<Result> {
  const started = performance.now();
  let firstRows: number | undefined;
  const partWorker = path.join(__dirname, '..', 'dist', 'worker', 'parsePartWorker.js');
  // As the editor loads: the repeated-id check runs once the table is usable, timed on its own below.
  const loaded = await loadDatasetFile(file, {}, { onHead: () => (firstRows ??= performance.now() - started), partWorker, checkIds: false });
  const { dataset } = loaded;
  let detail: unknown;
  if (withMetrics) {
    const label = columnByRole(dataset, 'label')!;
    const prediction = columnByRole(dataset, 'prediction')!;
    const assigned = assignClasses(dataset.dictionaries[label.index]!, dataset.dictionaries[prediction.index]!, dataset.codes[label.index]!, dataset.codes[prediction.index]!);
    const confusion = computeConfusion(assigned.classes, assigned.truth, assigned.prediction);
    const report = classificationReport(confusion);
    // Per-tag counts: rows and errors per tag.
    const tags = new RowTags(dataset);
    const perSetRows = new Float64Array(tags.setCount);
    const perSetErrors = new Float64Array(tags.setCount);
    const { truth, prediction: predicted } = assigned;
    for (let row = 0; row < dataset.rowCount; row++) {
      const set = tags.rowSet[row];
      perSetRows[set]++;
      if (truth[row] >= 0 && predicted[row] >= 0 && truth[row] !== predicted[row]) perSetErrors[set]++;
    }
    const perTag = tags.names.map((name, id) => {
      let rows = 0;
      let errors = 0;
      for (let s = 0; s < tags.setCount; s++) {
        if (!tags.tagIdsOfSet(s).includes(id)) continue;
        rows += perSetRows[s];
        errors += perSetErrors[s];
      }
      return { name, rows, errors };
    });
    detail = { accuracy: report.accuracy, classes: confusion.classes.length, labelers: columnsByRole(dataset, 'labeler').length, perTag };
  }
  const seconds = (performance.now() - started) / 1000;
  const idCheckStarted = performance.now();
  reportDuplicateIds(loaded);
  const idCheckMs = performance.now() - idCheckStarted;
  return { seconds, rows: dataset.rowCount, firstRowsSeconds: firstRows === undefined ? undefined : firstRows / 1000, detail: { ...(detail as object | undefined), idCheckMs } };
}

/** What a user would otherwise reach for in Node: papaparse to row objects (header: true). */
function papaparseObjects(file: string): Promise<Result> {
  const started = performance.now();
  let rows = 0;
  let firstRows: number | undefined;
  const kept: unknown[] = [];
  return new Promise((resolve, reject) => {
    Papa.parse(createReadStream(file), {
      header: true,
      skipEmptyLines: true,
      step: (result: Papa.ParseStepResult<unknown>) => {
        firstRows ??= performance.now() - started;
        kept.push(result.data);
        rows++;
      },
      complete: () => resolve({ seconds: (performance.now() - started) / 1000, rows, firstRowsSeconds: (firstRows ?? 0) / 1000, detail: { kept: kept.length } }),
      error: reject,
    });
  });
}

/**
 * The Error Analysis view's update after a tag changes, at this file's size: re-apply the
 * sidecar's tag overrides and recompute the per-tag table (labeler agreement is per load).
 */
async function tagUpdate(file: string): Promise<Result> {
  const partWorker = path.join(__dirname, '..', 'dist', 'worker', 'parsePartWorker.js');
  const { dataset } = await loadDatasetFile(file, {}, { partWorker });
  const outcomes = computeOutcomes(dataset)!;
  const tags = new RowTags(dataset);
  const agreement = labelerAgreement(dataset);
  const overrides = new Map<number, string[]>();
  for (let row = 0; row < dataset.rowCount; row += 97) overrides.set(row, ['reviewed', row % 2 ? 'car noise' : 'far field']);
  const counts = new TagSetCounts(outcomes, tags.rowSet, agreement);
  counts.move(tags.applyOverrides(overrides));
  const overallHlp = agreement ? summarizeHlp(agreement).hlp : null;
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    overrides.set(i * 13, ['edited', String(i)]);
    const started = performance.now();
    counts.move(tags.applyOverrides(overrides));
    analyzeTags(outcomes, tags, agreement, { counts, overallHlp });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { seconds: times[3] / 1000, rows: dataset.rowCount, detail: { overrides: overrides.size, maxMs: times[6] } };
}

/**
 * One analysis on a loaded file, timed apart from the load (`seconds` is the analysis; the
 * load's time is in `detail.loadSeconds`), so the report can give it as a ratio to the load.
 */
async function analysis(method: string, file: string): Promise<Result> {
  const partWorker = path.join(__dirname, '..', 'dist', 'worker', 'parsePartWorker.js');
  const loadStarted = performance.now();
  const loaded = await loadDatasetFile(file, {}, { partWorker, checkIds: false });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const { dataset } = loaded;
  const started = performance.now();
  let detail: Record<string, unknown> = {};
  if (method === 'split') {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'loupe-bench-')), 'split.csv');
    const result = await splitLoadedFile(file, loaded, { ratios: [0.6, 0.2, 0.2], names: ['train', 'dev', 'test'], stratify: { label: 'label', slice: null }, group: null, seed: 7, column: 'split_bench', overwriteColumn: false, out, overwriteFile: true });
    rmSync(path.dirname(out), { recursive: true, force: true });
    detail = { rowsWritten: result.rows };
  } else if (method === 'drift') {
    // The reference is the same file loaded a second time (1M vs 1M); its load is not timed.
    const reference = await loadDatasetFile(file, {}, { partWorker, checkIds: false });
    const restarted = performance.now();
    const drift = await compareLoadedFiles(reference, loaded, null);
    return { seconds: (performance.now() - restarted) / 1000, rows: dataset.rowCount, detail: { loadSeconds, columns: drift.json.columns.length } };
  } else if (method === 'data-checks') {
    const checks = await checkLoadedFile(loaded, file, path.dirname(file), { hashMedia: false });
    detail = { duplicateGroups: checks?.duplicateGroups };
  } else if (method === 'compare') {
    const label = columnByRole(dataset, 'label')!;
    const prediction = columnByRole(dataset, 'prediction')!;
    const other = dataset.columns.find((c) => c.role === 'labeler')!;
    // Model B: the first labeler column read as a second prediction column.
    const coded = (index: number) => ({ dictionary: dataset.dictionaries[index]!, codes: dataset.codes[index]! });
    const assigned = assignComparisonClasses(coded(label.index), coded(prediction.index), coded(other.index));
    const comparison = compareModels(assigned.classes, assigned.truth, assigned.a, assigned.b);
    detail = { n: comparison.n };
  } else if (method === 'label-issues') {
    // Confident learning over the p_<class> columns (10 classes in the generated file).
    const found = labelIssuesOfDataset(dataset, { label: columnByRole(dataset, 'label')!.index });
    detail = { classes: found.classes.length, used: found.result.used, issues: found.result.issues.length };
  } else {
    throw new Error(`unknown analysis ${method}`);
  }
  return { seconds: (performance.now() - started) / 1000, rows: dataset.rowCount, detail: { loadSeconds, ...detail } };
}

async function main(): Promise<void> {
  const [method, file] = process.argv.slice(2);
  let result: Result;
  switch (method) {
    case 'floor':
      result = quoteAwareScan(file);
      break;
    case 'loupe-load':
      result = await loupeLoad(file, false);
      break;
    case 'loupe-metrics':
      result = await loupeLoad(file, true);
      break;
    case 'papaparse':
      result = await papaparseObjects(file);
      break;
    case 'tag-update':
      result = await tagUpdate(file);
      break;
    case 'split':
    case 'drift':
    case 'data-checks':
    case 'compare':
    case 'label-issues':
      result = await analysis(method, file);
      break;
    default:
      throw new Error(`unknown method ${method}`);
  }
  process.stdout.write(JSON.stringify({ ...result, maxRssBytes: process.resourceUsage().maxRSS * 1024 }) + '\n');
}

void main();
