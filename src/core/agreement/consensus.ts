/**
 * Per-item consensus. For item i with n_i labels and n_ic labels of category c:
 *   modal label   = the c with the largest n_ic, or TIE when several share that count;
 *   agreement     = max_c n_ic / n_i (NaN when n_i = 0);
 *   consensus     = the modal label ('plurality', default) or, with rule 'majority', the modal
 *                   label only when max_c n_ic > n_i / 2 (else NO_MAJORITY);
 *   disagreement  = 1 when the item has more than one distinct label.
 * Ties are reported as TIE, never broken.
 */
import { type ItemSubset, LabelTally, listItems } from './itemTally';
import { type Judgements, NOT_LABELED } from './judgements';

/** Several labels share the top count. */
export const TIE = -2;
/** Rule 'majority': the top label has no more than half of the labels. */
export const NO_MAJORITY = -3;

export type ConsensusRule = 'plurality' | 'majority';

export interface ItemConsensus {
  /** Per item: n_i, how many raters labeled it. */
  labelCount: Int32Array;
  /** Per item: the most frequent label, TIE, or NOT_LABELED. */
  modal: Int32Array;
  /** Per item: max_c n_ic / n_i, NaN when unlabeled. */
  agreement: Float64Array;
  /** Per item: the consensus label under `rule`, TIE, NO_MAJORITY, or NOT_LABELED. */
  consensus: Int32Array;
  /** Per item: 1 when raters gave more than one distinct label. */
  disagreement: Uint8Array;
  rule: ConsensusRule;
  /** Items with at least one label / with a TIE / with a disagreement. */
  labeledItems: number;
  tiedItems: number;
  disagreementItems: number;
}

/** The top category of the tallied item and its count; TIE when not unique. */
function findModal(tally: LabelTally): { label: number; count: number } {
  let label = NOT_LABELED;
  let count = 0;
  for (let d = 0; d < tally.distinctCount; d++) {
    const c = tally.distinct[d];
    const n = tally.counts[c];
    if (n > count) {
      label = c;
      count = n;
    } else if (n === count) {
      label = TIE;
    }
  }
  return { label, count };
}

function emptyConsensus(itemCount: number, rule: ConsensusRule): ItemConsensus {
  return {
    labelCount: new Int32Array(itemCount),
    modal: new Int32Array(itemCount).fill(NOT_LABELED),
    agreement: new Float64Array(itemCount).fill(Number.NaN),
    consensus: new Int32Array(itemCount).fill(NOT_LABELED),
    disagreement: new Uint8Array(itemCount),
    rule,
    labeledItems: 0,
    tiedItems: 0,
    disagreementItems: 0,
  };
}

/** Per item: label count, modal label, agreement share, consensus, disagreement flag (items outside `subset` stay unlabeled). */
export function computeConsensus(
  judgements: Judgements,
  options: { rule?: ConsensusRule; subset?: ItemSubset } = {},
): ItemConsensus {
  const rule = options.rule ?? 'plurality';
  const out = emptyConsensus(judgements.itemCount, rule);
  const items = listItems(judgements.itemCount, options.subset);
  const visits = items ? items.length : judgements.itemCount;
  const tally = new LabelTally(judgements.raters, judgements.categories.length);
  for (let k = 0; k < visits; k++) {
    const i = items ? items[k] : k;
    tally.tally(i);
    const n = tally.labelCount;
    if (n === 0) continue;
    const { label, count } = findModal(tally);
    out.labelCount[i] = n;
    out.modal[i] = label;
    out.agreement[i] = count / n;
    out.consensus[i] = rule === 'majority' && label >= 0 && 2 * count <= n ? NO_MAJORITY : label;
    out.disagreement[i] = tally.distinctCount > 1 ? 1 : 0;
    out.labeledItems++;
    if (label === TIE) out.tiedItems++;
    if (tally.distinctCount > 1) out.disagreementItems++;
  }
  return out;
}

/** The labels that share the top count on one item (one label when there is no tie). */
export function modalLabelsOf(judgements: Judgements, item: number): number[] {
  const tally = new LabelTally(judgements.raters, judgements.categories.length);
  tally.tally(item);
  const { count } = findModal(tally);
  const labels: number[] = [];
  for (let d = 0; d < tally.distinctCount; d++) if (tally.counts[tally.distinct[d]] === count) labels.push(tally.distinct[d]);
  return labels.sort((a, b) => a - b);
}
