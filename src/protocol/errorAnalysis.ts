/** Messages between the Error Analysis webview and the host (one union per direction). */
import { z } from 'zod';
import type { CsvProblem } from '../core/csv/scanner';
import type { TagAnalysis } from '../core/errorAnalysis/analyzeTags';

export type HostToErrorAnalysis =
  /** `problems`: the file's error-level CSV problems, shown before any figure. */
  | { type: 'analysis'; fileName: string; analysis: TagAnalysis; hasLabelers: boolean; tagged: { tagged: number; errors: number }; problems: CsvProblem[] }
  | { type: 'unavailable'; message: string };

const tag = z.string().min(1).max(200);
export const errorAnalysisToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('showTag'), tag: tag.nullable() }),
  z.object({ type: z.literal('setWeight'), tag, field: z.enum(['ease', 'importance', 'hlp']), value: z.number().min(0).max(1000).nullable() }),
  z.object({ type: z.literal('exportTag'), tag }),
  z.object({ type: z.literal('renameTag'), tag }),
  z.object({ type: z.literal('mergeTag'), tag }),
  z.object({ type: z.literal('deleteTag'), tag }),
]);
export type ErrorAnalysisToHost = z.infer<typeof errorAnalysisToHostSchema>;
