import { NOT_LABELED, type Judgements } from './judgements';

/**
 * Judgements read from elsewhere (a long-format file, a Label Studio export), keyed by item id,
 * laid onto the rows of a label file: row r gets the labels of the item whose id is the row's key.
 */
export function alignJudgements(external: Judgements, rowOfItem: (item: number) => number | undefined, rowCount: number): { judgements: Judgements; matched: number; unmatched: number } {
  const raters = external.raters.map(() => new Int32Array(rowCount).fill(NOT_LABELED));
  let matched = 0;
  for (let item = 0; item < external.itemCount; item++) {
    const row = rowOfItem(item);
    if (row === undefined || row < 0 || row >= rowCount) continue;
    matched++;
    external.raters.forEach((codes, k) => (raters[k][row] = codes[item]));
  }
  return {
    judgements: { itemCount: rowCount, raters, raterNames: [...external.raterNames], categories: [...external.categories], itemIds: null, warnings: [...(external.warnings ?? [])] },
    matched,
    unmatched: external.itemCount - matched,
  };
}
