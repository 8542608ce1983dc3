/**
 * The figures the Agreement view shows beyond `summarizeAgreement`, each with the number of
 * items or comparisons it was computed on, so that `loupe agreement --json` carries every one.
 */
import type { Dataset } from '../dataset/dataset';
import { computeAmbiguity } from './ambiguity';
import { computeConsensus } from './consensus';
import { fleissKappa } from './fleiss';
import type { Judgements } from './judgements';
import { krippendorffAlpha } from './krippendorff';
import { computeLabelerStats, scoreLeaveOneOut, summarizeHlp, type LeaveOneOutScores } from './labelers';
import { percentAgreement } from './percentAgreement';

export interface HlpOfSlice {
  column: string;
  value: string;
  hlp: number | null;
  /** Items with at least one labeler compared with the others' consensus. */
  items: number;
  /** Labeler-vs-the-others comparisons (HLP = agreed / compared). */
  compared: number;
}

export interface AgreementDetails {
  /** How many judgements each item had: items per count of labels (items with none left out), by count. */
  labelsPerItem: { labels: number; items: number }[];
  percentAgreementItems: number;
  /** Items Fleiss' kappa left out because they had another number of labels. */
  fleissExcludedItems: number;
  /** Items (units) and judgements Krippendorff's alpha used: those with two or more labels. */
  alphaItems: number;
  alphaJudgements: number;
  /**
   * Each labeler against the others' leave-one-out majority (what the Agreement view shows):
   * compared = items where the others had a consensus; kappa is Cohen's kappa over those.
   */
  perLabeler: { labeler: string; labeled: number; compared: number; agreed: number; alone: number; othersTied: number; agreement: number | null; kappa: number | null }[];
  hlpCompared: number;
  hlpItems: number;
  consensus: { labeled: number; tied: number; disagreements: number };
  /** Labeler-vs-labeler confusion (symmetric counts of judgement pairs) over `categories`; null past 2,048 classes. */
  confusion: { categories: string[]; matrix: number[][] } | null;
}

export function describeAgreement(judgements: Judgements): AgreementDetails {
  const consensus = computeConsensus(judgements);
  const fleiss = fleissKappa(judgements);
  const alpha = krippendorffAlpha(judgements);
  const hlp = summarizeHlp(scoreLeaveOneOut(judgements));
  return {
    labelsPerItem: countLabelsPerItem(consensus.labelCount),
    percentAgreementItems: percentAgreement(judgements).items,
    fleissExcludedItems: fleiss.excludedItems,
    alphaItems: alpha.pairableUnits,
    alphaJudgements: alpha.pairableValues,
    perLabeler: computeLabelerStats(judgements).map((l) => ({ labeler: l.name, labeled: l.labeled, compared: l.compared, agreed: l.agreed, alone: l.alone, othersTied: l.othersTied, agreement: l.agreement, kappa: l.kappa.kappa })),
    hlpCompared: hlp.compared,
    hlpItems: hlp.items,
    consensus: { labeled: consensus.labeledItems, tied: consensus.tiedItems, disagreements: consensus.disagreementItems },
    confusion: confusionOf(judgements),
  };
}

/** HLP per value of each categorical slice column of the file (items = the file's rows). */
export function hlpBySlice(dataset: Dataset, scores: LeaveOneOutScores): HlpOfSlice[] {
  const out: HlpOfSlice[] = [];
  for (const column of dataset.columns.filter((c) => c.role === 'slice' && dataset.codes[c.index])) {
    const codes = dataset.codes[column.index]!;
    dataset.dictionaries[column.index]!.forEach((value, code) => {
      const estimate = summarizeHlp(scores, Uint8Array.from(codes, (c) => (c === code ? 1 : 0)));
      out.push({ column: column.name, value, hlp: estimate.hlp, items: estimate.items, compared: estimate.compared });
    });
  }
  return out;
}

function countLabelsPerItem(labelCount: Int32Array): AgreementDetails['labelsPerItem'] {
  const counts = new Map<number, number>();
  for (const n of labelCount) if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a - b).map(([labels, items]) => ({ labels, items }));
}

function confusionOf(judgements: Judgements): AgreementDetails['confusion'] {
  const { matrix } = computeAmbiguity(judgements);
  const k = judgements.categories.length;
  if (!matrix) return null;
  return { categories: [...judgements.categories], matrix: Array.from({ length: k }, (_, a) => Array.from(matrix.subarray(a * k, (a + 1) * k))) };
}
