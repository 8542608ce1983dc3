/**
 * The "Likely label errors" section of an audit (DOMAIN.md §7): how many labels confident
 * learning finds probably wrong, the share per class, and the lowest self-confidence ones.
 * Present only when the file has per-class probability columns (or, for binary data, a
 * score column read as P(positive) on the probability scale).
 */
import type { ColumnInfo, Dataset } from '../dataset/dataset';
import { findLabelIssues, labelIssueRows, type LabelIssueRow } from '../labelIssues/confidentLearning';
import { LabelIssuesUnavailable, probabilityInputs, type LabelIssueSources, type ProbabilityInputs } from '../labelIssues/fromDataset';
import { readProbabilities } from '../labelIssues/probabilityColumns';
import type { BinaryMetrics } from './modelMetrics';

/** How many of the ranked issues the report lists. */
export const AUDIT_TOP_ISSUES = 20;

export interface LabelIssuesSection {
  labelColumn: string;
  /** The label's classes, in the order of `confidentJoint` and `thresholds`. */
  classes: string[];
  /** Per class: the mean P(class) over the rows labelled with it (null when none). */
  thresholds: (number | null)[];
  /** Rows = given label, columns = likely true label; diagonal raised to at least 1 (DOMAIN.md §7). */
  confidentJoint: number[][];
  /** P(class) columns in class order (the score column twice for binary data). */
  probabilityColumns: string[];
  /** Rows with a label and every probability; rows left out (a blank label or probability, one outside [0, 1]). */
  used: number;
  leftOut: number;
  /** Rows whose probabilities do not sum to 1 ± 0.01 (used as they are). */
  notSummingToOne: number;
  count: number;
  /** count / used. */
  share: number;
  /** Per class of the given label: its rows used, its likely errors and their share. */
  perClass: { class: string; rows: number; issues: number; share: number | null }[];
  /**
   * Per given class: the estimated share of its labels that are wrong, from the confident joint's
   * row (off-diagonal / row total, null when the row is empty).
   */
  labelNoise: (number | null)[];
  /** The first `top` (default `AUDIT_TOP_ISSUES`) by self-confidence ascending; `row` is 1-based. */
  top: LabelIssueRow[];
}

export interface LabelIssuesAuditInputs {
  dataset: Dataset;
  label: ColumnInfo;
  /** The metrics' binary reading, when binary with a score column: the score serves as P(positive) when it is a probability read as such. */
  binary: BinaryMetrics | null;
  /** The metrics' classes (the binary reading's two). */
  classes: readonly string[];
  /** The id of each of these 0-based rows (null without an id column): the caller reads the file. */
  idsOf?: (rows: number[]) => (string | null)[];
  /** How many issues to list (default `AUDIT_TOP_ISSUES`). */
  top?: number;
}

/** A binary score on the probability scale is P(the class it was read for): the positive class, or the other one when read as 1 − score. */
function scoreAsProbability(dataset: Dataset, binary: BinaryMetrics | null, classes: readonly string[]): LabelIssueSources['positiveScore'] {
  const score = binary ? dataset.columns.find((c) => c.name === binary.scoreColumn) : undefined;
  if (!binary || !score || binary.scoreScale !== 'probability' || classes.length !== 2) return undefined;
  if (binary.scoreReadAs === 'positive') return { column: score.index, positiveClass: binary.positive };
  if (binary.scoreReadAs === 'negative') return { column: score.index, positiveClass: classes.find((c) => c !== binary.positive)! };
  return undefined;
}

/** The section, or null when the file has no probabilities to learn from. */
export function auditLabelIssues({ dataset, label, binary, classes: metricClasses, idsOf, top = AUDIT_TOP_ISSUES }: LabelIssuesAuditInputs): LabelIssuesSection | null {
  const sources: LabelIssueSources = { label: label.index, positiveScore: scoreAsProbability(dataset, binary, metricClasses) };
  let inputs: ProbabilityInputs;
  try {
    inputs = probabilityInputs(dataset, sources);
  } catch (error) {
    if (error instanceof LabelIssuesUnavailable) return null;
    throw error;
  }
  const { classes, given } = inputs;
  const k = classes.length;
  const { probabilities, checks } = readProbabilities(inputs.columns.values, dataset.rowCount);
  const result = findLabelIssues({ classCount: k, given, probabilities });
  if (result.used === 0) return null;
  const rows = new Array<number>(k).fill(0);
  const issues = new Array<number>(k).fill(0);
  // A row is used when it has a label and numbers in [0, 1] (readProbabilities gives NaN otherwise).
  for (let i = 0; i < given.length; i++) if (given[i] >= 0 && !Number.isNaN(probabilities[i * k])) rows[given[i]]++;
  for (const e of result.issues) issues[e.given]++;
  const shown = result.issues.slice(0, top);
  const ids = idsOf ? idsOf(shown.map((e) => e.row)) : shown.map(() => null);
  return {
    labelColumn: label.name,
    classes,
    thresholds: Array.from(result.thresholds, (t) => (Number.isNaN(t) ? null : t)),
    confidentJoint: result.confidentJoint,
    labelNoise: result.confidentJoint.map((row, j) => {
      const total = row.reduce((a, b) => a + b, 0);
      return total > 0 ? (total - row[j]) / total : null;
    }),
    probabilityColumns: inputs.columns.names,
    used: result.used,
    leftOut: result.leftOut,
    notSummingToOne: checks.notSummingToOne,
    count: result.issues.length,
    share: result.issues.length / result.used,
    perClass: classes.map((c, j) => ({ class: c, rows: rows[j], issues: issues[j], share: rows[j] > 0 ? issues[j] / rows[j] : null })),
    top: labelIssueRows(shown, dataset.rowLines, classes, ids),
  };
}
