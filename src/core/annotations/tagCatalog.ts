/**
 * `.loupe/tags.json`: the project's tags, the key (1-9) that applies each one, and the weights
 * that rank what data to improve. Reviewable in git like any other project file.
 */
import { z } from 'zod';
import { findJsonSyntaxError } from './jsonSyntax';
import { defineField, lineAndColumn, unknownFields, withUnknownFields } from './unknownFields';

export const TAG_CATALOG_VERSION = 1;

export const tagDefinitionSchema = z.object({
  name: z.string().trim().min(1),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
  description: z.string().optional(),
  /**
   * The key (1-9) that toggles the tag in the table; null when the user took it away. A tag
   * gets the smallest free key when it is created and keeps it until the user changes it.
   */
  hotkey: z.string().regex(/^[1-9]$/).nullable().optional(),
  /** How easy it is to improve data with this tag (weights the priority; default 1). */
  ease: z.number().nonnegative().default(1),
  /** How much this tag matters to the product (weights the priority; default 1). */
  importance: z.number().nonnegative().default(1),
  /** Human-level accuracy on this tag when no labelers are in the file (0..1). */
  hlp: z.number().min(0).max(1).nullable().default(null),
});
export type TagDefinition = z.infer<typeof tagDefinitionSchema>;

const catalogSchema = z.object({
  version: z.number().int().positive(),
  tags: z.array(tagDefinitionSchema),
});
export type TagCatalog = z.infer<typeof catalogSchema>;

export function emptyCatalog(): TagCatalog {
  return { version: TAG_CATALOG_VERSION, tags: [] };
}

export function defineTag(name: string): TagDefinition {
  return { name, ease: 1, importance: 1, hlp: null };
}

/** Why tags.json cannot be used as it is, and where (1-based; absent when no place applies). */
export interface CatalogProblem {
  message: string;
  line?: number;
  column?: number;
}

const KNOWN_CATALOG_FIELDS: ReadonlySet<string> = new Set(['version', 'tags']);
const KNOWN_TAG_FIELDS: ReadonlySet<string> = new Set(['name', 'color', 'description', 'hotkey', 'ease', 'importance', 'hlp']);

/**
 * Parses tags.json; a broken file gives a located problem and an empty catalog (never a crash).
 * A tag listed twice is a problem too (the first definition is used): writing the catalog back
 * would drop the second. Fields Loupe does not know are kept, whatever their name.
 */
export function parseTagCatalog(text: string): { catalog: TagCatalog; problem?: CatalogProblem } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const found = findJsonSyntaxError(text);
    const where = lineAndColumn(text, found?.offset ?? text.length);
    return { catalog: emptyCatalog(), problem: { message: `not valid JSON: ${found?.message ?? (error as Error).message}`, ...where } };
  }
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) return { catalog: emptyCatalog(), problem: { message: z.prettifyError(parsed.error).replaceAll('\n', ' ') } };
  const rawTags = (json as { tags: unknown[] }).tags;
  const tags = parsed.data.tags.map((t, i) => withUnknownFields(t, unknownFields(rawTags[i], KNOWN_TAG_FIELDS)));
  const catalog = withUnknownFields({ version: parsed.data.version, tags: uniqueByName(tags) }, unknownFields(json, KNOWN_CATALOG_FIELDS));
  const repeated = tags.find((t, i) => tags.findIndex((u) => u.name === t.name) !== i);
  if (!repeated) return { catalog };
  return { catalog, problem: { message: `the tag ${JSON.stringify(repeated.name)} is listed twice (the first definition is used)`, ...secondDefinition(text, repeated.name) } };
}

function uniqueByName(tags: TagDefinition[]): TagDefinition[] {
  const seen = new Set<string>();
  return tags.filter((t) => !seen.has(t.name) && seen.add(t.name));
}

/** Where a tag's second `"name": …` is written, when it is written plainly. */
function secondDefinition(text: string, name: string): { line?: number; column?: number } {
  const pattern = new RegExp(`"name"\\s*:\\s*${JSON.stringify(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'g');
  pattern.exec(text);
  const second = pattern.exec(text);
  return second ? lineAndColumn(text, second.index) : {};
}

/** A problem as `file:line:column: message`, the form editors and terminals link to. */
export function formatCatalogProblem(file: string, problem: CatalogProblem): string {
  const where = problem.line === undefined ? '' : `:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
  return `${file}${where}: ${problem.message}`;
}

export function serializeTagCatalog(catalog: TagCatalog): string {
  return JSON.stringify(catalog, null, 2) + '\n';
}

/** The catalog plus any tag in use that it does not list yet, appended in order of use. */
export function withTags(catalog: TagCatalog, inUse: readonly string[]): TagCatalog {
  const known = new Set(catalog.tags.map((t) => t.name));
  const added = [...new Set(inUse)].filter((t) => !known.has(t)).map(defineTag);
  return withHotkeys(added.length === 0 ? catalog : { ...catalog, tags: [...catalog.tags, ...added] });
}

export const TAG_KEYS: readonly string[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * Every tag that never had a key gets the smallest free one, in the catalog's order (a tags.json
 * written before keys were stored gets the keys its order gave). A key listed twice stays with
 * the first tag; the other tag gets a free key. A tag whose key was taken away (null) gets none.
 */
export function withHotkeys(catalog: TagCatalog): TagCatalog {
  const taken = new Set<string>();
  const kept = catalog.tags.map((t) => (typeof t.hotkey === 'string' && !taken.has(t.hotkey) && taken.add(t.hotkey) ? t.hotkey : undefined));
  let changed = false;
  const tags = catalog.tags.map((t, i) => {
    if (kept[i] !== undefined || t.hotkey === null) return t;
    const free = TAG_KEYS.find((k) => !taken.has(k));
    if (free === undefined) {
      if (t.hotkey === undefined) return t;
      changed = true;
      return { ...t, hotkey: null };
    }
    taken.add(free);
    changed = true;
    return { ...t, hotkey: free };
  });
  return changed ? { ...catalog, tags } : catalog;
}

/** Gives `tag` the key `key` (null: no key). The tag that had that key gets `tag`'s old key, so no two tags share one. */
export function setHotkey(catalog: TagCatalog, tag: string, key: string | null): TagCatalog {
  const withTag = withTags(catalog, [tag]);
  const old = withTag.tags.find((t) => t.name === tag)?.hotkey ?? null;
  const tags = withTag.tags.map((t) => {
    if (t.name === tag) return { ...t, hotkey: key };
    if (key !== null && t.hotkey === key) return { ...t, hotkey: old };
    return t;
  });
  return { ...withTag, tags };
}

/** The key of each tag that has one. */
export function tagKeys(catalog: TagCatalog): Map<string, string> {
  const keys = new Map<string, string>();
  for (const t of withHotkeys(catalog).tags) if (typeof t.hotkey === 'string') keys.set(t.name, t.hotkey);
  return keys;
}

/** The catalog after renaming `from` to `to` (into an existing tag: merged, its definition kept), or deleting it (`to` null). */
export function replaceInCatalog(catalog: TagCatalog, from: string, to: string | null): TagCatalog {
  const merging = to !== null && catalog.tags.some((t) => t.name === to);
  const tags = catalog.tags.flatMap((t) => (t.name !== from ? [t] : to === null || merging ? [] : [{ ...t, name: to }]));
  return { ...catalog, tags };
}

/**
 * Undoes replaceInCatalog on the catalog as it is now (other tags may have changed since):
 * `from` comes back with its definition at its place; a tag the rename created goes away.
 */
export function undoReplaceInCatalog(current: TagCatalog, original: TagCatalog, from: string, to: string | null): TagCatalog {
  const index = original.tags.findIndex((t) => t.name === from);
  if (index < 0) return current;
  const created = to !== null && !original.tags.some((t) => t.name === to);
  let tags = created ? current.tags.filter((t) => t.name !== to) : current.tags;
  if (!tags.some((t) => t.name === from)) tags = [...tags.slice(0, index), original.tags[index], ...tags.slice(index)];
  return { ...current, tags };
}

/** Each tag's weights and manual HLP, by name: what the error-analysis ranking reads from tags.json. */
export function catalogWeights(catalog: TagCatalog): Record<string, { ease: number; importance: number; hlp: number | null }> {
  // Null prototype: a tag named "toString" or "__proto__" is a tag, and an unknown one is undefined.
  const weights = Object.create(null) as Record<string, { ease: number; importance: number; hlp: number | null }>;
  for (const t of catalog.tags) defineField(weights, t.name, { ease: t.ease, importance: t.importance, hlp: t.hlp });
  return weights;
}
