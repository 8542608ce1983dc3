/**
 * The comparison per tag and per slice value, sorted by the size of the change. A tag's rows
 * are those that carry it; with two files, those that carry it in both (DOMAIN.md §8: two
 * different tag populations are never compared as if they were the same examples).
 */
import { byChange, compareGroup, rowsByCode, type GroupComparison } from './compareModels';

export interface NamedGroup extends GroupComparison {
  name: string;
}

/** Per tag: the rows that carry it. `tagsOf(i)` lists row i's tags (names are data: a Map, never an object). */
export function rowsByTag(rowCount: number, tagsOf: (row: number) => readonly string[]): Map<string, number[]> {
  const rows = new Map<string, number[]>();
  for (let i = 0; i < rowCount; i++) {
    for (const tag of tagsOf(i)) {
      const list = rows.get(tag);
      if (list) list.push(i);
      else rows.set(tag, [i]);
    }
  }
  return rows;
}

/** The tags two lists share (each once). */
export function sharedTags(x: readonly string[], y: readonly string[]): string[] {
  if (x.length === 0 || y.length === 0) return [];
  const other = new Set(y);
  return [...new Set(x)].filter((tag) => other.has(tag));
}

/** Each group compared, largest change first. */
export function compareGroups(outcomes: Uint8Array, groups: Iterable<[string, Iterable<number>]>): NamedGroup[] {
  const out: NamedGroup[] = [];
  for (const [name, rows] of groups) out.push({ name, ...compareGroup(outcomes, rows) });
  return byChange(out);
}

/** Per value of a categorical column (empty cells left out): the value and its rows. */
export function sliceGroups(codes: Int32Array, dictionary: readonly string[]): [string, Uint32Array][] {
  return rowsByCode(codes, dictionary.length).map((rows, code): [string, Uint32Array] => [dictionary[code], rows]).filter(([value, rows]) => rows.length > 0 && value.trim() !== '');
}
