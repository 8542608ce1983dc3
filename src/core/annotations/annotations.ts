/**
 * What a user adds to a label file: tags, a note, a label fix and an "ambiguous" flag per
 * example. Kept apart from the dataset (the CSV is never rewritten behind the user's back)
 * and changed only through snapshot edits, so that every change can be undone exactly.
 */
import { counted } from '../plural';

export interface Annotation {
  /** The example's tags; absent: the tags written in the file's tags column apply. */
  tags?: readonly string[];
  note?: string;
  /** The label decided in review, replacing the file's label once fixes are applied. */
  label?: string;
  /** Marked ambiguous in review (the labeling instructions do not decide it). */
  ambiguous?: boolean;
  /** Fields written by a newer Loupe: kept and written back untouched. */
  extra?: Readonly<Record<string, unknown>>;
}

/** One key's state before and after an edit (`null`: no annotation). */
export interface AnnotationChange {
  key: string;
  before: Annotation | null;
  after: Annotation | null;
}

export interface AnnotationEdit {
  label: string;
  changes: readonly AnnotationChange[];
}

/** The tags in the file for a key (its tags column), used when the sidecar says nothing. */
export type FileTags = (key: string) => readonly string[];
const NO_FILE_TAGS: FileTags = () => [];

export function isEmptyAnnotation(a: Annotation | null | undefined): boolean {
  return !a || (a.tags === undefined && !a.note && a.label === undefined && !a.ambiguous && (!a.extra || Object.keys(a.extra).length === 0));
}

export class AnnotationSet {
  private readonly byKey = new Map<string, Annotation>();

  constructor(entries: Iterable<[string, Annotation]> = []) {
    for (const [key, annotation] of entries) if (!isEmptyAnnotation(annotation)) this.byKey.set(key, annotation);
  }

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): Annotation | undefined {
    return this.byKey.get(key);
  }

  entries(): IterableIterator<[string, Annotation]> {
    return this.byKey.entries();
  }

  /** The tags an example carries: the sidecar's when it has some, else the file's. */
  tagsOf(key: string, fileTags: FileTags = NO_FILE_TAGS): readonly string[] {
    return this.byKey.get(key)?.tags ?? fileTags(key);
  }

  /** Sets each change's `after` state. */
  redo(edit: AnnotationEdit): void {
    for (const change of edit.changes) this.put(change.key, change.after);
  }

  /** Restores each change's `before` state, in reverse order. */
  undo(edit: AnnotationEdit): void {
    for (let i = edit.changes.length - 1; i >= 0; i--) this.put(edit.changes[i].key, edit.changes[i].before);
  }

  /** Tag names the sidecar uses, in order of first use. */
  tagsInUse(): string[] {
    const seen = new Set<string>();
    for (const a of this.byKey.values()) for (const t of a.tags ?? []) seen.add(t);
    return [...seen];
  }

  /** Builds (without applying) the edit that adds or removes a tag on some keys. */
  toggleTag(keys: readonly string[], tag: string, on: boolean, fileTags: FileTags = NO_FILE_TAGS): AnnotationEdit | undefined {
    const changes: AnnotationChange[] = [];
    for (const key of new Set(keys)) {
      const before = this.byKey.get(key) ?? null;
      const current = before?.tags ?? fileTags(key);
      if (current.includes(tag) === on) continue;
      const next = on ? [...current, tag] : current.filter((t) => t !== tag);
      changes.push({ key, before, after: normalize({ ...before, tags: next }, fileTags(key)) });
    }
    if (changes.length === 0) return undefined;
    const what = changes.length === 1 ? 'a row' : `${changes.length} rows`;
    return { label: `${on ? 'Tag' : 'Untag'} ${what} "${tag}"`, changes };
  }

  /**
   * Builds the edit that renames a tag on some keys (`to` already present: the two merge), or
   * removes it (`to` null). One edit, so one undo restores every example.
   */
  replaceTag(keys: readonly string[], from: string, to: string | null, fileTags: FileTags = NO_FILE_TAGS): AnnotationEdit | undefined {
    const changes: AnnotationChange[] = [];
    for (const key of new Set(keys)) {
      const before = this.byKey.get(key) ?? null;
      const current = before?.tags ?? fileTags(key);
      if (!current.includes(from)) continue;
      const next = [...new Set(current.flatMap((t) => (t === from ? (to === null ? [] : [to]) : [t])))];
      changes.push({ key, before, after: normalize({ ...before, tags: next }, fileTags(key)) });
    }
    if (changes.length === 0) return undefined;
    const label = to === null ? `Delete tag "${from}"` : `Rename tag "${from}" to "${to}"`;
    return { label: `${label} (${counted(changes.length, 'example')})`, changes };
  }

  /** Builds the edit that sets the note of a key (empty text removes it). */
  setNote(key: string, note: string, fileTags: FileTags = NO_FILE_TAGS): AnnotationEdit | undefined {
    const before = this.byKey.get(key) ?? null;
    const text = note.trim() === '' ? undefined : note;
    if (before?.note === text) return undefined;
    return { label: text ? 'Edit note' : 'Remove note', changes: [{ key, before, after: normalize({ ...before, note: text }, fileTags(key)) }] };
  }

  /** Builds the edit that sets (or clears, with `undefined`) review fields of some keys. */
  setReview(keys: readonly string[], review: { label?: string | null; ambiguous?: boolean }, what: string, fileTags: FileTags = NO_FILE_TAGS): AnnotationEdit | undefined {
    const changes: AnnotationChange[] = [];
    for (const key of new Set(keys)) {
      const before = this.byKey.get(key) ?? null;
      const next: Annotation = { ...before };
      if (review.label !== undefined) next.label = review.label ?? undefined;
      if (review.ambiguous !== undefined) next.ambiguous = review.ambiguous || undefined;
      const after = normalize(next, fileTags(key));
      if (JSON.stringify(after) !== JSON.stringify(before)) changes.push({ key, before, after });
    }
    return changes.length === 0 ? undefined : { label: what, changes };
  }

  private put(key: string, annotation: Annotation | null): void {
    if (isEmptyAnnotation(annotation)) this.byKey.delete(key);
    else this.byKey.set(key, annotation!);
  }
}

/** Drops empty fields, and tags equal to the file's (nothing to override). */
function normalize(a: Annotation, fileTags: readonly string[]): Annotation | null {
  const out: Annotation = {};
  if (a.tags !== undefined && !sameTags(a.tags, fileTags)) out.tags = a.tags;
  if (a.note) out.note = a.note;
  if (a.label !== undefined) out.label = a.label;
  if (a.ambiguous) out.ambiguous = true;
  if (a.extra && Object.keys(a.extra).length > 0) out.extra = a.extra;
  return isEmptyAnnotation(out) ? null : out;
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t) => b.includes(t));
}

/** Splits a tags cell of the file ("car noise;blurry" or "a|b") into tag names. */
export function splitTagCell(cell: string): string[] {
  return [...new Set(cell.split(/[;|]/).map((t) => t.trim()).filter((t) => t !== ''))];
}
