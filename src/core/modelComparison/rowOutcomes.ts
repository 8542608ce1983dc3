/**
 * Per row of one file, how two of its prediction columns compare (DOMAIN.md §8), for the
 * table's filters "fixed by B", "broken by B" and "changed prediction": the same class reading
 * as `loupe compare` (`assignComparisonClasses`), so the table shows the rows the view counts.
 */
import { assignComparisonClasses, type CodedColumn } from './comparisonClasses';
import { Outcome, pairOutcomes } from './compareModels';

export const COMPARISON_KINDS = ['fixed', 'broken', 'changed', 'bothWrong', 'bothRight'] as const;
export type ComparisonKind = (typeof COMPARISON_KINDS)[number];

/** Bit set on a row whose two predictions name different classes (both present). */
export const PREDICTION_CHANGED = 8;
const OUTCOME_BITS = 7;

/**
 * Per row: an `Outcome` (low bits), plus PREDICTION_CHANGED when A and B differ. With
 * `labelClass` (a class as `loupe compare` names it in its per-class rows), rows of other
 * labels get no flag, so they match no kind.
 */
export function comparisonRowFlags(label: CodedColumn, a: CodedColumn, b: CodedColumn, labelClass?: string): Uint8Array {
  const classes = assignComparisonClasses(label, a, b);
  const flags = pairOutcomes(classes.truth, classes.a, classes.b);
  for (let i = 0; i < flags.length; i++) if (classes.a[i] >= 0 && classes.b[i] >= 0 && classes.a[i] !== classes.b[i]) flags[i] |= PREDICTION_CHANGED;
  if (labelClass !== undefined) {
    const wanted = classes.classes.indexOf(labelClass);
    for (let i = 0; i < flags.length; i++) if (classes.truth[i] !== wanted || wanted < 0) flags[i] = 0;
  }
  return flags;
}

const OUTCOME_OF: Readonly<Record<Exclude<ComparisonKind, 'changed'>, number>> = { fixed: Outcome.Fixed, broken: Outcome.Broken, bothWrong: Outcome.BothWrong, bothRight: Outcome.BothRight };

/** Whether a row's flags belong to a kind. */
export function rowTestOfKind(flags: Uint8Array, kind: ComparisonKind): (row: number) => boolean {
  if (kind === 'changed') return (row) => (flags[row] & PREDICTION_CHANGED) !== 0;
  const outcome = OUTCOME_OF[kind];
  return (row) => (flags[row] & OUTCOME_BITS) === outcome;
}
