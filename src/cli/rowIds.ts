import { RowReader } from '../node/rowReader';
import type { CliLoadedFile } from './loadForCli';

/** The id cell of each 0-based row (read from the file), null for every row when the file has no id column. */
export function idsOfRows(loaded: CliLoadedFile, rows: number[]): (string | null)[] {
  const key = loaded.dataset.columns.findIndex((c) => c.kind === 'key');
  if (key < 0 || rows.length === 0) return rows.map(() => null);
  const reader = new RowReader(loaded.rowSource, loaded.dataset);
  try {
    return reader.read(rows).map((cells) => cells[key]);
  } finally {
    reader.close();
  }
}
