/** Messages between the Label Issues view and the host (one union per direction). */
import { z } from 'zod';
import type { LabelIssuesSection } from '../core/audit/labelIssuesSection';
import type { CsvProblem } from '../core/csv/scanner';

/** How many likely label errors the view lists. */
export const LABEL_ISSUES_SHOWN = 100;

export type HostToLabelIssues =
  /** `problems`: the file's error-level CSV problems, shown before any figure; `warnings`: the probability columns' problems. */
  | { type: 'issues'; fileName: string; report: LabelIssuesSection; problems: CsvProblem[]; warnings: string[] }
  /** The file has no probability columns (or cannot be read yet): why, and what to do. */
  | { type: 'unavailable'; message: string };

const text = z.string().max(10_000);
export const labelIssuesToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** Rows with this given label whose likely true label is `likely` (a cell of the confident joint). */
  z.object({ type: z.literal('showCell'), given: text, likely: text }),
  /** Go to one row (0-based) in the table. */
  z.object({ type: z.literal('showRow'), row: z.number().int().nonnegative() }),
]);
export type LabelIssuesToHost = z.infer<typeof labelIssuesToHostSchema>;
