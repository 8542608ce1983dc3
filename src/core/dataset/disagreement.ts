import { columnsByRole, type Dataset } from './dataset';

/** Per row: 1 when the labelers who labeled it gave two or more different labels. */
export function computeLabelerDisagreement(dataset: Dataset): Uint8Array | undefined {
  const labelers = columnsByRole(dataset, 'labeler').filter((c) => dataset.codes[c.index]);
  if (labelers.length < 2) return undefined;
  // Map every labeler's codes into one shared category space.
  const shared = new Map<string, number>();
  const maps = labelers.map((c) => Int32Array.from(dataset.dictionaries[c.index]!, (v) => shared.get(v) ?? (shared.set(v, shared.size), shared.size - 1)));
  const out = new Uint8Array(dataset.rowCount);
  const codes = labelers.map((c) => dataset.codes[c.index]!);
  for (let row = 0; row < out.length; row++) {
    let first = -1;
    for (let k = 0; k < codes.length; k++) {
      const code = codes[k][row];
      if (code < 0) continue;
      const value = maps[k][code];
      if (first < 0) first = value;
      else if (value !== first) {
        out[row] = 1;
        break;
      }
    }
  }
  return out;
}
