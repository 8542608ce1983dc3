/**
 * Score cells left out of the ranking metrics (DOMAIN §1): counted by whoever reads the file
 * (`node/scoreCells.ts`), reported the same way by `loupe metrics`, the Metrics view and the audit.
 */
import type { ModelMetrics } from './modelMetrics';

/** Score cells left out of the ranking metrics: empty ones, and text that is not a decimal number (`n/a`, `0x10`, `Infinity`). */
export interface ScoreCellCounts {
  empty: number;
  notANumber: number;
  /** The first cell that is not a number, with its line. */
  first: { line: number; text: string } | null;
}

/** Metrics as the views and the audit receive them: with the score cells counted when they are binary with a score column. */
export type MetricsWithScoreCells = ModelMetrics & { scoreCells?: ScoreCellCounts };

const SHOWN = 40;

/** The cell as quoted in a message: JSON string syntax (no raw newline or quote), cut at 40 characters. */
function quoted(text: string): string {
  const chars = [...text];
  return JSON.stringify(chars.length > SHOWN ? `${chars.slice(0, SHOWN).join('')}…` : text);
}

/** One line for the views and the audit ('' when every score is a number). */
export function describeLeftOutScores(counts: ScoreCellCounts | undefined): string {
  if (!counts || (counts.notANumber === 0 && counts.empty === 0)) return '';
  const parts: string[] = [];
  const cells = (n: number) => `${n.toLocaleString('en-US')} score ${n === 1 ? 'cell' : 'cells'}`;
  if (counts.notANumber > 0) {
    const first = counts.first ? ` (first ${quoted(counts.first.text)} on line ${counts.first.line})` : '';
    parts.push(`${cells(counts.notANumber)} ${counts.notANumber === 1 ? 'is not a number' : 'are not numbers'}${first}`);
  }
  if (counts.empty > 0) {
    const verb = counts.empty === 1 ? 'is' : 'are';
    parts.push(parts.length ? `${counts.empty.toLocaleString('en-US')} ${verb} empty` : `${cells(counts.empty)} ${verb} empty`);
  }
  return `${parts.join(' and ')}: left out of ROC AUC and AP`;
}
