/** Dataset-level label consistency in one object: what `loupe agreement --json` prints and the views show. */
import { computeAmbiguity } from './ambiguity';
import { pairwiseCohenKappa } from './cohen';
import { fleissKappa } from './fleiss';
import type { ItemSubset } from './itemTally';
import type { Judgements } from './judgements';
import { krippendorffAlpha } from './krippendorff';
import { bootstrapKrippendorffAlpha } from './krippendorffBootstrap';
import { computeLabelerStats, estimateHlp } from './labelers';
import { percentAgreement } from './percentAgreement';

export interface AgreementSummary {
  items: number;
  labelers: string[];
  percentAgreement: number | null;
  fleissKappa: number | null;
  /** Items used by Fleiss' kappa (those with the most common number of labels, `fleissLabelsPerItem`). */
  fleissItems: number;
  fleissLabelsPerItem: number;
  krippendorffAlpha: number | null;
  alphaCI: [number | null, number | null];
  cohen: { a: string; b: string; kappa: number | null; n: number }[];
  ambiguousPairs: { a: string; b: string; rate: number; count: number; items: number }[];
  perLabeler: { labeler: string; n: number; agreementWithConsensus: number | null; kappa: number | null; mostDisagreedClass: string | null }[];
  hlp: number | null;
  /** Look-alike classes (whitespace, case, Unicode normalization), one line each. */
  warnings: string[];
}

export interface SummaryOptions {
  subset?: ItemSubset;
  /** Bootstrap replicates for alpha's interval (0 skips it). */
  replicates?: number;
  seed?: number;
  topPairs?: number;
}

export function summarizeAgreement(judgements: Judgements, options: SummaryOptions = {}): AgreementSummary {
  const { subset } = options;
  const names = judgements.raterNames;
  const categories = judgements.categories;
  const fleiss = fleissKappa(judgements, subset);
  const alpha = krippendorffAlpha(judgements, subset);
  const replicates = options.replicates ?? 1000;
  const ci = replicates > 0 && alpha.alpha !== null ? bootstrapKrippendorffAlpha(judgements, { replicates, seed: options.seed ?? 1, subset }) : undefined;
  const ambiguity = computeAmbiguity(judgements, subset);
  const labelers = computeLabelerStats(judgements, subset);
  return {
    items: countLabeledItems(judgements, subset),
    labelers: [...names],
    percentAgreement: percentAgreement(judgements, subset).value,
    fleissKappa: fleiss.kappa,
    fleissItems: fleiss.items,
    fleissLabelsPerItem: fleiss.ratersPerItem,
    krippendorffAlpha: alpha.alpha,
    alphaCI: [ci?.lower ?? null, ci?.upper ?? null],
    cohen: pairwiseCohenKappa(judgements, subset).map((k) => ({ a: names[k.a], b: names[k.b], kappa: k.kappa, n: k.n })),
    ambiguousPairs: ambiguity.pairs.slice(0, options.topPairs ?? 20).map((p) => ({ a: categories[p.a], b: categories[p.b], rate: p.rate, count: p.count, items: p.items })),
    perLabeler: labelers.map((l) => ({
      labeler: l.name,
      n: l.labeled,
      agreementWithConsensus: l.agreement,
      kappa: l.kappa.kappa,
      mostDisagreedClass: l.mostDisagreed ? categories[l.mostDisagreed.category] : null,
    })),
    hlp: estimateHlp(judgements, subset).hlp,
    warnings: [...(judgements.warnings ?? [])],
  };
}

/** Items with at least one label (in the subset). */
function countLabeledItems(judgements: Judgements, subset?: ItemSubset): number {
  let count = 0;
  const mask = subset instanceof Uint8Array ? subset : undefined;
  const list = subset instanceof Uint32Array ? subset : undefined;
  const visit = (i: number) => {
    for (const rater of judgements.raters) {
      if (rater[i] >= 0) {
        count++;
        return;
      }
    }
  };
  if (list) list.forEach(visit);
  else for (let i = 0; i < judgements.itemCount; i++) if (!mask || mask[i]) visit(i);
  return count;
}
