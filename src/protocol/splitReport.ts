/** Messages between the split report view and the host (one union per direction). */
import { z } from 'zod';
import type { SplitReport } from '../core/splits/splitReport';

export type HostToSplitReport = { type: 'report'; report: SplitReport };

export const splitReportToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('saveMarkdown') }),
  z.object({ type: z.literal('openOutput') }),
]);
export type SplitReportToHost = z.infer<typeof splitReportToHostSchema>;
