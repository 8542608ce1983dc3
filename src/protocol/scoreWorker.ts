/** Messages of the score worker, which scores a label file for an experiment record off the extension host's thread. */
import type { CsvProblem } from '../core/csv/scanner';
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
  /** Error-level CSV problems: nothing was computed. */
  | { type: 'problems'; file: string; problems: CsvProblem[] }
  | { type: 'failed'; message: string };
