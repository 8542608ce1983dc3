/**
 * The hot-exit backup of a label file's unsaved annotations (VS Code's backup, and Loupe's own
 * journal): the edited annotations, the sidecar they were based on, and that sidecar's text.
 */
import { z } from 'zod';
import { dataRecord } from '../config/dataRecord';
import type { Annotation } from './annotations';

export interface BackupFile {
  loupeBackup: 1;
  entries: [string, Annotation][];
  base: [string, Annotation][];
  baseText: string | null;
}

/** Every field of an annotation: a backup that dropped one would lose edits. */
const annotationSchema = z.object({
  tags: z.array(z.string()).optional(),
  note: z.string().optional(),
  label: z.string().optional(),
  ambiguous: z.boolean().optional(),
  extra: dataRecord(z.unknown()).optional(),
});

const backupSchema = z.object({
  loupeBackup: z.literal(1),
  entries: z.array(z.tuple([z.string(), annotationSchema])),
  base: z.array(z.tuple([z.string(), annotationSchema])),
  baseText: z.string().nullable(),
});

export function serializeBackup(backup: BackupFile): string {
  return JSON.stringify(backup);
}

/** A backup's content, or why it cannot be read (never throws). */
export function parseBackup(text: string): { ok: true; backup: BackupFile } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not valid JSON (${(error as Error).message})` };
  }
  const parsed = backupSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: z.prettifyError(parsed.error).replaceAll('\n', ' ') };
  return { ok: true, backup: parsed.data as BackupFile };
}
