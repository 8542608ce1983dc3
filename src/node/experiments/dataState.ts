/**
 * What data an experiment saw: the dataset's content hash and rows (one streaming pass, so a
 * 2 GB file is never held in memory), the state of its annotation sidecar (tags and
 * label fixes) at that moment, and the fingerprint of its per-example predictions.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseSidecar } from '../../core/annotations/sidecar';
import type { DataState } from '../../core/experiments/schema';
import { sidecarPath } from '../loupePaths';
import { fingerprintFile, sha256Text } from './hash';
import { readPredictionFingerprint } from './predictionFingerprint';
import { workspaceRelative } from './workspaceRoot';

export interface DataStateOptions {
  /** Bytes hashed so far and the file's size. */
  onProgress?(bytesRead: number, totalBytes: number): void;
  signal?: AbortSignal;
}

/** Hash, rows and annotation state of `dataset` (a path absolute or relative to `root`). */
export async function readDataState(root: string, dataset: string, options: DataStateOptions = {}): Promise<DataState> {
  const file = path.resolve(root, dataset);
  let size: number;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new Error(`${file}: not a file; choose the dataset file itself`);
    size = stat.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${file}: no such file; check the dataset path`);
    throw error;
  }
  const fingerprint = await fingerprintFile(file, { signal: options.signal, onProgress: (bytes) => options.onProgress?.(bytes, size) });
  const annotations = await readAnnotationState(root, file);
  const state: DataState = { path: workspaceRelative(root, file), sha256: fingerprint.sha256, rows: fingerprint.rows, ...annotations };
  // Per-example predictions, so that two records can later say whether they compare example by example.
  const predictions = await readPredictionFingerprint(root, file, options.signal);
  if (predictions) state.predictions = predictions;
  return state;
}

/** SHA-256 of the dataset's sidecar and its number of label fixes; no sidecar: no hash, no fixes. */
export async function readAnnotationState(root: string, dataset: string): Promise<Pick<DataState, 'annotationsSha256' | 'labelFixes'>> {
  let text: string;
  try {
    text = await fs.readFile(sidecarPath(path.resolve(root, dataset), root), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { annotationsSha256: null, labelFixes: 0 };
    throw error;
  }
  const { entries } = parseSidecar(text);
  return { annotationsSha256: sha256Text(text), labelFixes: entries.filter(([, a]) => a.label !== undefined).length };
}
