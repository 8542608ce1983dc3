/**
 * The annotation sidecar: JSON Lines under `.loupe/annotations/`. Line 1 describes the file;
 * then one line per annotated example, sorted by key, so that a tag added to one example is
 * a one-line diff in git and two people tagging different examples merge cleanly.
 * `tags`, when present, is the example's whole set and overrides the file's tags column.
 */
import { z } from 'zod';
import type { Annotation } from './annotations';

export const SIDECAR_VERSION = 1;

const headerSchema = z.object({
  loupe: z.literal('annotations'),
  version: z.number().int().positive(),
  dataset: z.string(),
  /** The id column's name, or null when rows are keyed by their 1-based row number. */
  key: z.string().nullable(),
});
export type SidecarHeader = z.infer<typeof headerSchema>;

const entrySchema = z
  .object({
    id: z.string().optional(),
    row: z.number().int().positive().optional(),
    tags: z.array(z.string().min(1)).optional(),
    note: z.string().optional(),
    label: z.string().optional(),
    ambiguous: z.boolean().optional(),
  })
  .loose()
  .refine((e) => (e.id === undefined) !== (e.row === undefined), { message: 'needs exactly one of "id" or "row"' });

export interface SidecarProblem {
  line: number;
  message: string;
}

export interface ParsedSidecar {
  header: SidecarHeader | undefined;
  entries: [string, Annotation][];
  problems: SidecarProblem[];
}

/** Reads a sidecar. Bad lines are reported with their number; every good line still loads. */
export function parseSidecar(text: string): ParsedSidecar {
  const problems: SidecarProblem[] = [];
  const entries: [string, Annotation][] = [];
  let header: SidecarHeader | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push({ line, message: `not valid JSON (${(error as Error).message}); this line was skipped` });
      return;
    }
    if (header === undefined && i === firstContentLine(lines)) {
      const parsed = headerSchema.safeParse(value);
      if (parsed.success) {
        header = parsed.data;
        if (header.version > SIDECAR_VERSION) {
          problems.push({ line, message: `written by a newer Loupe (format ${header.version}); unknown fields are kept as they are` });
        }
        return;
      }
    }
    const parsed = entrySchema.safeParse(value);
    if (!parsed.success) {
      problems.push({ line, message: `${z.prettifyError(parsed.error).replaceAll('\n', ' ')}; this line was skipped` });
      return;
    }
    const { id, row, tags, note, label, ambiguous, ...extra } = parsed.data;
    const annotation: Annotation = {};
    if (tags) annotation.tags = [...new Set(tags)];
    if (note) annotation.note = note;
    if (label !== undefined) annotation.label = label;
    if (ambiguous) annotation.ambiguous = true;
    if (Object.keys(extra).length > 0) annotation.extra = extra;
    entries.push([id ?? String(row), annotation]);
  });
  return { header, entries, problems };
}

function firstContentLine(lines: string[]): number {
  return lines.findIndex((l) => l.trim() !== '');
}

/** Writes a sidecar: the header line, then one line per annotation sorted by key. */
export function serializeSidecar(header: SidecarHeader, annotations: Iterable<[string, Annotation]>): string {
  const byRow = header.key === null;
  const sorted = [...annotations].sort(([a], [b]) => (byRow ? Number(a) - Number(b) : compareKeys(a, b)));
  const lines = [JSON.stringify({ loupe: 'annotations', version: header.version, dataset: header.dataset, key: header.key })];
  for (const [key, a] of sorted) {
    const entry: Record<string, unknown> = byRow ? { row: Number(key) } : { id: key };
    if (a.tags) entry.tags = a.tags;
    if (a.note) entry.note = a.note;
    if (a.label !== undefined) entry.label = a.label;
    if (a.ambiguous) entry.ambiguous = true;
    if (a.extra) for (const [k, v] of Object.entries(a.extra)) if (!(k in entry)) entry[k] = v;
    lines.push(JSON.stringify(entry));
  }
  return lines.join('\n') + '\n';
}

/** Code-point order: the same on every machine and locale. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
