/** Messages between the extension host and the scoring worker (`src/worker/scoreWorker.ts`). */
import type { GroupedMetrics, Metrics } from '../core/experiments/schema';

/** What Loupe computes from a label file's label and prediction columns for an experiment record. */
export interface LabelFileScores {
  metrics: Metrics;
  perTag?: GroupedMetrics;
  perSlice?: GroupedMetrics;
  /** Rows scored (label and prediction both present). */
  scored: number;
}

/** The worker's `workerData`. */
export interface ScoreRequest {
  root: string;
  file: string;
}

/** Worker → host. */
export type ScoreMessage =
  | { type: 'progress'; bytesRead: number; totalBytes: number }
  | { type: 'done'; scores: LabelFileScores }
  | { type: 'failed'; message: string };
