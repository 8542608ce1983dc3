/** Shared per-item plumbing: which items to visit, and one item's label counts at a time. */

/**
 * Items to analyse: a mask (Uint8Array, one byte per item, nonzero = included) or a list of
 * item indices (Uint32Array). Lets callers compute any statistic per tag or per slice.
 */
export type ItemSubset = Uint8Array | Uint32Array;

/** The item indices a subset selects, or null for "every item" (the fast path). */
export function listItems(itemCount: number, subset?: ItemSubset): Uint32Array | null {
  if (!subset) return null;
  if (subset instanceof Uint32Array) {
    for (const i of subset) if (i >= itemCount) throw new RangeError(`item index ${i} is outside 0..${itemCount - 1}`);
    return subset;
  }
  if (subset.length !== itemCount) throw new RangeError(`item mask has ${subset.length} entries for ${itemCount} items`);
  let count = 0;
  for (let i = 0; i < itemCount; i++) if (subset[i] !== 0) count++;
  const items = new Uint32Array(count);
  for (let i = 0, k = 0; i < itemCount; i++) if (subset[i] !== 0) items[k++] = i;
  return items;
}

/**
 * Counts one item's labels: O(raters) per item whatever the number of categories, because
 * only the categories the item touched are reset.
 */
export class LabelTally {
  /** Per category: how many raters gave it on the current item (valid for `distinct` only). */
  readonly counts: Int32Array;
  /** The categories present on the current item, in order of rater. */
  readonly distinct: Int32Array;
  distinctCount = 0;
  labelCount = 0;

  constructor(
    private readonly raters: readonly Int32Array[],
    categoryCount: number,
  ) {
    this.counts = new Int32Array(categoryCount);
    this.distinct = new Int32Array(raters.length);
  }

  tally(item: number): void {
    // Locals, not fields, in the hot loop: V8 keeps them in registers.
    const { counts, distinct, raters } = this;
    for (let d = 0; d < this.distinctCount; d++) counts[distinct[d]] = 0;
    let distinctCount = 0;
    let labelCount = 0;
    for (let r = 0; r < raters.length; r++) {
      const code = raters[r][item];
      if (code < 0) continue;
      labelCount++;
      if (counts[code]++ === 0) distinct[distinctCount++] = code;
    }
    this.distinctCount = distinctCount;
    this.labelCount = labelCount;
  }

  /** Σ_c n_ic²: the one sum percent agreement, Fleiss and Krippendorff all need. */
  sumOfSquares(): number {
    const { counts, distinct } = this;
    let sum = 0;
    for (let d = 0; d < this.distinctCount; d++) sum += counts[distinct[d]] * counts[distinct[d]];
    return sum;
  }
}
