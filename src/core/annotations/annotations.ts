/**
 * What a user adds to a label file: tags and a note per example. Kept apart from the
 * dataset (the CSV is never rewritten behind the user's back) and edited only through
 * snapshot edits, so that every change can be undone and redone exactly.
 */

export interface Annotation {
  tags: readonly string[];
  note?: string;
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

export function isEmptyAnnotation(a: Annotation | null | undefined): boolean {
  return !a || (a.tags.length === 0 && !a.note && (!a.extra || Object.keys(a.extra).length === 0));
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

  /** Sets each change's `after` state. */
  redo(edit: AnnotationEdit): void {
    for (const change of edit.changes) this.put(change.key, change.after);
  }

  /** Restores each change's `before` state, in reverse order. */
  undo(edit: AnnotationEdit): void {
    for (let i = edit.changes.length - 1; i >= 0; i--) this.put(edit.changes[i].key, edit.changes[i].before);
  }

  /** Tag names in order of first use. */
  tagsInUse(): string[] {
    const seen = new Set<string>();
    for (const a of this.byKey.values()) for (const t of a.tags) seen.add(t);
    return [...seen];
  }

  /** Builds (without applying) the edit that adds or removes a tag on some keys. */
  toggleTag(keys: readonly string[], tag: string, on: boolean): AnnotationEdit | undefined {
    const changes: AnnotationChange[] = [];
    for (const key of new Set(keys)) {
      const before = this.byKey.get(key) ?? null;
      const tags = before?.tags ?? [];
      if (tags.includes(tag) === on) continue;
      const nextTags = on ? [...tags, tag] : tags.filter((t) => t !== tag);
      changes.push({ key, before, after: normalize({ ...before, tags: nextTags }) });
    }
    if (changes.length === 0) return undefined;
    const what = changes.length === 1 ? 'a row' : `${changes.length} rows`;
    return { label: `${on ? 'Tag' : 'Untag'} ${what} "${tag}"`, changes };
  }

  /** Builds the edit that sets the note of a key (empty text removes it). */
  setNote(key: string, note: string): AnnotationEdit | undefined {
    const before = this.byKey.get(key) ?? null;
    const text = note.trim() === '' ? undefined : note;
    if ((before?.note ?? undefined) === text) return undefined;
    return { label: text ? 'Edit note' : 'Remove note', changes: [{ key, before, after: normalize({ tags: before?.tags ?? [], ...before, note: text }) }] };
  }

  private put(key: string, annotation: Annotation | null): void {
    if (isEmptyAnnotation(annotation)) this.byKey.delete(key);
    else this.byKey.set(key, annotation!);
  }
}

function normalize(a: Annotation): Annotation | null {
  const out: Annotation = { tags: a.tags };
  if (a.note) out.note = a.note;
  if (a.extra && Object.keys(a.extra).length > 0) out.extra = a.extra;
  return isEmptyAnnotation(out) ? null : out;
}
