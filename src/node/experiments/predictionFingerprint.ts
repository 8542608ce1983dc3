/**
 * The fingerprint of a label file's per-example predictions (schema: `predictionFingerprintSchema`),
 * read with the user's column roles: which prediction column, and SHA-256s of the ids and of the
 * (id, prediction) pairs in row order.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { columnByRole } from '../../core/dataset/dataset';
import type { PredictionFingerprint } from '../../core/experiments/schema';
import { loadDatasetFile, releaseLoadedFile } from '../loadDataset';
import { readDatasetConfig } from '../projectConfigFile';
import { readColumn } from '../scanColumn';

/**
 * Undefined when there is nothing to fingerprint or it would be wrong: no prediction column, a
 * file Loupe cannot read, or one with error-level CSV problems (rows may be misread).
 */
export async function readPredictionFingerprint(root: string, file: string, signal?: AbortSignal): Promise<PredictionFingerprint | undefined> {
  const absolute = path.resolve(root, file);
  const { config } = await readDatasetConfig(absolute, root);
  let loaded;
  try {
    loaded = await loadDatasetFile(absolute, { roles: config.roles, delimiter: config.delimiter, encoding: config.encoding }, { signal, checkIds: false });
  } catch (error) {
    signal?.throwIfAborted();
    if (error instanceof Error) return undefined;
    throw error;
  }
  try {
    const { dataset } = loaded;
    const prediction = columnByRole(dataset, 'prediction');
    const codes = prediction && dataset.codes[prediction.index];
    if (!prediction || !codes || dataset.problems.some((p) => p.severity === 'error')) return undefined;
    const dictionary = dataset.dictionaries[prediction.index]!;
    const key = dataset.columns.findIndex((c) => c.kind === 'key');
    const ids = key >= 0 ? await readColumn(loaded.rowSource, dataset, key, signal) : Array.from({ length: dataset.rowCount }, (_, i) => String(i + 1));
    const idsHash = createHash('sha256');
    const pairsHash = createHash('sha256');
    ids.forEach((id, row) => {
      idsHash.update(`${JSON.stringify(id)}\n`);
      pairsHash.update(`${JSON.stringify([id, codes[row] < 0 ? '' : dictionary[codes[row]]])}\n`);
    });
    return { column: prediction.name, idColumn: key >= 0 ? dataset.columns[key].name : null, rows: dataset.rowCount, idsSha256: idsHash.digest('hex'), sha256: pairsHash.digest('hex') };
  } finally {
    await releaseLoadedFile(loaded);
  }
}
