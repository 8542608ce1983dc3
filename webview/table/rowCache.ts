/**
 * The rows the page holds, by position in the current view, bounded: a long scroll through a
 * million-row file keeps at most `limit` rows, dropping those farthest from where the user is.
 * A dropped row is asked for again when it comes back on screen.
 */
import type { TableRow } from '../../src/protocol/labelTable';

export const ROW_CACHE_LIMIT = 5000;

export class RowCache {
  private readonly rows = new Map<number, TableRow>();
  /** Positions asked of the host and not answered yet. */
  private readonly requested = new Set<number>();

  constructor(private readonly limit = ROW_CACHE_LIMIT) {}

  get size(): number {
    return this.rows.size;
  }

  get(position: number): TableRow | undefined {
    return this.rows.get(position);
  }

  has(position: number): boolean {
    return this.rows.has(position);
  }

  /** Neither held nor on its way. */
  missing(position: number): boolean {
    return !this.rows.has(position) && !this.requested.has(position);
  }

  markRequested(from: number, to: number): void {
    for (let p = from; p < to; p++) this.requested.add(p);
  }

  /** Stores rows that arrived for `start…`, then keeps the `limit` rows nearest to `around`. */
  store(start: number, rows: readonly TableRow[], around: number): void {
    rows.forEach((row, i) => {
      this.rows.set(start + i, row);
      this.requested.delete(start + i);
    });
    if (this.rows.size > this.limit) this.evict(around);
  }

  clear(): void {
    this.rows.clear();
    this.requested.clear();
  }

  private evict(around: number): void {
    const positions = [...this.rows.keys()].sort((a, b) => Math.abs(a - around) - Math.abs(b - around) || a - b);
    for (const p of positions.slice(this.limit)) this.rows.delete(p);
  }
}
