/** Messages between the Label Consistency view and the host (one union per direction). */
import { z } from 'zod';
import type { CsvProblem } from '../core/csv/scanner';
import type { AgreementView } from './datasetWorker';

export type HostToAgreement =
  /** `problems`: the file's error-level CSV problems, shown before any figure. */
  | { type: 'agreement'; fileName: string; view: AgreementView; classNotes: Record<string, string>; ambiguousClass: string | null; fixes: number; source: string | null; standalone: boolean; problems: CsvProblem[] }
  | { type: 'unavailable'; message: string; canLoadJudgements: boolean; looksLong: boolean };

const name = z.string().min(1).max(1000);
export const agreementToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('showPair'), a: name, b: name }),
  z.object({ type: z.literal('showDisagreements') }),
  z.object({ type: z.literal('defineClasses'), classes: z.array(name).min(1).max(2), note: z.string().max(10_000) }),
  z.object({ type: z.literal('setAmbiguousClass'), name: name.nullable() }),
  z.object({ type: z.literal('exportQueue') }),
  z.object({ type: z.literal('applyFixes') }),
  z.object({ type: z.literal('loadJudgements') }),
  z.object({ type: z.literal('useOwnLabelers') }),
  z.object({ type: z.literal('useOwnLongFormat') }),
]);
export type AgreementToHost = z.infer<typeof agreementToHostSchema>;
