/** Messages between the training-log curve viewer and the host (one union per direction). */
import { z } from 'zod';
import type { SeriesMap, TrainingLogFormat, TrainingLogProblem } from '../core/experiments/trainingLog';

export type HostToTrainingLog =
  | { type: 'init'; fileName: string }
  | {
      type: 'update';
      /** Start the chart over (the file was rewritten or truncated). */
      reset: boolean;
      /** Points read since the last update. */
      points: SeriesMap;
      /** Problems found since the last update (line numbers in the file). */
      problems: TrainingLogProblem[];
      format: TrainingLogFormat | null;
      linesRead: number;
      /** What the x-axis counts, as the log names it ("epoch", "step"; "row" when nothing counts). */
      stepName?: string;
      /** Why the file is not a training log (one sentence naming it), once its first rows showed it. */
      notATrainingLog: string | null;
    }
  | { type: 'failed'; message: string };

export const trainingLogToHostSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('ready') })]);
export type TrainingLogToHost = z.infer<typeof trainingLogToHostSchema>;
