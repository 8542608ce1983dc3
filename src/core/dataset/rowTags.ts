import { splitTagCell } from '../annotations/annotations';
import { columnByRole, type Dataset } from './dataset';

/**
 * The tags each row carries: the file's tags column, overridden per row by the sidecar.
 * Rows point at interned tag sets (one Int32 per row), so filters and per-tag metrics over a
 * million rows stay a single pass over a typed array.
 */
export class RowTags {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly sets: number[][] = [[]];
  private readonly setIds = new Map<string, number>();
  private readonly fileSets: Int32Array;
  private readonly tagCodes: Int32Array | null;
  rowSet: Int32Array;

  constructor(dataset: Dataset) {
    const column = columnByRole(dataset, 'tags');
    const dictionary = column ? dataset.dictionaries[column.index] : null;
    this.tagCodes = column ? dataset.codes[column.index] : null;
    this.fileSets = Int32Array.from(dictionary ?? [], (cell) => this.internSet(splitTagCell(cell)));
    this.rowSet = new Int32Array(dataset.rowCount);
    this.applyOverrides(new Map());
  }

  get hasFileTags(): boolean {
    return this.tagCodes !== null;
  }

  /** The tags of a row as written in the file. */
  fileTagsOfRow(row: number): string[] {
    const code = this.tagCodes?.[row] ?? -1;
    return code < 0 ? [] : this.sets[this.fileSets[code]].map((id) => this.names[id]);
  }

  tagsOfRow(row: number): string[] {
    return this.sets[this.rowSet[row]].map((id) => this.names[id]);
  }

  /** Replaces the sidecar's overrides (row → its whole tag set). */
  applyOverrides(overrides: ReadonlyMap<number, readonly string[]>): void {
    const codes = this.tagCodes;
    const rowSet = this.rowSet;
    if (codes) for (let i = 0; i < rowSet.length; i++) rowSet[i] = codes[i] < 0 ? 0 : this.fileSets[codes[i]];
    else rowSet.fill(0);
    for (const [row, tags] of overrides) if (row >= 0 && row < rowSet.length) rowSet[row] = this.internSet(tags);
  }

  tagId(name: string): number | undefined {
    return this.ids.get(name);
  }

  /** Per tag set: whether it holds the tag (index with `rowSet[row]`). */
  setsWithTag(tagId: number): Uint8Array {
    return Uint8Array.from(this.sets, (set) => (set.includes(tagId) ? 1 : 0));
  }

  /** Tag ids of a set. */
  tagIdsOfSet(setId: number): readonly number[] {
    return this.sets[setId];
  }

  get setCount(): number {
    return this.sets.length;
  }

  private internSet(tags: readonly string[]): number {
    const ids = [...new Set(tags)].map((t) => this.tagIdFor(t)).sort((a, b) => a - b);
    const signature = ids.join(',');
    let id = this.setIds.get(signature);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(ids);
      this.setIds.set(signature, id);
    }
    return id;
  }

  private tagIdFor(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }
}
