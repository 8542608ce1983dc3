import type { ScoreCellCounts } from '../core/audit/scoreCells';
import type { ColumnInfo } from '../core/dataset/dataset';
import type { LoadedFile } from './loadDataset';
import { scanColumn } from './scanColumn';

/** Counts them; the column keeps only NaN for both, so the file is read again, only when there is one. */
export async function countScoreCells(loaded: LoadedFile, score: ColumnInfo): Promise<ScoreCellCounts> {
  const counts: ScoreCellCounts = { empty: 0, notANumber: 0, first: null };
  const { dataset } = loaded;
  const numbers = dataset.numbers[score.index];
  if (!numbers || !numbers.some((v) => Number.isNaN(v))) return counts;
  await scanColumn(loaded.rowSource, dataset, score.index, (row, value) => {
    if (!Number.isNaN(numbers[row])) return;
    if (value.trim() === '') {
      counts.empty++;
      return;
    }
    counts.notANumber++;
    counts.first ??= { line: dataset.rowLines[row], text: value };
  });
  return counts;
}

/** One line for `loupe metrics`' text output ('' when every score is a number). */
export function describeScoreCells(file: string, column: string, counts: ScoreCellCounts): string {
  const parts: string[] = [];
  if (counts.notANumber > 0) parts.push(`${counts.notANumber} not a decimal number (first "${counts.first!.text}" at ${file}:${counts.first!.line})`);
  if (counts.empty > 0) parts.push(`${counts.empty} empty`);
  return parts.length === 0 ? '' : `score column "${column}": ${parts.join(', ')}; left out of the ranking metrics only`;
}
