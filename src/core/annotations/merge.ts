import { AnnotationSet, type Annotation } from './annotations';

export interface MergeResult {
  merged: AnnotationSet;
  /** Keys changed on both sides in different ways: tags were united, our note kept. */
  conflicts: string[];
}

/**
 * Three-way merge of annotations, per key: a side that did not change a key takes the other
 * side's version; when both changed it, tags are united and our other fields win. Used when the
 * sidecar changed on disk (another window, the CLI, a git pull) while edits were unsaved.
 */
export function mergeAnnotations(base: AnnotationSet, ours: AnnotationSet, theirs: AnnotationSet): MergeResult {
  const keys = new Set<string>();
  for (const set of [base, ours, theirs]) for (const [key] of set.entries()) keys.add(key);
  const out: [string, Annotation][] = [];
  const conflicts: string[] = [];
  for (const key of keys) {
    const { annotation, conflict } = mergeKey(base.get(key), ours.get(key), theirs.get(key));
    if (conflict) conflicts.push(key);
    if (annotation) out.push([key, annotation]);
  }
  return { merged: new AnnotationSet(out), conflicts };
}

/** One key: the side that did not change it takes the other's version; both changed is a conflict. */
function mergeKey(b: Annotation | undefined, o: Annotation | undefined, t: Annotation | undefined): { annotation: Annotation | undefined; conflict: boolean } {
  if (same(o, b)) return { annotation: t, conflict: false };
  if (same(t, b) || same(o, t)) return { annotation: o, conflict: false };
  const merged: Annotation = { ...t, ...o };
  if (o?.tags || t?.tags) merged.tags = [...new Set([...(o?.tags ?? []), ...(t?.tags ?? [])])];
  return { annotation: merged, conflict: true };
}

function same(a: Annotation | undefined, b: Annotation | undefined): boolean {
  if (!a || !b) return !a && !b;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(a: Annotation): unknown[] {
  return [a.tags ?? null, a.note ?? null, a.label ?? null, a.ambiguous ?? false, a.extra ?? null];
}

/** True when both sets hold the same annotations. */
export function sameAnnotations(a: AnnotationSet, b: AnnotationSet): boolean {
  if (a.size !== b.size) return false;
  for (const [key, annotation] of a.entries()) if (!same(annotation, b.get(key))) return false;
  return true;
}
