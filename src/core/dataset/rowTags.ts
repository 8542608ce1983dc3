import { splitTagCell } from '../annotations/annotations';
import { columnByRole, type Dataset } from './dataset';

/** A row that moved from one tag set to another. */
export interface RowSetChange {
  row: number;
  from: number;
  to: number;
}

/**
 * The tags each row carries: the file's tags column, overridden per row by the sidecar.
 * Rows point at interned tag sets (one Int32 per row), so filters and per-tag metrics over a
 * million rows stay a single pass over a typed array.
 */
export class RowTags {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly sets: number[][] = [[]];
  /** Set 0 is the empty set (untagged): an empty tag list always maps to it. */
  private readonly setIds = new Map<string, number>([['', 0]]);
  private readonly fileSets: Int32Array;
  private readonly tagCodes: Int32Array | null;
  rowSet: Int32Array;
  /** Rows the sidecar overrides, and the set each one points at. */
  private readonly overridden = new Map<number, number>();

  constructor(dataset: Dataset) {
    const column = columnByRole(dataset, 'tags');
    const dictionary = column ? dataset.dictionaries[column.index] : null;
    this.tagCodes = column ? dataset.codes[column.index] : null;
    this.fileSets = Int32Array.from(dictionary ?? [], (cell) => this.internSet(splitTagCell(cell)));
    this.rowSet = new Int32Array(dataset.rowCount);
    const codes = this.tagCodes;
    if (codes) for (let i = 0; i < this.rowSet.length; i++) this.rowSet[i] = this.fileSetOfRow(i);
  }

  private fileSetOfRow(row: number): number {
    const code = this.tagCodes?.[row] ?? -1;
    return code < 0 ? 0 : this.fileSets[code];
  }

  get hasFileTags(): boolean {
    return this.tagCodes !== null;
  }

  /** The tags of a row as written in the file. */
  fileTagsOfRow(row: number): string[] {
    return this.sets[this.fileSetOfRow(row)].map((id) => this.names[id]);
  }

  tagsOfRow(row: number): string[] {
    return this.sets[this.rowSet[row]].map((id) => this.names[id]);
  }

  /**
   * Replaces the sidecar's overrides (row → its whole tag set). Only rows whose set changes
   * are touched, and returned, so that counts over a million rows can follow a tag edit.
   */
  applyOverrides(overrides: ReadonlyMap<number, readonly string[]>): RowSetChange[] {
    const changes: RowSetChange[] = [];
    const move = (row: number, to: number) => {
      const from = this.rowSet[row];
      if (from !== to) changes.push({ row, from, to });
      this.rowSet[row] = to;
    };
    for (const row of this.overridden.keys()) {
      if (overrides.has(row)) continue;
      this.overridden.delete(row);
      move(row, this.fileSetOfRow(row));
    }
    for (const [row, tags] of overrides) {
      if (row < 0 || row >= this.rowSet.length) continue;
      const to = this.internSet(tags);
      this.overridden.set(row, to);
      move(row, to);
    }
    return changes;
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
