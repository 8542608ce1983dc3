/**
 * Confident learning's result as the label table shows it: a summary line, what one row's
 * probabilities say, and sort keys for the derived columns "label quality" (self-confidence)
 * and "suggested label".
 */
import { rankDictionary } from '../dataset/sortKeys';
import type { LabelIssuesOfDataset } from './fromDataset';

/** Confident learning's reading of a row (DOMAIN.md §7), when the file has per-class probabilities. */
export interface RowLabelIssue {
  /** The given label, as a class name. */
  given: string;
  /** The likely true label, for a likely label error; null otherwise. */
  suggested: string | null;
  /** Label quality: p(given label), lower is more likely wrong. */
  selfConfidence: number;
  issue: boolean;
  /** The most probable classes, most probable first (at most `TOP_CLASSES`). */
  top: { label: string; p: number }[];
}

/** Likely label errors over the whole file, for the table's summary line. */
export interface LabelIssuesSummary {
  classes: string[];
  /** Headers of P(class), in class order. */
  probabilityColumns: string[];
  /** Rows with a label and every probability. */
  used: number;
  leftOut: number;
  issues: number;
  /** Per given label: its rows used and how many of them are likely errors. */
  perClass: { label: string; rows: number; issues: number }[];
}

const TOP_CLASSES = 3;

export function summarizeLabelIssues(found: LabelIssuesOfDataset): LabelIssuesSummary {
  const { classes, result, given, probabilities } = found;
  const k = classes.length;
  const rows = new Array<number>(k).fill(0);
  const issues = new Array<number>(k).fill(0);
  for (let i = 0; i < given.length; i++) {
    if (!isUsable(given, probabilities, k, i)) continue;
    rows[given[i]]++;
    issues[given[i]] += result.isIssue[i];
  }
  return {
    classes,
    probabilityColumns: found.probabilityColumns,
    used: result.used,
    leftOut: result.leftOut,
    issues: result.issues.length,
    perClass: classes.map((label, j) => ({ label, rows: rows[j], issues: issues[j] })),
  };
}

/** What the probabilities say about one row; undefined when it has no label or a probability is missing. */
export function labelIssueOfRow(found: LabelIssuesOfDataset, row: number): RowLabelIssue | undefined {
  const { classes, result, given, probabilities } = found;
  const k = classes.length;
  if (!isUsable(given, probabilities, k, row)) return undefined;
  const base = row * k;
  const order = classes.map((_, j) => j).sort((a, b) => probabilities[base + b] - probabilities[base + a] || a - b);
  const issue = result.isIssue[row] === 1;
  return {
    given: classes[given[row]],
    suggested: issue ? classes[result.likely[row]] : null,
    selfConfidence: probabilities[base + given[row]],
    issue,
    top: order.slice(0, TOP_CLASSES).map((j) => ({ label: classes[j], p: probabilities[base + j] })),
  };
}

/** Per row: its self-confidence, NaN when it was left out (sorted last either way). */
export function labelQualityKeys(found: LabelIssuesOfDataset): Float64Array {
  const { classes, given, probabilities } = found;
  const k = classes.length;
  const keys = new Float64Array(given.length).fill(Number.NaN);
  for (let i = 0; i < given.length; i++) if (isUsable(given, probabilities, k, i)) keys[i] = probabilities[i * k + given[i]];
  return keys;
}

/** Per row: the rank of its suggested label among the class names, -1 when it is not a likely error. */
export function suggestedLabelRanks(found: LabelIssuesOfDataset): { ranks: Int32Array; rankCount: number } {
  const { classes, result } = found;
  const classRank = rankDictionary(classes);
  const ranks = new Int32Array(result.isIssue.length).fill(-1);
  for (let i = 0; i < ranks.length; i++) if (result.isIssue[i]) ranks[i] = classRank[result.likely[i]];
  return { ranks, rankCount: classes.length };
}

/** A row with a label in range and every probability (readProbabilities makes a whole row NaN). */
function isUsable(given: Int32Array, probabilities: Float64Array, k: number, row: number): boolean {
  return given[row] >= 0 && given[row] < k && !Number.isNaN(probabilities[row * k]);
}
