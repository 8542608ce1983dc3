/** The error-analysis table of a loaded label file: outcomes, tags and labeler agreement put together. */
import { judgementsOfDataset } from '../agreement/fromDataset';
import { scoreLeaveOneOut, summarizeHlp, type LeaveOneOutScores } from '../agreement/labelers';
import type { Dataset } from '../dataset/dataset';
import type { RowTags } from '../dataset/rowTags';
import { computeTagTable, suggestAction, type SuggestedAction, type TagRow, type TagTable, type TagWeights } from './tagMetrics';

export interface TagAnalysis extends TagTable {
  /** HLP over all rows, from the labelers; null without labelers. */
  overallHlp: number | null;
  suggestions: { tag: string | null; action: SuggestedAction; why: string }[];
}

/** Leave-one-out labeler agreement per row, or undefined when there are fewer than two labelers. */
export function labelerAgreement(dataset: Dataset): LeaveOneOutScores | undefined {
  const judgements = judgementsOfDataset(dataset);
  return judgements ? scoreLeaveOneOut(judgements) : undefined;
}

export function analyzeTags(
  outcomes: Uint8Array,
  tags: RowTags,
  agreement: LeaveOneOutScores | undefined,
  weights: Record<string, Partial<TagWeights>> = {},
  top = 3,
): TagAnalysis {
  const setTags = Array.from({ length: tags.setCount }, (_, s) => tags.tagIdsOfSet(s));
  const table = computeTagTable({ outcomes, rowSet: tags.rowSet, setTags, tagNames: tags.names, weights: (t) => weights[t], agreement });
  const overallHlp = agreement ? summarizeHlp(agreement).hlp : null;
  const suggestions = table.tags
    .filter((row: TagRow) => row.tag !== null || row.errors > 0)
    .slice(0, top)
    .map((row) => ({ tag: row.tag, ...suggestAction(row, overallHlp) }));
  return { ...table, overallHlp, suggestions };
}
