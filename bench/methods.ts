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
import { loadDatasetFile } from '../src/node/loadDataset';

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
  const { dataset } = await loadDatasetFile(file, {}, { onHead: () => (firstRows ??= performance.now() - started), partWorker });
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
  return { seconds: (performance.now() - started) / 1000, rows: dataset.rowCount, firstRowsSeconds: firstRows === undefined ? undefined : firstRows / 1000, detail };
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
    default:
      throw new Error(`unknown method ${method}`);
  }
  process.stdout.write(JSON.stringify({ ...result, maxRssBytes: process.resourceUsage().maxRSS * 1024 }) + '\n');
}

void main();
