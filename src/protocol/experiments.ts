/**
 * Messages between the Experiment Log webview and the host (one union per direction).
 * What the webview sends is parsed with zod before the host acts on it.
 */
import { z } from 'zod';
import { experimentIdSchema, type Experiment } from '../core/experiments/schema';

/** An experiment as the log shows it: the record, sent without its metric history (not shown, can be long). */
export type LoggedExperiment = Experiment;

export type HostToExperimentLog =
  | {
      type: 'experiments';
      experiments: LoggedExperiment[];
      /** Files that could not be read, each message naming its file. */
      problems: string[];
      /** Where the records are, for the empty state. */
      folder: string;
    }
  /** Select these experiments (Open / Compare with… in the sidebar). */
  | { type: 'select'; ids: string[] };

export const experimentLogToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('openRecord'), id: experimentIdSchema }),
  z.object({ type: z.literal('run'), command: z.enum(['record', 'import']) }),
]);
export type ExperimentLogToHost = z.infer<typeof experimentLogToHostSchema>;
