/**
 * The table's likely-label-error pieces that are not the detail pane's: the derived columns,
 * the summary line (how many, share per class) and the keys shown in the status line.
 */
import type { LabelIssuesSummary } from '../../src/protocol/labelTable';
import { formatCount } from '../shared/dom';
import type { DisplayColumn } from './virtualTable';
import { counted } from '../../src/core/plural';

/** "Label quality" (self-confidence, ascending puts the likely errors first) and "Suggested label". */
export function derivedColumns(widths: Record<string, number>): DisplayColumn[] {
  return [
    {
      id: 'labelQuality',
      title: 'Label quality',
      width: widths.labelQuality ?? 124,
      source: 'labelQuality',
      numeric: true,
      tooltip: 'p(given label) from the model\'s out-of-sample probabilities: the lower, the more likely the label is wrong (click to sort)',
    },
    { id: 'suggestedLabel', title: 'Suggested label', width: widths.suggestedLabel ?? 132, source: 'suggestedLabel', tooltip: 'The likely true label of a likely label error (confident learning; click to sort)' },
  ];
}

/** A probability as the CLI prints it (4 decimals), so the table and `loupe issues` read alike. */
export const formatProbability = (p: number) => p.toFixed(4);

const percent = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—');

/** "12 likely label errors (3.0%) · 10 to review · by label: cat 5 (4.2%), dog 7 (2.5%)". */
export function labelIssuesLine(summary: LabelIssuesSummary, open: number | undefined): { text: string; title: string } {
  const parts = [`${counted(summary.issues, 'likely label error')} (${percent(summary.issues, summary.used)})`];
  if (open !== undefined && open !== summary.issues) parts.push(`${formatCount(open)} to review`);
  const byClass = summary.perClass.filter((c) => c.issues > 0).map((c) => `${c.label} ${formatCount(c.issues)} (${percent(c.issues, c.rows)})`);
  if (byClass.length > 0) parts.push(`by label: ${byClass.join(', ')}`);
  const title = [
    `Confident learning over ${formatCount(summary.used)} rows with a label and probabilities (${summary.probabilityColumns.join(', ')})${summary.leftOut ? `; ${formatCount(summary.leftOut)} rows left out (missing label or probability)` : ''}.`,
    'Per label: likely errors among the rows given that label.',
    'The probabilities must be out-of-sample (cross-validated, or from a model that did not train on these rows).',
  ].join('\n');
  return { text: parts.join(' · '), title };
}

/** The file has probabilities but could not be read correctly. */
export const WITHHELD_LINE = {
  text: 'Likely label errors: not computed, the file has error-level problems',
  title: 'Loupe could not read this file correctly, so likely label errors would be wrong. Fix the problems listed in the banner and the Problems panel, then reopen the file.',
};

export interface StatusContext {
  hasOutcomes: boolean;
  hasLabelers: boolean;
  hasLabelIssues: boolean;
  reviewing: boolean;
  queue: 'disagreements' | 'likelyErrors';
  ambiguousClass: string | null;
  /** The selected row names an audio clip (p plays or pauses it). */
  hasClip?: boolean;
  /** A shown column holds image paths (i shows or hides their pictures). */
  hasPictures?: boolean;
}

/** The keys that work now, for the status line. */
export function statusKeys(c: StatusContext): string {
  if (c.reviewing) {
    const keys = ['1-9 choose label'];
    if (c.hasLabelIssues) keys.push('s suggested label', 'c label is right');
    keys.push('a ambiguous');
    if (c.ambiguousClass) keys.push(`x "${c.ambiguousClass}"`);
    keys.push('Backspace clear', 'n next undecided');
    if (c.hasClip) keys.push('p play/pause clip');
    if (c.hasPictures) keys.push('i pictures');
    keys.push('r leave review');
    return `Review ${c.queue === 'likelyErrors' ? 'likely label errors' : 'disagreements'}: ${keys.join(' · ')}`;
  }
  const keys = ['t tag', 'T tag all', '1-9 toggle'];
  if (c.hasOutcomes) keys.push('e next untagged error', 'm misclassified');
  if (c.hasLabelers) keys.push('d disagree');
  if (c.hasLabelIssues) keys.push('l likely label errors');
  if (c.hasLabelers || c.hasLabelIssues) keys.push('r review');
  if (c.hasClip) keys.push('p play/pause clip');
  if (c.hasPictures) keys.push('i pictures');
  keys.push('/ search', 'Space details');
  return keys.join(' · ');
}
