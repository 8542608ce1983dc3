/**
 * The annotation sidecar: JSON Lines under `.loupe/annotations/`. Line 1 describes the file;
 * then one line per annotated example, sorted by key, so that a tag added to one example is
 * a one-line diff in git and two people tagging different examples merge cleanly.
 * `tags`, when present, is the example's whole set and overrides the file's tags column.
 * Fields Loupe does not know (any name, `__proto__` included) are kept and written back.
 */
import { z } from 'zod';
import type { Annotation } from './annotations';
import { defineField, unknownFields, withUnknownFields } from './unknownFields';

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
  .refine((e) => (e.id === undefined) !== (e.row === undefined), { message: 'needs exactly one of "id" or "row"' });
const KNOWN_FIELDS: ReadonlySet<string> = new Set(['id', 'row', 'tags', 'note', 'label', 'ambiguous']);

/** Field in which two different label fixes of one key are kept when its duplicate lines are merged. */
export const CONFLICTING_LABELS = 'conflictingLabels';

export interface SidecarProblem {
  line: number;
  message: string;
  /** unreadable: the line was skipped; duplicate: merged into its key's first line; newer: written by a newer Loupe. */
  kind: 'unreadable' | 'duplicate' | 'newer';
  /** For a duplicate: the line where the key first appears. */
  firstLine?: number;
}

export interface ParsedSidecar {
  header: SidecarHeader | undefined;
  entries: [string, Annotation][];
  problems: SidecarProblem[];
}

/**
 * Reads a sidecar. Bad lines are reported with their number; every good line still loads.
 * A key on two lines (what a git conflict resolved by keeping both sides leaves) is reported
 * with both lines and merged: see mergeDuplicate.
 */
export function parseSidecar(text: string): ParsedSidecar {
  const problems: SidecarProblem[] = [];
  const byKey = new Map<string, { line: number; annotation: Annotation }>();
  let header: SidecarHeader | undefined;
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      problems.push({ line, kind: 'unreadable', message: `not valid JSON (${(error as Error).message}); this line was skipped` });
      return;
    }
    if (i === first) {
      const parsed = headerSchema.safeParse(value);
      if (parsed.success) {
        header = parsed.data;
        if (header.version > SIDECAR_VERSION) {
          problems.push({ line, kind: 'newer', message: `written by a newer Loupe (format ${header.version}); unknown fields are kept as they are` });
        }
        return;
      }
    }
    const parsed = entrySchema.safeParse(value);
    if (!parsed.success) {
      problems.push({ line, kind: 'unreadable', message: `${z.prettifyError(parsed.error).replaceAll('\n', ' ')}; this line was skipped` });
      return;
    }
    const { id, row, tags, note, label, ambiguous } = parsed.data;
    const annotation: Annotation = {};
    if (tags) annotation.tags = [...new Set(tags)];
    if (note) annotation.note = note;
    if (label !== undefined) annotation.label = label;
    if (ambiguous) annotation.ambiguous = true;
    const extra = unknownFields(value, KNOWN_FIELDS);
    if (extra) annotation.extra = extra;
    const key = id ?? String(row);
    const earlier = byKey.get(key);
    if (!earlier) {
      byKey.set(key, { line, annotation });
      return;
    }
    const merged = mergeDuplicate(earlier.annotation, annotation);
    earlier.annotation = merged.annotation;
    problems.push({ line, kind: 'duplicate', firstLine: earlier.line, message: duplicateMessage(key, id === undefined, earlier.line, merged.notes) });
  });
  return { header, entries: [...byKey].map(([key, { annotation }]) => [key, annotation]), problems };
}

/**
 * Two lines of one key, merged so that nothing either says is lost: tags are united (first
 * line's order, then the second's new ones), notes kept once when equal and joined by a line
 * break when not, "ambiguous" when either says so. Two different label fixes are a decision
 * nobody made: neither is applied (the example is back to undecided in review) and both are
 * kept in the line's `conflictingLabels` field. Other fields: the first line's value wins.
 */
export function mergeDuplicate(a: Annotation, b: Annotation): { annotation: Annotation; notes: string[] } {
  const notes: string[] = [];
  const out: Annotation = {};
  if (a.tags || b.tags) out.tags = [...new Set([...(a.tags ?? []), ...(b.tags ?? [])])];
  const note = mergeNotes(a.note, b.note, notes);
  if (note) out.note = note;
  if (a.ambiguous || b.ambiguous) out.ambiguous = true;
  const extra = mergeExtraFields(a.extra, b.extra, notes);
  const labels = [...new Set([...conflictingLabels(a), a.label, ...conflictingLabels(b), b.label].filter((l): l is string => l !== undefined))];
  if (labels.length === 1) out.label = labels[0];
  if (labels.length > 1) {
    defineField(extra, CONFLICTING_LABELS, labels);
    notes.push(`label fixes ${labels.map((l) => JSON.stringify(l)).join(' and ')} differ, so none is applied: decide it again in review (both are kept in "${CONFLICTING_LABELS}")`);
  }
  if (Object.keys(extra).length > 0) out.extra = extra;
  return { annotation: out, notes };
}

/** Equal notes are kept once; different ones are joined by a line break. */
function mergeNotes(a: string | undefined, b: string | undefined, notes: string[]): string | undefined {
  if (!a || !b || a === b) return a ?? b;
  notes.push('both notes kept');
  return `${a}\n${b}`;
}

/** Unknown fields of both lines (the first line's value wins), without `conflictingLabels`, which is rebuilt. */
function mergeExtraFields(a: Annotation['extra'], b: Annotation['extra'], notes: string[]): Record<string, unknown> {
  const extra = Object.create(null) as Record<string, unknown>;
  for (const source of [a, b]) {
    for (const key of Object.keys(source ?? {})) {
      if (key === CONFLICTING_LABELS) continue;
      if (!Object.hasOwn(extra, key)) defineField(extra, key, source![key]);
      else if (JSON.stringify(extra[key]) !== JSON.stringify(source![key])) notes.push(`field "${key}" differs (the first line's value is kept)`);
    }
  }
  return extra;
}

function conflictingLabels(a: Annotation): string[] {
  const value = a.extra && Object.hasOwn(a.extra, CONFLICTING_LABELS) ? a.extra[CONFLICTING_LABELS] : undefined;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function duplicateMessage(key: string, byRow: boolean, firstLine: number, notes: string[]): string {
  const shown = key.length > 80 ? `${key.slice(0, 80)}…` : key;
  const what = byRow ? `row ${shown}` : `id ${JSON.stringify(shown)}`;
  const details = notes.length > 0 ? `; ${notes.join('; ')}` : '';
  return `${what} is also on line ${firstLine} (a merge that kept both sides?): the two lines were merged, tags united${details}. The file is copied to a .bak before it is next saved`;
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
    lines.push(JSON.stringify(withUnknownFields(entry, a.extra)));
  }
  return lines.join('\n') + '\n';
}

/** Code-point order: the same on every machine and locale. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
