/**
 * Audit Dataset on a file with error-level CSV problems: Loupe could not read it correctly, so
 * the user is told each file:line and chooses; a report made anyway starts with the problems.
 */
import type { CsvProblem } from '../../core/csv/scanner';
import { counted } from '../../core/plural';

export const AUDIT_ANYWAY = 'Audit Anyway';
const LISTED = 10;

export interface AuditEffects {
  /** Shows `message` with an "Audit Anyway" choice; true when the user takes it. */
  auditAnyway(message: string): PromiseLike<boolean>;
}

/** The error-level problems the report must carry ([] when there are none); undefined: the user stopped. */
export async function confirmAudit(fileName: string, problems: readonly CsvProblem[], effects: AuditEffects): Promise<CsvProblem[] | undefined> {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return [];
  return (await effects.auditAnyway(csvProblemsMessage(fileName, errors))) ? errors : undefined;
}

export function csvProblemsMessage(fileName: string, errors: readonly CsvProblem[]): string {
  return `Loupe: ${fileName} has ${plural(errors.length)}: Loupe could not read it correctly, so the audit's figures would be wrong. ${listed(fileName, errors).join('; ')}. Fix the file and audit again, or audit anyway (the report will list the problems first).`;
}

/** The report's markdown, preceded by a "CSV problems" section when there are any. */
export function withCsvProblemsSection(markdown: string, fileName: string, errors: readonly CsvProblem[]): string {
  if (errors.length === 0) return markdown;
  const section = ['## CSV problems', '', `${fileName} has ${plural(errors.length)}: Loupe could not read it correctly, so every figure below may be wrong.`, '', ...listed(fileName, errors).map((l) => `- ${l}`), '', ''];
  return section.join('\n') + markdown;
}

function listed(fileName: string, errors: readonly CsvProblem[]): string[] {
  const out = errors.slice(0, LISTED).map((p) => `${fileName}:${p.line}: ${p.message}`);
  if (errors.length > LISTED) out.push(`and ${errors.length - LISTED} more`);
  return out;
}

function plural(n: number): string {
  return `${counted(n, 'error-level CSV problem')}`;
}
