/**
 * Matches the rows of two files by the text of their id column (DOMAIN.md §8): only examples
 * present in both count, and those present in one file only are counted and listed, never
 * dropped silently. A repeated id matches by its first row; the later rows are counted.
 */

/** Ids listed per side: enough to find the trouble; the counts say how many there are. */
export const LISTED_IDS = 20;

export interface IdJoin {
  /** Matched pairs, in A's row order. */
  rowsA: Uint32Array;
  rowsB: Uint32Array;
  onlyA: number;
  onlyB: number;
  onlyAIds: string[];
  onlyBIds: string[];
  /** Rows whose id an earlier row of the same file already has (left out). */
  repeatedA: number;
  repeatedB: number;
}

export function joinById(idsA: readonly string[], idsB: readonly string[]): IdJoin {
  const firstB = firstRows(idsB);
  const seenA = new Map<string, number>();
  const rowsA: number[] = [];
  const rowsB: number[] = [];
  const onlyAIds: string[] = [];
  let onlyA = 0;
  let repeatedA = 0;
  idsA.forEach((id, row) => {
    if (seenA.has(id)) return void repeatedA++;
    seenA.set(id, row);
    const match = firstB.rows.get(id);
    if (match !== undefined) {
      rowsA.push(row);
      rowsB.push(match);
    } else if (onlyA++ < LISTED_IDS) onlyAIds.push(id);
  });
  const onlyBIds: string[] = [];
  let onlyB = 0;
  for (const [id] of firstB.rows) if (!seenA.has(id) && onlyB++ < LISTED_IDS) onlyBIds.push(id);
  return { rowsA: Uint32Array.from(rowsA), rowsB: Uint32Array.from(rowsB), onlyA, onlyB, onlyAIds, onlyBIds, repeatedA, repeatedB: firstB.repeated };
}

function firstRows(ids: readonly string[]): { rows: Map<string, number>; repeated: number } {
  const rows = new Map<string, number>();
  let repeated = 0;
  ids.forEach((id, row) => {
    if (rows.has(id)) repeated++;
    else rows.set(id, row);
  });
  return { rows, repeated };
}
