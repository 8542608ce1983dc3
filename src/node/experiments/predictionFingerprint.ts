/**
 * What a record reads from the label file itself: the fingerprint of its per-example predictions (schema: `predictionFingerprintSchema`),
 * read with the user's column roles: which prediction column, and SHA-256s of the ids and of the
 * (id, prediction) pairs in row order.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { columnByRole } from '../../core/dataset/dataset';
import type { PredictionFingerprint } from '../../core/experiments/schema';
import { labelFixEffect } from '../../core/annotations/labelFixEffect';
import type { Dataset } from '../../core/dataset/dataset';
import { loadDatasetFile, releaseLoadedFile, type LoadedFile } from '../loadDataset';
import { readDatasetConfig } from '../projectConfigFile';
import { readColumn } from '../scanColumn';

/** What a record learns from reading the label file once. */
export interface LabelFileFacts {
  /** Undefined when there is nothing to fingerprint or it would be wrong. */
  predictions?: PredictionFingerprint;
  /** Decided labels that change a cell of this file; undefined when it cannot be told. */
  labelFixes?: number;
}

/**
 * Reads the label file once for the record: the fingerprint of its predictions and how many of
 * the decided labels `fixes` change one of its cells. Nothing is told of a file Loupe cannot read
 * or one with error-level CSV problems (rows may be misread).
 */
export async function readLabelFileFacts(root: string, file: string, fixes: readonly [string, string][], signal?: AbortSignal): Promise<LabelFileFacts> {
  const absolute = path.resolve(root, file);
  const { config } = await readDatasetConfig(absolute, root);
  let loaded;
  try {
    loaded = await loadDatasetFile(absolute, { roles: config.roles, delimiter: config.delimiter, encoding: config.encoding }, { signal, checkIds: false });
  } catch (error) {
    signal?.throwIfAborted();
    if (error instanceof Error) return {};
    throw error;
  }
  try {
    const { dataset } = loaded;
    if (dataset.problems.some((p) => p.severity === 'error')) return {};
    const key = dataset.columns.findIndex((c) => c.kind === 'key');
    const ids = key >= 0 ? await readColumn(loaded.rowSource, dataset, key, signal) : Array.from({ length: dataset.rowCount }, (_, i) => String(i + 1));
    return { predictions: fingerprint(dataset, ids, key), labelFixes: await changingFixes(loaded, ids, fixes, signal) };
  } finally {
    await releaseLoadedFile(loaded);
  }
}

/** How many fixes change a label cell (ids of rows as the table keys them: the key column, else the row number). */
async function changingFixes(loaded: LoadedFile, ids: string[], fixes: readonly [string, string][], signal?: AbortSignal): Promise<number | undefined> {
  if (fixes.length === 0) return 0;
  const label = columnByRole(loaded.dataset, 'label');
  if (!label) return undefined;
  const labels = await readColumn(loaded.rowSource, loaded.dataset, label.index, signal);
  const rowOf = new Map<string, number>();
  ids.forEach((id, row) => {
    if (!rowOf.has(id)) rowOf.set(id, row);
  });
  return labelFixEffect(fixes, (id) => rowOf.get(id), (row) => labels[row] ?? '').changing.length;
}

function fingerprint(dataset: Dataset, ids: string[], key: number): PredictionFingerprint | undefined {
  const prediction = columnByRole(dataset, 'prediction');
  const codes = prediction && dataset.codes[prediction.index];
  if (!prediction || !codes) return undefined;
  const dictionary = dataset.dictionaries[prediction.index]!;
  const idsHash = createHash('sha256');
  const pairsHash = createHash('sha256');
  ids.forEach((id, row) => {
    idsHash.update(`${JSON.stringify(id)}\n`);
    pairsHash.update(`${JSON.stringify([id, codes[row] < 0 ? '' : dictionary[codes[row]]])}\n`);
  });
  return { column: prediction.name, idColumn: key >= 0 ? dataset.columns[key].name : null, rows: dataset.rowCount, idsSha256: idsHash.digest('hex'), sha256: pairsHash.digest('hex') };
}
