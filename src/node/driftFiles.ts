/**
 * Drift between two loaded label files, as `loupe drift --json` prints it and the drift view
 * shows it: the same inputs to `detectDrift` (columns kept by name, text columns as the
 * lengths of their cells read from the files), so the CLI and the view print the same figures.
 */
import { countCategoriesBoth, histogramBoth, type DistributionPair } from '../core/drift/distributions';
import { detectDrift, measureTextLengths, type ColumnDrift, type DriftInput, type DriftReport, type LengthPair } from '../core/drift/detectDrift';
import { describeDriftJson, type DriftJson } from '../core/drift/driftJson';
import type { LoadedFile } from './loadDataset';
import { scanColumn } from './scanColumn';

export interface FileDrift {
  json: DriftJson;
  report: DriftReport;
  /** Per compared column (same order as `report.columns`): the two distributions to draw. */
  distributions: DistributionPair[];
}

/** Compares every column both files have (only `wanted` when given). */
export async function compareLoadedFiles(reference: LoadedFile, current: LoadedFile, wanted: ReadonlySet<string> | null, signal?: AbortSignal): Promise<FileDrift> {
  const [referenceInput, currentInput] = [driftInput(reference, wanted), driftInput(current, wanted)];
  const lengths = await textLengths(reference, current, wanted, signal);
  const report = detectDrift(referenceInput, currentInput, lengths);
  const json = describeDriftJson(report, { reference: reference.dataset.rowCount, current: current.dataset.rowCount });
  return { json, report, distributions: report.columns.map((c) => distributionOf(c, reference, current, lengths)) };
}

/** The file's columns as drift reads them, limited to `wanted` when given. */
function driftInput(loaded: LoadedFile, wanted: ReadonlySet<string> | null): DriftInput {
  const { dataset } = loaded;
  const keep = dataset.columns.filter((c) => wanted === null || wanted.has(c.name));
  return {
    rowCount: dataset.rowCount,
    columns: keep,
    codes: keep.map((c) => dataset.codes[c.index]),
    dictionaries: keep.map((c) => dataset.dictionaries[c.index]),
    numbers: keep.map((c) => dataset.numbers[c.index]),
  };
}

/** Cell lengths of the text columns both files have, read from the files. */
async function textLengths(reference: LoadedFile, current: LoadedFile, wanted: ReadonlySet<string> | null, signal?: AbortSignal): Promise<Map<string, LengthPair>> {
  const lengths = new Map<string, LengthPair>();
  for (const column of reference.dataset.columns) {
    if (column.kind !== 'text' || (wanted !== null && !wanted.has(column.name)) || lengths.has(column.name)) continue;
    const other = current.dataset.columns.find((c) => c.name === column.name);
    if (other?.kind !== 'text') continue;
    lengths.set(column.name, { reference: await lengthsOf(reference, column.index, signal), current: await lengthsOf(current, other.index, signal) });
  }
  return lengths;
}

async function lengthsOf(loaded: LoadedFile, index: number, signal?: AbortSignal): Promise<Float64Array> {
  const cells = new Array<string | null>(loaded.dataset.rowCount).fill(null);
  await scanColumn(
    loaded.rowSource,
    loaded.dataset,
    index,
    (row, value) => {
      if (row < cells.length) cells[row] = value;
    },
    signal,
  );
  return measureTextLengths(cells);
}

function distributionOf(column: ColumnDrift, reference: LoadedFile, current: LoadedFile, lengths: Map<string, LengthPair>): DistributionPair {
  const find = (loaded: LoadedFile) => loaded.dataset.columns.find((c) => c.name === column.name)!.index;
  const [r, c] = [find(reference), find(current)];
  if (column.kind === 'text') {
    const pair = lengths.get(column.name)!;
    return histogramBoth(pair.reference, pair.current);
  }
  if (column.kind === 'numeric') return histogramBoth(reference.dataset.numbers[r]!, current.dataset.numbers[c]!);
  return countCategoriesBoth(
    { codes: reference.dataset.codes[r]!, dictionary: reference.dataset.dictionaries[r]! },
    { codes: current.dataset.codes[c]!, dictionary: current.dataset.dictionaries[c]! },
  );
}
