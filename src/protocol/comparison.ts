/**
 * The Comparison view (did the change help?) and its host: one union per direction, and the
 * schema of the report it shows, which is what `loupe compare --json` prints (the host runs
 * the bundled CLI, so the view and the command line cannot disagree).
 */
import { z } from 'zod';
import { COMPARISON_KINDS } from '../core/modelComparison/rowOutcomes';

const rate = z.number().nullable();
const count = z.number().int().nonnegative();
const text = z.string().max(100_000);

const groupFields = { n: count, accuracyA: rate, accuracyB: rate, delta: rate, fixed: count, broken: count, small: z.boolean() };

export const comparisonReportSchema = z.object({
  files: z.object({ a: text, b: text }),
  columns: z.object({ label: text, a: text, b: text }),
  n: count,
  skipped: count,
  unmatched: z.object({ onlyA: count, onlyB: count, onlyAIds: z.array(text), onlyBIds: z.array(text), repeatedIdsA: count, repeatedIdsB: count }),
  labelMismatches: z.object({ count, examples: z.array(z.object({ id: text, labelA: text, labelB: text })), checked: z.boolean() }),
  accuracyA: z.number(),
  accuracyB: z.number(),
  macroF1A: z.number(),
  macroF1B: z.number(),
  bothRight: count,
  fixed: count,
  broken: count,
  bothWrong: count,
  mcnemar: z.object({ exactP: z.number(), chi2: rate, chi2P: rate }),
  perClass: z.array(z.object({ class: text, support: count, recallA: z.number(), recallB: z.number() })),
  smallGroup: count,
  perTagRows: text,
  perTag: z.array(z.object({ tag: text, ...groupFields })),
  perSlice: z.array(z.object({ column: text, value: text, ...groupFields })),
});
export type ComparisonReport = z.infer<typeof comparisonReportSchema>;

/** What was compared, in words for the view's heading (paths relative to the workspace). */
export interface ComparisonSubject {
  /** e.g. `speech-commands.csv: "prediction" (A) vs "prediction_v2" (B)`. */
  title: string;
  /** e.g. the two experiment records' names, when it came from the experiment log. */
  detail?: string;
  /** A and B come from two files (matched by id), else from two columns of one file. */
  twoFiles: boolean;
}

export type HostToComparison =
  /** `reason`: why it computes again (a file changed on disk); the last report stays shown, marked as out of date. */
  | { type: 'computing'; subject: ComparisonSubject; reason?: string }
  | { type: 'report'; subject: ComparisonSubject; report: ComparisonReport; notes: string[] }
  /** Nothing is shown but the reason (a file that could not be read is never given figures). */
  | { type: 'failed'; subject: ComparisonSubject; message: string };

export const comparisonToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('recompute') }),
  z.object({ type: z.literal('openFile'), side: z.enum(['a', 'b']) }),
  /** Show these rows in the label file's table: one outcome, optionally of one tag, slice value or label class. */
  z.object({
    type: z.literal('showRows'),
    kind: z.enum(COMPARISON_KINDS),
    tag: text.optional(),
    slice: z.object({ column: text, value: text }).optional(),
    labelClass: text.optional(),
  }),
]);
export type ComparisonToHost = z.infer<typeof comparisonToHostSchema>;
