/** Messages of the score worker, which scores a label file for an experiment record off the extension host's thread. */
import type { GroupedMetrics, Metrics } from '../core/experiments/schema';

/** What the worker is started with (its workerData). */
export interface ScoreRequest {
  root: string;
  file: string;
}

export interface LabelFileScores {
  metrics: Metrics;
  perTag?: GroupedMetrics;
  perSlice?: GroupedMetrics;
  /** Rows scored (label and prediction both present). */
  scored: number;
}

export type ScoreMessage =
  | { type: 'progress'; bytesRead: number; totalBytes: number }
  | { type: 'done'; scores: LabelFileScores }
  | { type: 'failed'; message: string };
