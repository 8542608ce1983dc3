import { promises as fs } from 'node:fs';
import { decodeField } from '../core/csv/decode';
import { CsvScanner, type CsvSink } from '../core/csv/scanner';
import type { Dataset } from '../core/dataset/dataset';

/** Collects one column's text for every data row, numbered exactly as the loader numbers rows. */
class ColumnCollector implements CsvSink {
  private inHeader = true;
  private current = '';
  row = 0;

  constructor(
    private readonly column: number,
    private readonly onValue: (row: number, value: string) => void,
  ) {}

  wantsBytes(column: number): boolean {
    return column === this.column;
  }

  field(column: number, bytes: Uint8Array, start: number, end: number, flags: number): void {
    if (column === this.column) this.current = decodeField(bytes, start, end, flags);
  }

  record(_fieldCount: number, _start: number, _end: number, _line: number, blank: boolean): void {
    const value = this.current;
    this.current = '';
    if (blank) return;
    if (this.inHeader) {
      this.inHeader = false;
      return;
    }
    this.onValue(this.row++, value);
  }
}

/**
 * Streams the file once and hands every row's value of one column to `onValue`: for what
 * the columns do not keep in memory (text search, sorting by a text column).
 */
export async function scanColumn(file: string, dataset: Dataset, column: number, onValue: (row: number, value: string) => void, signal?: AbortSignal): Promise<void> {
  const sink = new ColumnCollector(column, onValue);
  const scanner = new CsvScanner(sink, dataset.delimiter);
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let first = true;
    for (;;) {
      if (signal?.aborted) throw new Error('cancelled');
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      let chunk = buffer.subarray(0, bytesRead);
      if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      first = false;
      scanner.push(chunk);
    }
    scanner.end();
  } finally {
    await handle.close();
  }
}

/** The rows whose value in `column` contains `needle` (case-insensitive). */
export async function searchColumn(file: string, dataset: Dataset, column: number, needle: string, signal?: AbortSignal): Promise<Uint8Array> {
  const matches = new Uint8Array(dataset.rowCount);
  const lower = needle.toLowerCase();
  await scanColumn(file, dataset, column, (row, value) => {
    if (row < matches.length && value.toLowerCase().includes(lower)) matches[row] = 1;
  }, signal);
  return matches;
}

/** Every row's value of a column, for sorting by a column kept as text. */
export async function readColumn(file: string, dataset: Dataset, column: number, signal?: AbortSignal): Promise<string[]> {
  const values = new Array<string>(dataset.rowCount).fill('');
  await scanColumn(file, dataset, column, (row, value) => {
    if (row < values.length) values[row] = value;
  }, signal);
  return values;
}
