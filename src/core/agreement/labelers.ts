/**
 * Per-labeler consistency and the human-level performance (HLP) estimate.
 *
 * Leave-one-out consensus of rater r on item i: the plurality label of the OTHER raters' labels
 * on i. The comparison is skipped (and counted) when no other rater labeled i ("alone") or when
 * the others' top labels tie ("othersTied"); every other labeled item is "compared".
 *   agreement_r = agreed_r / compared_r,
 *   kappa_r     = Cohen's kappa (cohen.ts) between r's labels and the LOO consensus, over compared items,
 *   HLP         = Σ_r agreed_r / Σ_r compared_r,
 * the mean of the raters' agreements weighted by each rater's compared items (= the share of
 * all rater-vs-the-others comparisons that agree), so a rater who labeled little counts little.
 */
import { KappaTotals, type KappaResult } from './cohen';
import { TIE } from './consensus';
import { type ItemSubset, LabelTally, listItems } from './itemTally';
import { type Judgements, NOT_LABELED } from './judgements';

export interface MostDisagreedClass {
  /** The LOO consensus class on which this rater most often said something else. */
  category: number;
  disagreements: number;
  /** Compared items with that consensus class. */
  compared: number;
  /** What the rater most often said instead. */
  mostGivenInstead: number;
}

export interface LabelerStats {
  rater: number;
  name: string;
  labeled: number;
  /** Labeled items with a LOO consensus. */
  compared: number;
  agreed: number;
  /** agreed / compared; null when nothing was compared. */
  agreement: number | null;
  /** Labeled items no other rater labeled. */
  alone: number;
  /** Labeled items where the other raters tie. */
  othersTied: number;
  kappa: KappaResult;
  /** Per category c: compared items whose LOO consensus is c. */
  comparedByClass: Float64Array;
  /** Per category c: of those, the ones where this rater said something else. */
  disagreementsByClass: Float64Array;
  /** Largest disagreementsByClass (ties → lowest code); null when the rater never disagreed. */
  mostDisagreed: MostDisagreedClass | null;
}

/** The plurality of the tallied item's labels without one label `own`: a code, TIE, or NOT_LABELED. */
function consensusWithout(tally: LabelTally, own: number): number {
  let label = NOT_LABELED;
  let best = 0;
  for (let d = 0; d < tally.distinctCount; d++) {
    const c = tally.distinct[d];
    const n = tally.counts[c] - (c === own ? 1 : 0);
    if (n > best) {
      label = c;
      best = n;
    } else if (n === best && n > 0) {
      label = TIE;
    }
  }
  return label;
}

/** Running totals of one rater against the leave-one-out consensus. */
class RaterTotals {
  labeled = 0;
  alone = 0;
  othersTied = 0;
  agreed = 0;
  readonly kappa: KappaTotals;
  readonly comparedByClass: Float64Array;
  readonly disagreementsByClass: Float64Array;
  /** (consensus · K + given) → count, for "what they said instead". */
  readonly instead = new Map<number, number>();

  constructor(private readonly categoryCount: number) {
    this.kappa = new KappaTotals(categoryCount);
    this.comparedByClass = new Float64Array(categoryCount);
    this.disagreementsByClass = new Float64Array(categoryCount);
  }

  add(given: number, consensus: number): void {
    this.labeled++;
    if (consensus === NOT_LABELED) this.alone++;
    else if (consensus === TIE) this.othersTied++;
    else this.compare(given, consensus);
  }

  private compare(given: number, consensus: number): void {
    this.kappa.add(given, consensus);
    this.comparedByClass[consensus]++;
    if (given === consensus) {
      this.agreed++;
      return;
    }
    this.disagreementsByClass[consensus]++;
    const key = consensus * this.categoryCount + given;
    this.instead.set(key, (this.instead.get(key) ?? 0) + 1);
  }

  mostDisagreed(): MostDisagreedClass | null {
    let category = -1;
    for (let c = 0; c < this.categoryCount; c++) {
      if (this.disagreementsByClass[c] > 0 && (category < 0 || this.disagreementsByClass[c] > this.disagreementsByClass[category])) category = c;
    }
    if (category < 0) return null;
    let mostGivenInstead = -1;
    let most = 0;
    for (let given = 0; given < this.categoryCount; given++) {
      const n = this.instead.get(category * this.categoryCount + given) ?? 0;
      if (n > most) {
        mostGivenInstead = given;
        most = n;
      }
    }
    const counts = { disagreements: this.disagreementsByClass[category], compared: this.comparedByClass[category] };
    return { category, ...counts, mostGivenInstead };
  }
}

/** Per rater: items labeled, agreement and kappa against the others' consensus, worst class. */
export function computeLabelerStats(judgements: Judgements, subset?: ItemSubset): LabelerStats[] {
  const { raters, categories } = judgements;
  const totals = raters.map(() => new RaterTotals(categories.length));
  const items = listItems(judgements.itemCount, subset);
  const visits = items ? items.length : judgements.itemCount;
  const tally = new LabelTally(raters, categories.length);
  for (let k = 0; k < visits; k++) {
    const i = items ? items[k] : k;
    tally.tally(i);
    for (let r = 0; r < raters.length; r++) {
      const given = raters[r][i];
      if (given >= 0) totals[r].add(given, consensusWithout(tally, given));
    }
  }
  return totals.map((t, rater) => {
    const compared = t.kappa.n;
    const { labeled, agreed, alone, othersTied, comparedByClass, disagreementsByClass } = t;
    const counts = { labeled, compared, agreed, alone, othersTied, comparedByClass, disagreementsByClass };
    const agreement = compared === 0 ? null : agreed / compared;
    return { rater, name: judgements.raterNames[rater], ...counts, agreement, kappa: t.kappa.result(), mostDisagreed: t.mostDisagreed() };
  });
}

/** Per item: how many of its raters could be compared with the others' consensus, and agreed. */
export interface LeaveOneOutScores {
  compared: Uint32Array;
  agreed: Uint32Array;
}

/** Scores items (all, or a subset; the rest stay 0) so HLP per tag or slice is a sum (`summarizeHlp`). */
export function scoreLeaveOneOut(judgements: Judgements, subset?: ItemSubset): LeaveOneOutScores {
  const { raters, itemCount } = judgements;
  const scores = { compared: new Uint32Array(itemCount), agreed: new Uint32Array(itemCount) };
  const tally = new LabelTally(raters, judgements.categories.length);
  const items = listItems(itemCount, subset);
  const visits = items ? items.length : itemCount;
  for (let k = 0; k < visits; k++) {
    const i = items ? items[k] : k;
    tally.tally(i);
    if (tally.labelCount < 2) continue;
    for (let r = 0; r < raters.length; r++) {
      const given = raters[r][i];
      if (given < 0) continue;
      const consensus = consensusWithout(tally, given);
      if (consensus < 0) continue;
      scores.compared[i]++;
      if (consensus === given) scores.agreed[i]++;
    }
  }
  return scores;
}

export interface HlpEstimate {
  /** Σ agreed / Σ compared; null when nothing could be compared. */
  hlp: number | null;
  agreed: number;
  compared: number;
  /** Items with at least one comparison. */
  items: number;
}

/** HLP over a subset of items (a tag, a slice) from precomputed leave-one-out scores. */
export function summarizeHlp(scores: LeaveOneOutScores, subset?: ItemSubset): HlpEstimate {
  const items = listItems(scores.compared.length, subset);
  const visits = items ? items.length : scores.compared.length;
  let agreed = 0;
  let compared = 0;
  let counted = 0;
  for (let k = 0; k < visits; k++) {
    const i = items ? items[k] : k;
    agreed += scores.agreed[i];
    compared += scores.compared[i];
    if (scores.compared[i] > 0) counted++;
  }
  return { hlp: compared === 0 ? null : agreed / compared, agreed, compared, items: counted };
}

/** HLP: how often one rater agrees with the consensus of the others (weighted by comparisons). */
export function estimateHlp(judgements: Judgements, subset?: ItemSubset): HlpEstimate {
  return summarizeHlp(scoreLeaveOneOut(judgements, subset), subset);
}
