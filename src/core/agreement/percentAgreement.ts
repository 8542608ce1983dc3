/**
 * Percent agreement: the share of agreeing rater pairs within an item, averaged over items.
 *   P = (1 / |I₂|) Σ_{i ∈ I₂} Σ_c n_ic (n_ic − 1) / (n_i (n_i − 1)),
 * where I₂ = items with n_i ≥ 2 labels (the others have no pair to agree or disagree).
 */
import { type ItemSubset, LabelTally, listItems } from './itemTally';
import type { Judgements } from './judgements';

export interface PercentAgreement {
  /** P above, or null when no item has two labels. */
  value: number | null;
  /** |I₂|: items with at least two labels. */
  items: number;
  reason: string | null;
}

/** Mean over items (with ≥ 2 labels) of the share of rater pairs that agree. */
export function percentAgreement(judgements: Judgements, subset?: ItemSubset): PercentAgreement {
  const items = listItems(judgements.itemCount, subset);
  const visits = items ? items.length : judgements.itemCount;
  const tally = new LabelTally(judgements.raters, judgements.categories.length);
  let sum = 0;
  let counted = 0;
  for (let k = 0; k < visits; k++) {
    tally.tally(items ? items[k] : k);
    const n = tally.labelCount;
    if (n < 2) continue;
    // Σ n_ic(n_ic − 1) = Σ n_ic² − n_i.
    sum += (tally.sumOfSquares() - n) / (n * (n - 1));
    counted++;
  }
  if (counted === 0) return { value: null, items: 0, reason: 'no item has two or more labels' };
  return { value: sum / counted, items: counted, reason: null };
}
