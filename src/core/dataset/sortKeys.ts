/**
 * Stable sorts of row indices by typed keys, in linear time: a least-significant-digit
 * radix sort on the bits of Float64 keys (NaN last in both directions), and a counting
 * sort on small integer ranks. Comparator sorts of a million rows cost ~10× more.
 */

/** Row indices ordered by `keys` (stable: ties keep their order in `rows`). */
export function sortRowsByNumber(rows: Uint32Array, keys: Float64Array, descending: boolean): Uint32Array {
  const n = rows.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const view = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < n; i++) {
    let k = keys[rows[i]];
    if (Number.isNaN(k)) {
      hi[i] = 0xffffffff;
      lo[i] = 0xffffffff;
      continue;
    }
    if (descending) k = -k;
    if (k === 0) k = 0; // -0 and 0 tie
    view.setFloat64(0, k);
    let h = view.getUint32(0);
    let l = view.getUint32(4);
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    // Keep the all-ones key for NaN only.
    if (h === 0xffffffff && l === 0xffffffff) l = 0xfffffffe;
    hi[i] = h;
    lo[i] = l;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let scratch = new Uint32Array(n);
  const counts = new Uint32Array(65537);
  for (const [words, shift] of [[lo, 0], [lo, 16], [hi, 0], [hi, 16]] as const) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((words[order[i]] >>> shift) & 0xffff) + 1]++;
    for (let d = 1; d <= 65536; d++) counts[d] += counts[d - 1];
    for (let i = 0; i < n; i++) {
      const o = order[i];
      scratch[counts[(words[o] >>> shift) & 0xffff]++] = o;
    }
    [order, scratch] = [scratch, order];
  }
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = rows[order[i]];
  return out;
}

/** Row indices ordered by small integer ranks (`-1` = empty, always last). Stable. */
export function sortRowsByRank(rows: Uint32Array, ranks: Int32Array, rankCount: number, descending: boolean): Uint32Array {
  const n = rows.length;
  const bucketOf = (r: number) => (r < 0 ? rankCount : descending ? rankCount - 1 - r : r);
  const counts = new Uint32Array(rankCount + 2);
  for (let i = 0; i < n; i++) counts[bucketOf(ranks[rows[i]]) + 1]++;
  for (let b = 1; b < counts.length; b++) counts[b] += counts[b - 1];
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[counts[bucketOf(ranks[rows[i]])]++] = rows[i];
  return out;
}

/** Compares text the way people expect in a table: numbers by value, then text by code point. */
export function compareValues(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  const xn = a.trim() !== '' && Number.isFinite(x);
  const yn = b.trim() !== '' && Number.isFinite(y);
  if (xn && yn) return x - y || (a < b ? -1 : a > b ? 1 : 0);
  if (xn !== yn) return xn ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The rank of each dictionary entry in `compareValues` order. */
export function rankDictionary(dictionary: readonly string[]): Int32Array {
  const order = dictionary.map((_, i) => i).sort((i, j) => compareValues(dictionary[i], dictionary[j]));
  const ranks = new Int32Array(dictionary.length);
  order.forEach((code, rank) => (ranks[code] = rank));
  return ranks;
}
