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
import { readLabelFileFacts } from './predictionFingerprint';
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
  const state: DataState = { path: workspaceRelative(root, file), sha256: fingerprint.sha256, rows: fingerprint.rows, annotationsSha256: annotations.sha256, labelFixes: annotations.fixes.length };
  // Per-example predictions, so that two records can later say whether they compare example by
  // example; and the decided labels that change a cell (one equal to the row's label is none).
  const facts = await readLabelFileFacts(root, file, annotations.fixes, options.signal);
  if (facts.predictions) state.predictions = facts.predictions;
  if (facts.labelFixes !== undefined) state.labelFixes = facts.labelFixes;
  return state;
}

/** SHA-256 of the dataset's sidecar and its decided labels; no sidecar: no hash, no fixes. */
async function readAnnotationState(root: string, dataset: string): Promise<{ sha256: string | null; fixes: [string, string][] }> {
  let text: string;
  try {
    text = await fs.readFile(sidecarPath(path.resolve(root, dataset), root), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sha256: null, fixes: [] };
    throw error;
  }
  const { entries } = parseSidecar(text);
  return { sha256: sha256Text(text), fixes: entries.flatMap(([id, a]): [string, string][] => (typeof a.label === 'string' ? [[id, a.label]] : [])) };
}
