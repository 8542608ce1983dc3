/**
 * A one-shot worker that reads whole label files for a command (drift between two files, a
 * split written to a new file), so the extension host stays free; it is terminated to cancel.
 */
import type { SplitOptions } from '../core/splits/splitOptions';
import type { CsvProblem } from '../core/csv/scanner';
import type { DistributionPair } from '../core/drift/distributions';
import type { DriftJson } from '../core/drift/driftJson';
import type { ClassBalance, SplitSummary } from '../core/splits/splitRows';

export type SplitTaskOptions = SplitOptions;

/** What each task needs, by its type. */
export interface FileTaskPayloads {
  drift: { reference: string; current: string };
  split: { file: string; options: SplitTaskOptions };
}

export type FileTaskType = keyof FileTaskPayloads;
export type FileTask = { [K in FileTaskType]: { type: K } & FileTaskPayloads[K] }[FileTaskType];

export interface DriftResult {
  json: DriftJson;
  /** Per entry of `json.columns`, the two distributions to draw. */
  distributions: DistributionPair[];
}

export interface SplitTaskResult {
  summary: SplitSummary;
  balance: ClassBalance;
  classColumn: string | null;
  rows: number;
}

export interface FileTaskResults {
  drift: DriftResult;
  split: SplitTaskResult;
}

/** Why a task failed: a file that was not read correctly (its error-level problems, located), or another reason. */
export type FileTaskFailure =
  | { code: 'csvProblems'; file: string; problems: CsvProblem[]; message: string }
  | { code: 'columnExists' | 'outputExists' | 'isInput' | 'other'; message: string };

export type FileTaskEvent =
  | { type: 'progress'; message: string }
  | { type: 'result'; result: FileTaskResults[FileTaskType] }
  | { type: 'failure'; failure: FileTaskFailure };
