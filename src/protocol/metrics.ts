/** Messages between the Metrics view and the host (one union per direction). */
import { z } from 'zod';
import type { CsvProblem } from '../core/csv/scanner';
import type { SliceReport } from '../core/audit/auditReport';
import type { MetricsWithScoreCells } from '../core/audit/scoreCells';
import type { ThresholdMetrics } from '../core/metrics/ranking';

export interface SliceColumnChoice {
  name: string;
  /** Included in the audit. */
  selected: boolean;
}

export type HostToMetrics =
  /** `problems`: the file's error-level CSV problems, shown before any figure. */
  | { type: 'metrics'; fileName: string; metrics: MetricsWithScoreCells; positiveChoices: string[]; problems: CsvProblem[] }
  | { type: 'threshold'; atThreshold: ThresholdMetrics }
  | { type: 'slices'; report: SliceReport; columns: SliceColumnChoice[]; pairs: boolean }
  | { type: 'unavailable'; message: string };

const name = z.string().min(1).max(1000);
export const metricsToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('setPositive'), positive: name }),
  z.object({ type: z.literal('setThreshold'), threshold: z.number().min(0).max(1) }),
  z.object({ type: z.literal('showCell'), label: z.string().max(1000), prediction: z.string().max(1000) }),
  z.object({ type: z.literal('setSlices'), columns: z.array(name).max(200), pairs: z.boolean(), margin: z.number().min(0).max(1) }),
  z.object({ type: z.literal('showSlice'), key: z.array(z.object({ column: name, value: z.string().max(10_000).nullable() })).min(1).max(2) }),
  z.object({ type: z.literal('audit') }),
]);
export type MetricsToHost = z.infer<typeof metricsToHostSchema>;
