/** The error-analysis table of a loaded label file: outcomes, tags and labeler agreement put together. */
import { judgementsOfDataset } from '../agreement/fromDataset';
import { scoreLeaveOneOut, summarizeHlp, type LeaveOneOutScores } from '../agreement/labelers';
import type { Dataset } from '../dataset/dataset';
import type { RowTags } from '../dataset/rowTags';
import { computeTagTable, suggestAction, type SuggestedAction, type TagRow, type TagSetCounts, type TagTable, type TagWeights } from './tagMetrics';

export interface TagAnalysis extends TagTable {
  /** HLP over all rows, from the labelers; null without labelers. */
  overallHlp: number | null;
  /** `caution`: a small-sample warning to show next to the recommendation (null with enough examples). */
  suggestions: { tag: string | null; action: SuggestedAction; why: string; caution: string | null }[];
  /** Look-alike classes (whitespace, case, Unicode normalization) in the class columns, one line each. */
  warnings: string[];
}

/** Leave-one-out labeler agreement per row, or undefined when there are fewer than two labelers. */
export function labelerAgreement(dataset: Dataset): LeaveOneOutScores | undefined {
  const judgements = judgementsOfDataset(dataset);
  return judgements ? scoreLeaveOneOut(judgements) : undefined;
}

export interface AnalyzeOptions {
  weights?: Record<string, Partial<TagWeights>>;
  top?: number;
  /** Counts kept up to date by the caller (see TagSetCounts): no pass over the rows. */
  counts?: TagSetCounts;
  /** Overall HLP when the caller already knows it. */
  overallHlp?: number | null;
  /** How the class values were read (`core/values/datasetClasses.ts`): look-alike warnings to show with the table. */
  warnings?: string[];
}

export function analyzeTags(outcomes: Uint8Array, tags: RowTags, agreement: LeaveOneOutScores | undefined, options: AnalyzeOptions = {}): TagAnalysis {
  const { weights = {}, top = 3 } = options;
  const setTags = Array.from({ length: tags.setCount }, (_, s) => tags.tagIdsOfSet(s));
  // The project's tags (tags.json, whose weights come along) are listed even on no rows.
  const table = computeTagTable({ outcomes, rowSet: tags.rowSet, setTags, tagNames: tags.names, weights: (t) => weights[t], agreement, listed: Object.keys(weights) }, options.counts);
  const overallHlp = options.overallHlp !== undefined ? options.overallHlp : agreement ? summarizeHlp(agreement).hlp : null;
  const suggestions = table.tags
    .filter((row: TagRow) => row.tag !== null || row.errors > 0)
    .slice(0, top)
    .map((row) => ({ tag: row.tag, ...suggestAction(row, overallHlp) }));
  return { ...table, overallHlp, suggestions, warnings: options.warnings ?? [] };
}
