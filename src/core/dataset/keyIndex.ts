import { fnv1aString } from './byteDictionary';
import type { Dataset } from './dataset';

/**
 * Finds the rows of annotation keys. Rows keep only a 32-bit hash of their id, so a key is
 * matched by hash and then confirmed by reading the id itself (hashes can collide).
 */
export class KeyIndex {
  private readonly keyColumn: number;

  constructor(
    private readonly dataset: Dataset,
    private readonly readKey: (row: number) => string,
  ) {
    this.keyColumn = dataset.columns.findIndex((c) => c.kind === 'key');
  }

  keyOf(row: number, cells?: string[]): string {
    if (this.keyColumn < 0) return String(row + 1);
    return cells ? cells[this.keyColumn] : this.readKey(row);
  }

  /** The first row of each key that exists in the file. */
  rowsOf(keys: Iterable<string>): Map<string, number> {
    const found = new Map<string, number>();
    const n = this.dataset.rowCount;
    if (this.keyColumn < 0) {
      for (const key of keys) {
        const row = Number(key) - 1;
        if (Number.isInteger(row) && row >= 0 && row < n) found.set(key, row);
      }
      return found;
    }
    const byHash = new Map<number, string[]>();
    for (const key of keys) {
      const h = fnv1aString(key) >>> 0;
      const list = byHash.get(h);
      if (list) list.push(key);
      else byHash.set(h, [key]);
    }
    if (byHash.size === 0) return found;
    const hashes = this.dataset.keyHashes!;
    for (let row = 0; row < n; row++) {
      const candidates = byHash.get(hashes[row]);
      if (!candidates) continue;
      const actual = this.readKey(row);
      if (candidates.includes(actual) && !found.has(actual)) found.set(actual, row);
    }
    return found;
  }
}

/** A row whose id an earlier row already has. */
export interface DuplicateKey {
  key: string;
  row: number;
  firstRow: number;
}

/**
 * Rows whose id repeats an earlier row's, in file order. Rows with equal 32-bit id hashes are
 * found by sorting the hashes, then confirmed by reading their ids (hashes can collide).
 */
export function findDuplicateKeys(dataset: Dataset, readKeys: (rows: number[]) => string[]): DuplicateKey[] {
  const hashes = dataset.keyHashes;
  if (!hashes || dataset.rowCount < 2) return [];
  const sorted = hashes.slice().sort();
  const repeated = new Set<number>();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]);
  if (repeated.size === 0) return [];
  const rows: number[] = [];
  for (let row = 0; row < dataset.rowCount; row++) if (repeated.has(hashes[row])) rows.push(row);
  const keys = readKeys(rows);
  const first = new Map<string, number>();
  const out: DuplicateKey[] = [];
  rows.forEach((row, i) => {
    const key = keys[i];
    const seen = first.get(key);
    if (seen === undefined) first.set(key, row);
    else out.push({ key, row, firstRow: seen });
  });
  return out;
}
